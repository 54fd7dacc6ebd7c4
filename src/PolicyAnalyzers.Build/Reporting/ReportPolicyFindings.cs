using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Build.Caching;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;

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

        protected override void Unexpected(Exception e)
            => Log.LogWarning($"PolicyAnalyzers could not write its report: {e.GetType().Name}: {e.Message} Please report this with the build log.");

        protected override void Run()
        {
            var findings = CompilerErrorLog.Read(CompilerLog) ?? new List<LoggedFinding>();
            if (!AnalyzersRan && !string.IsNullOrEmpty(PackageFindingsFile) && File.Exists(PackageFindingsFile))
            {
                foreach (var e in Policy.Findings.PackageFindingsFile.Read(File.ReadAllText(PackageFindingsFile)) ?? new List<PackageFindingEntry>())
                {
                    var f = new LoggedFinding { RuleId = e.Id, Level = Level(e.Severity), Message = e.Message, File = e.File, Line = e.Line, Column = e.Column, HelpUri = e.HelpLink };
                    f.Properties["PolicyAnalyzersVendor"] = e.Vendor;
                    f.Properties["PolicyAnalyzersMeasure"] = e.Measure;
                    f.Properties["PolicyAnalyzersSeverity"] = e.Severity.ToString().ToLowerInvariant();
                    if (e.Waiver != null)
                    {
                        f.Properties["PolicyAnalyzersWaiver"] = e.Waiver;
                    }

                    findings.Add(f);
                }
            }

            var snapshot = LoadPolicy();
            var policy = snapshot.Policy.Describe();
            var escalated = Escalate ? EscalateInCI(findings) : 0;
            if (!string.IsNullOrEmpty(SarifFile))
            {
                var properties = new Dictionary<string, string>
                {
                    ["policy"] = policy,
                    ["policyDate"] = PolicyDate.Write(snapshot.Today),
                    ["audience"] = Audience ?? "",
                    ["project"] = ProjectPath,
                };
                CacheFile.Write(SarifFile!, SarifLog.Write(findings, SarifRoot is { Length: > 0 } root ? root : RepositoryRoot(), ProjectPath, properties, ToolVersion ?? "1.0.0"));
            }

            var projects = new[] { new ProjectFindings(Path.GetFileNameWithoutExtension(ProjectPath), Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!, findings) };
            if (!string.IsNullOrEmpty(HtmlFile))
            {
                CacheFile.Write(HtmlFile!, FindingReports.Html(projects, policy, PolicyDate.Write(snapshot.Today)));
            }

            if (!string.IsNullOrEmpty(MarkdownFile))
            {
                CacheFile.Write(MarkdownFile!, FindingReports.Markdown(projects, policy, PolicyDate.Write(snapshot.Today)));
            }

            Log.LogMessage(MessageImportance.High, Summary(findings, escalated, policy));
        }

        // A mandatory finding the compiler did not report as an error (or did not report visibly) becomes an error
        // of the build, with the same id, place and words.
        private int EscalateInCI(List<LoggedFinding> findings)
        {
            var count = 0;
            foreach (var f in findings.Where(f => f.Property("PolicyAnalyzersSeverity") == "error" && (f.Level != "error" || f.Suppressed)))
            {
                Log.LogError(null, f.RuleId, null, f.HelpUri, f.File ?? ProjectPath, f.Line, f.Column, 0, 0,
                    "{0} (Mandatory measure: an error in CI although a local setting made it {1}. Set PolicyAnalyzersEscalateInCI=false to opt out.)",
                    f.Message, f.Suppressed ? "a suppressed finding" : "a " + (f.Level == "note" ? "message" : f.Level));
                f.Level = "error";
                count++;
            }

            return count;
        }

        private string Summary(List<LoggedFinding> findings, int escalated, string policy)
        {
            var project = Path.GetFileNameWithoutExtension(ProjectPath);
            var vendorFindings = findings.Where(f => f.Property("PolicyAnalyzersVendor") != null).ToList();
            if (findings.Count == 0)
            {
                return $"PolicyAnalyzers: {project}: no findings ({policy}).";
            }

            // Waived: what the policy decided (a local setting may show a waived finding as a warning).
            static bool Waived(LoggedFinding f) => f.Property("PolicyAnalyzersSeverity") == "info";
            string Count(string level) => vendorFindings.Count(f => f.Level == level && !Waived(f)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var byMeasure = string.Join(", ", vendorFindings.GroupBy(f => f.Property("PolicyAnalyzersMeasure")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var byVendor = string.Join(", ", vendorFindings.GroupBy(f => f.Property("PolicyAnalyzersVendor")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var problems = findings.Count - vendorFindings.Count;
            return $"PolicyAnalyzers: {project}: {vendorFindings.Count} finding(s): {Count("error")} error(s), {Count("warning")} warning(s), {vendorFindings.Count(Waived)} waived"
                + (escalated > 0 ? $" ({escalated} raised to errors in CI)" : "")
                + (vendorFindings.Count > 0 ? $"; by measure: {byMeasure}; by vendor: {byVendor}" : "")
                + (problems > 0 ? $"; {problems} policy problem(s)" : "")
                + $" ({policy}).";
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

        private static string Level(FindingSeverity s) => s switch
        {
            FindingSeverity.Error => "error",
            FindingSeverity.Warning => "warning",
            _ => "note",
        };
    }
}
