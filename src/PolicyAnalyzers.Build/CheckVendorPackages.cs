using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Packages.Assets;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Build.Locations;
using PolicyAnalyzers.Build.Reporting;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Packages;
using PolicyAnalyzers.Packages.Feeds;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// PA1003: every package in the restore graph (direct and transitive) that belongs to a listed vendor, by its id
    /// or by who published it (nuspec, signature, assemblies inside), located at the reference that brings it in,
    /// with all evidence and the dependency path. Also reports policy problems when the
    /// analyzer does not run. Never throws: every failure becomes a located diagnostic.
    /// </summary>
    public sealed class CheckVendorPackages : PolicyTask
    {
        [Required]
        public string ProjectPath { get; set; } = "";

        public string? ProjectAssetsFile { get; set; }
        public string? TargetFramework { get; set; }
        public string? TargetMoniker { get; set; }

        /// <summary>The project's TargetFrameworks: a package several bring is reported once, in the first that brings it.</summary>
        public string? TargetFrameworks { get; set; }

        /// <summary>True when a broken or missing policy only warns (the targets never set it in CI unless allowed).</summary>
        public bool FailOpen { get; set; }

        /// <summary>Other files that may hold the references: Directory.Build.props/targets, Directory.Packages.props.</summary>
        public ITaskItem[] ReferenceFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>True when the analyzer does not run in this build, so the task must report policy problems and
        /// package findings itself; otherwise the analyzer reports the findings from <see cref="FindingsFile"/>.</summary>
        public bool ReportPolicyProblems { get; set; }

        /// <summary>True when the task logs package findings itself (analyzers off, or a compiler that prints no place in a project file).</summary>
        public bool ReportPackageFindings { get; set; }

        /// <summary>Where the package findings are written for the analyzer (obj/…/policyanalyzers.packages.json).</summary>
        public string? FindingsFile { get; set; }

        /// <summary>Opt-in: ask the configured feeds who owns each package (cached, time-bounded).</summary>
        public bool OnlineCheck { get; set; }

        public int OnlineTimeoutSeconds { get; set; } = 10;

        /// <summary>Where feed answers are cached (under the intermediate output folder by default).</summary>
        public string? OnlineCacheFile { get; set; }

        public int OnlineCacheHours { get; set; } = 24;

        /// <summary>Where to record the waivers the package findings used, for the unused-waiver check after compilation.</summary>
        public string? UsedWaiversFile { get; set; }

        /// <summary>The findings, for other targets (reports, SARIF) to consume.</summary>
        [Output]
        public ITaskItem[] Findings { get; private set; } = Array.Empty<ITaskItem>();

        // A bug of ours must not hide behind a stack trace or silently pass the build.
        protected override void Unexpected(Exception e)
            => Log.LogError(null, DiagnosticIds.AssetsUnreadable, null, DocsLink(DiagnosticIds.AssetsUnreadable), ProjectPath, 0, 0, 0, 0,
                $"The vendor package check failed unexpectedly: {e.GetType().Name}: {e.Message} Please report this with the build log.");

        protected override void Run()
        {
            Check();
            RecordUsedWaivers();
            WriteFindingsFile();
        }

        private void Check()
        {
            var snapshot = LoadPolicy();
            if (ReportPolicyProblems)
            {
                foreach (var problem in snapshot.Problems)
                {
                    var rule = Policy.Rules.RuleCatalogue.Get(problem.Id);
                    var level = rule.DefaultSeverity != FindingSeverity.Error || (FailOpen && rule.FailsOpen) ? ReportLevel.Warning : ReportLevel.Error;
                    Report(problem.Id, level, DocsLink(problem.Id), problem.FilePath, problem.Line, problem.Column, problem.Message);
                }
            }

            var index = snapshot.Index;
            if (index.Packages.Count == 0 && !PackageCheck.NeedsEvidence(index))
            {
                return;
            }

            if (string.IsNullOrEmpty(ProjectAssetsFile) || !File.Exists(ProjectAssetsFile))
            {
                Log.LogMessage(MessageImportance.Low, $"PolicyAnalyzers: no restore output at '{ProjectAssetsFile}'; no packages to check.");
                return;
            }

            PackageGraph graph;
            try
            {
                graph = PackageGraph.Read(ProjectAssetsFile!, TargetFramework, TargetMoniker);
            }
            catch (Exception e) when (e is AssetsException || e is IOException || e is UnauthorizedAccessException)
            {
                var (line, column) = e is AssetsException a ? (a.Line, a.Column) : (0, 0);
                Report(DiagnosticIds.AssetsUnreadable, ReportLevel.Error, DocsLink(DiagnosticIds.AssetsUnreadable), ProjectAssetsFile!, line, column,
                    $"The restore output cannot be read, so vendor packages cannot be checked: {e.Message} Run 'dotnet restore' (or delete the obj folder and restore) to recreate it.");
                return;
            }

            var locator = new ReferenceLocator(new[] { ProjectPath }.Concat(ReferenceFiles.Select(f => f.ItemSpec)));
            var projectName = Path.GetFileNameWithoutExtension(ProjectPath);
            var feeds = OnlineCheck && index.HasOwnerEntries ? LookUpOwners(graph) : null;
            var found = PackageCheck.Run(snapshot, graph, projectName, feeds, (node, problems) =>
                Report(DiagnosticIds.PackageEvidenceUnreadable, ReportLevel.Warning, DocsLink(DiagnosticIds.PackageEvidenceUnreadable), ProjectAssetsFile!, 0, 0,
                    $"Package '{node.Display}' could not be fully checked for publisher evidence: {string.Join("; ", problems)}. Its id is still checked. Delete the package from the package folder and restore again."));
            var frameworks = Frameworks();
            Dictionary<string, List<string>>? bringers = null;
            if (frameworks.Count > 1 && TargetFramework is { } current && frameworks.Contains(current, StringComparer.OrdinalIgnoreCase))
            {
                // One finding per package per project: each framework's check sees which frameworks bring the package,
                // and only the first of them reports it, naming them all.
                bringers = Bringers(snapshot, projectName, frameworks, found);
                found = PackageCheck.Run(snapshot, graph, projectName, feeds, (_, _) => { }, node => bringers.TryGetValue(node.Display, out var tfms) && tfms.Count > 1 ? "in " + string.Join(" and ", tfms) : null)
                    .Where(f => bringers.TryGetValue(f.Node.Display, out var tfms) && string.Equals(tfms[0], current, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            var entries = new List<PackageFindingEntry>();
            var items = new List<ITaskItem>();
            foreach (var f in found)
            {
                var verdict = f.Finding.Verdict;
                var at = f.Introducer.IsProject ? locator.FindProject(f.Introducer.Id) : locator.FindPackage(f.Introducer.Id);
                var level = f.Finding.Severity switch
                {
                    FindingSeverity.Error => ReportLevel.Error,
                    FindingSeverity.Warning => ReportLevel.Warning,
                    _ => ReportLevel.Info,
                };
                var file = at?.FilePath ?? ProjectPath;
                var reported = ReportPolicyProblems || ReportPackageFindings || string.IsNullOrEmpty(FindingsFile)
                    ? Report(DiagnosticIds.Package, level, verdict.HelpLink, file, at?.Line ?? 0, at?.Column ?? 0, FindingText.WithLink(f.Finding.Message, verdict.HelpLink))
                    : level;

                var entry = new PackageFindingEntry
                {
                    Severity = f.Finding.Severity,
                    File = file,
                    Line = at?.Line ?? 0,
                    Column = at?.Column ?? 0,
                    HelpLink = verdict.HelpLink,
                    Message = f.Finding.Message,
                    Properties = f.Finding.Properties().ToList(),
                    Assemblies = f.Node.CompileAssets.Where(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(a => Path.GetFileNameWithoutExtension(a)!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                };
                entry.Properties.Add(new KeyValuePair<string, string>(FindingProperties.Package, f.Node.Display));
                if (bringers != null && bringers.TryGetValue(f.Node.Display, out var brought))
                {
                    entry.Properties.Add(new KeyValuePair<string, string>(FindingProperties.Frameworks, string.Join(";", brought)));
                }

                entries.Add(entry);
                var item = new TaskItem(f.Node.Id);
                item.SetMetadata("Version", f.Node.Version);
                item.SetMetadata("Vendor", verdict.Vendor.Id);
                item.SetMetadata("Measure", verdict.Measure.Id);
                item.SetMetadata("Severity", SeverityLevels.Name(f.Finding.Severity));
                item.SetMetadata("Level", reported.ToString());
                item.SetMetadata("Waiver", f.Finding.Waiver?.Id ?? "");
                items.Add(item);
            }

            Entries = entries;
            Findings = items.ToArray();
        }

        /// <summary>The findings as the analyzer receives them (the findings file).</summary>
        internal List<PackageFindingEntry> Entries { get; private set; } = new();

        private List<string> Frameworks()
            => (TargetFrameworks ?? "").Split(';').Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // Package ("Id Version") -> the frameworks whose graph holds it as a vendor package, in TargetFrameworks order.
        private Dictionary<string, List<string>> Bringers(PolicySnapshot snapshot, string projectName, List<string> frameworks, List<PackageFinding> current)
        {
            var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var tfm in frameworks)
            {
                List<PackageFinding> found;
                if (string.Equals(tfm, TargetFramework, StringComparison.OrdinalIgnoreCase))
                {
                    found = current;
                }
                else
                {
                    try
                    {
                        found = PackageCheck.Run(snapshot, PackageGraph.Read(ProjectAssetsFile!, tfm, null), projectName, null, (_, _) => { });
                    }
                    catch (Exception e) when (e is AssetsException || e is IOException || e is UnauthorizedAccessException)
                    {
                        continue; // that framework's own check reports its restore output
                    }
                }

                foreach (var f in found)
                {
                    if (!result.TryGetValue(f.Node.Display, out var list))
                    {
                        result[f.Node.Display] = list = new List<string>();
                    }

                    list.Add(tfm);
                }
            }

            return result;
        }

        // Always written when the check runs (an empty list is news too), and only when it changes.
        private void WriteFindingsFile()
        {
            if (string.IsNullOrEmpty(FindingsFile))
            {
                return;
            }

            var text = PackageFindingsFile.Write(Entries);
            WriteIfChanged(FindingsFile!, text, "package findings will not reach the compiler's log or the editor");
        }

        private void WriteIfChanged(string path, string text, string consequence)
        {
            try
            {
                if (!File.Exists(path) || File.ReadAllText(path) != text)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    File.WriteAllText(path, text);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogWarning($"PolicyAnalyzers could not write '{path}' ({e.Message}); {consequence}.");
            }
        }

        private void RecordUsedWaivers()
        {
            if (string.IsNullOrEmpty(UsedWaiversFile))
            {
                return;
            }

            var text = string.Concat(Findings.Select(f => f.GetMetadata("Waiver")).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(w => w, StringComparer.Ordinal).Select(w => w + "\n"));
            WriteIfChanged(UsedWaiversFile!, text, "unused package waivers will not be reported");
        }

        private FeedLookupResult LookUpOwners(PackageGraph graph)
        {
            var packages = graph.Nodes.Values.Where(n => !n.IsProject).Select(n => (n.Id, n.Version)).ToList();
            var cache = FeedCache.Load(OnlineCacheFile, TimeSpan.FromHours(Math.Max(0, OnlineCacheHours)));
            var timeout = TimeSpan.FromSeconds(Math.Max(1, OnlineTimeoutSeconds));
            var started = DateTime.UtcNow;
            var result = FeedOwnerLookup.Run(Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, packages, cache, timeout);
            cache.Save(OnlineCacheFile);
            if (result.Failures.Count > 0)
            {
                // One informational diagnostic, never a warning or error: the offline findings stand on their own.
                Log.LogMessage(null, DiagnosticIds.FeedUnavailable, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High,
                    "PolicyAnalyzers could not check package owners online ({0}); the offline findings stand. Took {1:0.0} s (limit PolicyAnalyzersOnlineTimeoutSeconds={2}).",
                    string.Join("; ", result.Failures), (DateTime.UtcNow - started).TotalSeconds, OnlineTimeoutSeconds);
            }
            else
            {
                Log.LogMessage(MessageImportance.Low, $"PolicyAnalyzers: owners of {result.ByPackage.Count} of {packages.Count} packages known from the feeds.");
            }

            return result;
        }
    }
}
