using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Packages.Caching;
using PolicyAnalyzers.Build.Locations;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Reports;

namespace PolicyAnalyzers.Build.Reporting
{
    /// <summary>
    /// After compilation: gathers every PolicyAnalyzers finding of the project (the compiler's SARIF log, plus the
    /// package findings when the analyzer did not run), writes PolicyAnalyzers' SARIF log, ends the project's build
    /// with one summary line, and in CI restores the severity the policy decided where a local setting (an
    /// .editorconfig severity, #pragma, NoWarn) lowered a mandatory finding.
    /// </summary>
    public sealed class ReportPolicyFindings : PolicyTask
    {
        [Required]
        public string ProjectPath { get; set; } = "";

        public string? CompilerLog { get; set; }

        /// <summary>The package check's findings file; read when the analyzer did not report them.</summary>
        public string? PackageFindingsFile { get; set; }

        public bool AnalyzersRan { get; set; } = true;

        /// <summary>True when the package findings are in the package check's file rather than the compiler's log.</summary>
        public bool PackageFindingsFromFile { get; set; }

        /// <summary>The build's own PA1002 findings, written where the analyzers do not run.</summary>
        public string? AssemblyFindingsFile { get; set; }

        /// <summary>Why code was not analysed when the analyzers are not loaded for the project's language.</summary>
        public string? CodeNotAnalysedReason { get; set; }

        /// <summary>Where to write PolicyAnalyzers' SARIF log; empty for none.</summary>
        public string? SarifFile { get; set; }

        /// <summary>Where to write the HTML report for security teams; empty for none.</summary>
        public string? HtmlFile { get; set; }

        /// <summary>Where to write the Markdown summary (for a pull-request comment); empty for none.</summary>
        public string? MarkdownFile { get; set; }

        /// <summary>Locations in the SARIF log are relative to this folder (the repository root).</summary>
        public string? SarifRoot { get; set; }

        public string? ToolVersion { get; set; }

        /// <summary>True in CI unless the project opted out: mandatory findings fail the build whatever local settings say.</summary>
        public bool Escalate { get; set; }

        /// <summary>False when the project turned the checks off and no layer enforces them: nothing was checked.</summary>
        public bool ChecksOn { get; set; } = true;

        /// <summary>True when the package check ran (or was up to date) in this build.</summary>
        public bool PackagesChecked { get; set; }

        public bool PackageCheckOn { get; set; } = true;

        /// <summary>True when a policy layer enforces settings: an escape found here is PA2003/PA2004.</summary>
        public bool Enforced { get; set; }

        public bool InCI { get; set; }

        public bool FailOpen { get; set; }

        /// <summary>The .editorconfig/.globalconfig files the compiler read, to locate a severity that turned a rule off.</summary>
        public ITaskItem[] AnalyzerConfigFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Files that may remove the analyzers or set NoWarn (project, Directory.Build.props/targets).</summary>
        public ITaskItem[] SettingsFiles { get; set; } = Array.Empty<ITaskItem>();

        private static readonly string[] VendorRules = { DiagnosticIds.ApiUse, DiagnosticIds.AssemblyReference, DiagnosticIds.Package, DiagnosticIds.NativeLibrary, DiagnosticIds.LateBinding, DiagnosticIds.Endpoint };

        protected override void Unexpected(Exception e)
            => Log.LogWarning($"PolicyAnalyzers could not write its report: {e.GetType().Name}: {e.Message} Please report this with the build log.");

        protected override void Run()
        {
            var run = ChecksOn ? CompilerErrorLog.ReadRun(CompilerLog) : null;
            var findings = run?.Findings ?? new List<LoggedFinding>();
            // Package findings reach the build through the analyzer; where it did not run they are reported here.
            var analyzerMissing = AnalyzersRan && run != null && !run.RulesRun.Contains(DiagnosticIds.ApiUse);
            var taskFindings = new List<PackageFindingEntry>();
            foreach (var file in new[] { PackageFindingsFile, AnalyzersRan ? null : AssemblyFindingsFile })
            {
                if (ChecksOn && (!AnalyzersRan || analyzerMissing || (PackageFindingsFromFile && file == PackageFindingsFile)) && !string.IsNullOrEmpty(file) && File.Exists(file))
                {
                    taskFindings.AddRange(Policy.Findings.PackageFindingsFile.Read(File.ReadAllText(file!)) ?? new List<PackageFindingEntry>());
                }
            }

            {
                foreach (var e in taskFindings)
                {
                    var f = new LoggedFinding { RuleId = e.Id, Level = SeverityLevels.Sarif(e.Severity), Message = e.Message, File = e.File, Line = e.Line, Column = e.Column, HelpUri = e.HelpLink };
                    foreach (var p in e.Properties)
                    {
                        f.Properties[p.Key] = p.Value;
                    }

                    if (analyzerMissing && !PackageFindingsFromFile)
                    {
                        Report(e.Id, e.Severity switch { FindingSeverity.Error => ReportLevel.Error, FindingSeverity.Warning => ReportLevel.Warning, _ => ReportLevel.Info }, e.HelpLink, e.File, e.Line, e.Column, FindingText.WithLink(e.Message, e.HelpLink));
                    }

                    findings.Add(f);
                }
            }

            var snapshot = LoadPolicy();
            var policy = snapshot.Policy.Describe();
            var coverage = Coverage(snapshot, run);
            var escalated = Escalate ? EscalateInCI(findings) : 0;
            if (!string.IsNullOrEmpty(SarifFile))
            {
                var properties = new Dictionary<string, string>
                {
                    ["policy"] = policy,
                    ["policyDate"] = PolicyDate.Write(snapshot.Today),
                    ["audience"] = snapshot.Verdicts.ProjectAudience ?? "",
                    ["project"] = ProjectPath,
                };
                CacheFile.Write(SarifFile!, SarifLog.Write(findings, SarifRoot is { Length: > 0 } root ? root : RepositoryRoot(), ProjectPath, properties, coverage, ToolVersion ?? "1.0.0", RulesUrl));
            }

            var projects = new[] { new ProjectFindings(Path.GetFileNameWithoutExtension(ProjectPath), Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, findings) };
            if (!string.IsNullOrEmpty(HtmlFile))
            {
                CacheFile.Write(HtmlFile!, FindingReports.Html(projects, policy, PolicyDate.Write(snapshot.Today), RulesUrl));
            }

            if (!string.IsNullOrEmpty(MarkdownFile))
            {
                CacheFile.Write(MarkdownFile!, FindingReports.Markdown(projects, policy, PolicyDate.Write(snapshot.Today), RulesUrl));
            }

            Log.LogMessage(MessageImportance.High, Summary(findings, escalated, coverage));
        }

        // What this build checked, from the settings and from the compiler's own log (which lists every rule of every
        // analyzer it ran and every rule a severity setting changed); escapes an enforcing layer forbids are reported.
        private CheckCoverage Coverage(PolicySnapshot snapshot, CompilerRun? run)
        {
            var coverage = new CheckCoverage
            {
                Layers = snapshot.Policy.Layers,
                Audience = snapshot.Verdicts.ProjectAudience ?? "",
                Date = PolicyDate.Write(snapshot.Today),
                EnforcedBy = snapshot.Policy.Enforcement is { } e ? e.Source.Describe() : "",
            };
            if (!ChecksOn)
            {
                coverage.CodeNotAnalysed = coverage.PackagesNotChecked = "PolicyAnalyzersEnabled is false";
                return coverage;
            }

            var locator = new ReferenceLocator(SettingsFiles.Select(f => f.ItemSpec));
            if (!AnalyzersRan)
            {
                coverage.CodeNotAnalysed = string.IsNullOrWhiteSpace(CodeNotAnalysedReason) ? "RunAnalyzers or RunAnalyzersDuringBuild is false" : CodeNotAnalysedReason!.Trim();
            }
            else if (run == null)
            {
                coverage.CodeNotAnalysed = "the compiler wrote no SARIF 2.1 log to show it (is ErrorLog set to another format?)";
            }
            else if (!run.RulesRun.Contains(DiagnosticIds.ApiUse))
            {
                coverage.CodeNotAnalysed = "the compiler ran no PolicyAnalyzers analyzer: its Analyzer items were removed or the package's analyzers excluded";
                var at = locator.FindRemoval("Analyzer");
                Escape(DiagnosticIds.CodeNotAnalysed, at?.FilePath ?? ProjectPath, at?.Line ?? 0, at?.Column ?? 0,
                    "The compiler ran no PolicyAnalyzers analyzer for this project (its Analyzer items were removed, or the package was referenced with ExcludeAssets), so no code was checked for vendor APIs, assemblies or endpoints, but " + coverage.EnforcedBy + " enforces these checks. Keep the package's analyzers.");
            }

            if (!PackageCheckOn)
            {
                coverage.PackagesNotChecked = "PolicyAnalyzersCheckPackages is false";
            }
            else if (!PackagesChecked)
            {
                coverage.PackagesNotChecked = "the package check did not run in this build";
                Escape(DiagnosticIds.PackageCheckDisabled, ProjectPath, 0, 0,
                    "The package check (PA1003) did not run in this build (its target was replaced or skipped), but " + coverage.EnforcedBy + " enforces it. Remove what replaces PolicyAnalyzersCheckPackages.");
            }

            foreach (var pair in run?.LoweredRules ?? new Dictionary<string, string>())
            {
                if (Array.IndexOf(VendorRules, pair.Key) < 0)
                {
                    continue;
                }

                coverage.Overrides.Add($"{pair.Key} {pair.Value} by a severity setting");
                var at = FindSeverity(pair.Key) ?? locator.FindProperty("NoWarn");
                Escape(DiagnosticIds.RuleTurnedOff, at?.FilePath ?? ProjectPath, at?.Line ?? 0, at?.Column ?? 0,
                    $"A severity setting turns {pair.Key} {pair.Value} (dotnet_diagnostic.{pair.Key}.severity, a category or global severity, or NoWarn), so its findings reach no log and cannot fail the build, but {coverage.EnforcedBy} enforces the vendor checks. Remove the setting; use a waiver for an approved exception.");
            }

            if (InCI && !Escalate)
            {
                coverage.Overrides.Add("CI escalation off (PolicyAnalyzersEscalateInCI=false)");
            }

            if (FailOpen)
            {
                coverage.Overrides.Add("fail-open (a broken policy only warns)");
            }

            return coverage;
        }

        // An escape from an enforced check: an error in CI, a warning locally; nothing when nothing is enforced.
        private void Escape(string id, string file, int line, int column, string message)
        {
            if (!Enforced)
            {
                return;
            }

            if (InCI)
            {
                Log.LogError(null, id, null, DocsLink(id), file, line, column, 0, 0, "{0}", message);
            }
            else
            {
                Log.LogWarning(null, id, null, DocsLink(id), file, line, column, 0, 0, "{0}", message + " (A warning locally; an error in CI.)");
            }
        }

        // The line of an .editorconfig/.globalconfig that sets the rule's severity, or a category or global severity.
        private SourceLocation? FindSeverity(string id)
        {
            foreach (var item in AnalyzerConfigFiles)
            {
                var file = item.ItemSpec;
                string[] lines;
                try
                {
                    if (!File.Exists(file) || new FileInfo(file).Length > PolicyFileAccess.MaxBytes)
                    {
                        continue;
                    }

                    lines = File.ReadAllLines(file);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }

                for (var i = 0; i < lines.Length; i++)
                {
                    var line = lines[i].Trim();
                    if (line.StartsWith("dotnet_diagnostic." + id + ".severity", StringComparison.OrdinalIgnoreCase)
                        || line.StartsWith("dotnet_analyzer_diagnostic.category-VendorPolicy.severity", StringComparison.OrdinalIgnoreCase)
                        || line.StartsWith("dotnet_analyzer_diagnostic.severity", StringComparison.OrdinalIgnoreCase))
                    {
                        return new SourceLocation(file, i + 1, 1);
                    }
                }
            }

            return null;
        }

        // A mandatory finding the compiler did not report as an error (or did not report visibly) becomes an error
        // of the build, with the same id, place and words.
        private int EscalateInCI(List<LoggedFinding> findings)
        {
            var count = 0;
            foreach (var f in findings.Where(f => f.Property(FindingProperties.Severity) == "error" && (f.Level != "error" || f.Suppressed)))
            {
                Log.LogError(null, f.RuleId, null, f.HelpUri, f.File ?? ProjectPath, f.Line, f.Column, 0, 0,
                    "{0} (Mandatory measure: an error in CI although a local setting made it {1}.) {2}",
                    f.Message, f.Suppressed ? "a suppressed finding" : "a " + (f.Level == "note" ? "message" : f.Level), f.Property(FindingProperties.DecisionLink) ?? f.HelpUri ?? "");
                f.Level = "error";
                count++;
            }

            return count;
        }

        // One line per project that never says more than was checked: "no findings" only when every check ran.
        private string Summary(List<LoggedFinding> findings, int escalated, CheckCoverage coverage)
        {
            var project = Path.GetFileNameWithoutExtension(ProjectPath);
            var vendorFindings = findings.Where(f => f.Property(FindingProperties.Vendor) != null).ToList();
            var context = $" ({coverage.Describe()}; policy {coverage.DescribeLayers()}; audience {(coverage.Audience.Length == 0 ? "none" : coverage.Audience)}; date {coverage.Date}).";
            if (!ChecksOn)
            {
                return $"PolicyAnalyzers: {project}: NOTHING CHECKED: PolicyAnalyzersEnabled is false" + context;
            }

            if (findings.Count == 0)
            {
                return $"PolicyAnalyzers: {project}: " + (coverage.Complete ? "no findings" : "no findings in what was checked, but not everything was checked") + context;
            }

            // Waived: what the policy decided (a local setting may show a waived finding as a warning).
            static bool Waived(LoggedFinding f) => f.Property(FindingProperties.Severity) == "info";
            string Count(string level) => vendorFindings.Count(f => f.Level == level && !Waived(f)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var byMeasure = string.Join(", ", vendorFindings.GroupBy(f => f.Property(FindingProperties.Measure)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var byVendor = string.Join(", ", vendorFindings.GroupBy(f => f.Property(FindingProperties.Vendor)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var problems = findings.Count - vendorFindings.Count;
            return $"PolicyAnalyzers: {project}: {vendorFindings.Count} finding(s): {Count("error")} error(s), {Count("warning")} warning(s), {vendorFindings.Count(Waived)} waived"
                + (escalated > 0 ? $" ({escalated} raised to errors in CI)" : "")
                + (vendorFindings.Count > 0 ? $"; by measure: {byMeasure}; by vendor: {byVendor}" : "")
                + (problems > 0 ? $"; {problems} policy problem(s)" : "")
                + context;
        }

        private string RepositoryRoot()
        {
            for (var dir = Path.GetDirectoryName(Path.GetFullPath(ProjectPath)); dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
                {
                    return dir;
                }
            }

            return Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
        }

    }
}
