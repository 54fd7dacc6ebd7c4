using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using PolicyAnalyzers.Build.Reporting;
using PolicyAnalyzers.Packages.Assemblies;
using PolicyAnalyzers.Packages.Caching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// PA1002 from the build where PolicyAnalyzers' analyzers are not loaded (an F# project, or analyzers turned off):
    /// every assembly the compiler is given, in the analyzer's words. The findings are logged here and written for the
    /// report step (the same file format as the package findings).
    /// </summary>
    public sealed class CheckReferencedAssemblies : PolicyTask
    {
        [Required]
        public string ProjectPath { get; set; } = "";

        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Where the findings go for the report step (obj/…/policyanalyzers.assemblies.json).</summary>
        public string? FindingsFile { get; set; }

        protected override void Unexpected(Exception e)
            => Log.LogError(null, DiagnosticIds.AssemblyReference, null, DocsLink(DiagnosticIds.AssemblyReference), ProjectPath, 0, 0, 0, 0,
                "The referenced-assembly check failed unexpectedly: {0}: {1} Please report this with the build log.", e.GetType().Name, e.Message);

        protected override void Run()
        {
            var snapshot = LoadPolicy();
            var project = System.IO.Path.GetFileNameWithoutExtension(ProjectPath);
            var paths = References.Select(r => r.GetMetadata("FullPath") is { Length: > 0 } p ? p : r.ItemSpec).Distinct(StringComparer.OrdinalIgnoreCase);
            var entries = new List<PackageFindingEntry>();
            foreach (var f in AssemblyCheck.Run(snapshot, paths, project, (path, reason) =>
                Log.LogMessage(MessageImportance.High, $"PolicyAnalyzers could not read referenced assembly '{path}' ({reason}); it is not checked.")))
            {
                var level = f.Finding.Severity switch { FindingSeverity.Error => ReportLevel.Error, FindingSeverity.Warning => ReportLevel.Warning, _ => ReportLevel.Info };
                Report(DiagnosticIds.AssemblyReference, level, f.Finding.HelpLink, ProjectPath, 0, 0, FindingText.WithLink(f.Finding.Message, f.Finding.HelpLink));
                var properties = f.Finding.Properties().ToList();
                properties.Add(new KeyValuePair<string, string>(FindingProperties.Assembly, f.Assembly.Name + ", Version=" + f.Assembly.Version));
                properties.Add(new KeyValuePair<string, string>(FindingProperties.AssemblyPath, f.Path));
                entries.Add(new PackageFindingEntry
                {
                    Id = DiagnosticIds.AssemblyReference,
                    Severity = f.Finding.Severity,
                    File = ProjectPath,
                    HelpLink = f.Finding.HelpLink,
                    Message = f.Finding.Message,
                    Properties = properties,
                });
            }

            if (!string.IsNullOrEmpty(FindingsFile))
            {
                CacheFile.Write(FindingsFile!, PackageFindingsFile.Write(entries));
            }
        }
    }
}
