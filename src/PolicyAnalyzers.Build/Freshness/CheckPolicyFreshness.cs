using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using NuGet.Versioning;
using PolicyAnalyzers.Packages.Feeds;
using PolicyAnalyzers.Policy;

namespace PolicyAnalyzers.Build.Freshness
{
    /// <summary>
    /// PA0010, opt-in (PolicyAnalyzersCheckPolicyUpdates): asks the project's configured feeds whether a newer
    /// version of each policy package in use exists (<see cref="LatestVersionLookup"/>). Answers share the feed cache
    /// under obj/ with the owner check; the whole check is bounded by one timeout; a feed that cannot be asked is one
    /// message and never fails the build.
    /// </summary>
    public sealed class CheckPolicyFreshness : Microsoft.Build.Utilities.Task
    {
        /// <summary>PolicyAnalyzersRulesUrl: where rule pages are; empty for the pages the package ships.</summary>
        public string? RulesUrl { get; set; }

        /// <summary>Policy layers; those from a policy package carry PackageId and PackageVersion metadata.</summary>
        [Required]
        public ITaskItem[] PolicyFiles { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectPath { get; set; } = "";

        public int TimeoutSeconds { get; set; } = 10;
        public string? CacheFile { get; set; }
        public int CacheHours { get; set; } = 24;

        public override bool Execute()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Log.LogMessage(null, DiagnosticIds.NewerPolicy, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High,
                    "PolicyAnalyzers could not check for a newer policy package: {0}: {1}", e.GetType().Name, e.Message);
            }

            return true; // freshness never fails a build
        }

        private void Run()
        {
            var inUse = new Dictionary<string, (NuGetVersion Version, string File)>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in PolicyFiles)
            {
                var id = file.GetMetadata("PackageId");
                if (id.Length > 0 && NuGetVersion.TryParse(file.GetMetadata("PackageVersion"), out var version))
                {
                    inUse[id] = (version, file.ItemSpec);
                }
            }

            if (inUse.Count == 0)
            {
                return;
            }

            var cache = FeedCache.Load(CacheFile, TimeSpan.FromHours(Math.Max(0, CacheHours)));
            var answer = LatestVersionLookup.Run(Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, inUse.Keys.ToList(), cache, TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds)));
            cache.Save(CacheFile);
            var latest = answer.ByPackage;
            var failures = answer.Failures;

            foreach (var pair in inUse)
            {
                var current = pair.Value.Version;
                if (latest.TryGetValue(pair.Key, out var newest) && newest.Version > current)
                {
                    Log.LogWarning(null, DiagnosticIds.NewerPolicy, null, DiagnosticIds.DocsLink(DiagnosticIds.NewerPolicy, RulesUrl), ProjectPath, 0, 0, 0, 0,
                        "Policy package '{0}' {1} is in use, but {2} is available on feed '{3}'. Update the reference (PackageReference or GlobalPackageReference) so this project follows the current policy.",
                        pair.Key, current.ToNormalizedString(), newest.Version.ToNormalizedString(), newest.Feed);
                }
            }

            if (failures.Count > 0)
            {
                Log.LogMessage(null, DiagnosticIds.NewerPolicy, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High,
                    "PolicyAnalyzers could not check every feed for a newer policy package ({0}); the build goes on with the policy it has.", string.Join("; ", failures.Distinct()));
            }
        }
    }
}
