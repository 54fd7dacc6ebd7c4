using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAnalyzers.Packages;
using PolicyAnalyzers.Packages.Assets;
using PolicyAnalyzers.Reports;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Tool.Verification;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>
    /// verify: run by the organisation's pipeline after the build, outside every project. Every restored project
    /// under the root must have a PolicyAnalyzers log from this build (newer than its restore) for each framework,
    /// in which every check ran and no override is in effect; with --require, every project must have used that
    /// policy file (same SHA-256) and kept what it enforces. The package findings are recomputed from each
    /// obj/project.assets.json with the shipped baseline and the required files, and each must be in the log.
    /// Exit 0 when every project verifies, 1 when any does not, 2 for usage errors or an unreadable required file.
    /// </summary>
    internal static class VerifyCommand
    {
        public static int Run(string root, IReadOnlyList<string> required, string? markdownFile, TextWriter output, TextWriter error)
        {
            if (!Directory.Exists(root))
            {
                error.WriteLine($"The folder '{root}' does not exist.");
                return Program.UsageError;
            }

            var requiredLayers = new List<PolicyDocument>();
            var reads = new List<PolicyReadResult> { PolicyReader.ReadConfigured(PolicyInput.BaselineLabel, ShippedPolicy.Text, PolicyLayer.Baseline) };
            foreach (var file in required)
            {
                var read = PolicyReader.ReadFile(Path.GetFullPath(file), PolicyLayer.Organisation);
                if (read.Document == null)
                {
                    error.WriteLine($"The required policy '{file}' cannot be used: {string.Join(" ", read.Problems.Select(p => p.Message))}");
                    return Program.UsageError;
                }

                requiredLayers.Add(read.Document);
                reads.Add(read);
            }

            var rows = new List<(string Project, bool Ok, string What)>();
            foreach (var (project, assets, problem) in RestoredProject.Find(Path.GetFullPath(root)))
            {
                if (project == null)
                {
                    rows.Add((Path.GetDirectoryName(Path.GetDirectoryName(assets)) ?? assets, false, problem!));
                    continue;
                }

                var logs = project.Logs();
                foreach (var framework in project.Frameworks)
                {
                    var label = project.Frameworks.Count > 1 ? $"{project.Name} ({framework})" : project.Name;
                    var failures = Check(project, framework, logs, requiredLayers, reads, out var summary);
                    rows.Add((label, failures.Count == 0, failures.Count == 0 ? summary : string.Join("; ", failures)));
                }
            }

            var markdown = Markdown(Path.GetFullPath(root), requiredLayers, rows);
            if (markdownFile != null)
            {
                File.WriteAllText(markdownFile, markdown);
            }

            output.Write(markdown);
            return rows.Count > 0 && rows.All(r => r.Ok) ? 0 : 1;
        }

        private static List<string> Check(RestoredProject project, string framework, Dictionary<string, string> logs, List<PolicyDocument> required, List<PolicyReadResult> reads, out string summary)
        {
            summary = "";
            var failures = new List<string>();
            if (!logs.TryGetValue(framework, out var path))
            {
                failures.Add("no PolicyAnalyzers log: the package is not referenced, its build assets are excluded, or the project was not built");
                return failures;
            }

            if (File.GetLastWriteTimeUtc(path) < File.GetLastWriteTimeUtc(project.AssetsFile))
            {
                failures.Add($"the PolicyAnalyzers log is older than the restore, so it is not from this build ({path})");
                return failures;
            }

            if (SarifLog.Read(path) is not { } log)
            {
                failures.Add($"'{path}' is not a PolicyAnalyzers log");
                return failures;
            }

            if (!log.Complete)
            {
                failures.Add("not every check ran: " + (log.Notes.Count > 0 ? string.Join(" ", log.Notes.Where(n => !n.StartsWith("Override", StringComparison.Ordinal))) : "the log does not say that every check ran"));
            }

            failures.AddRange(log.Overrides.Select(o => "override in effect: " + o));
            foreach (var layer in required)
            {
                if (!log.Layers.Any(l => string.Equals(l.Sha256, layer.Sha256, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"did not use {layer.Id} {layer.Version} (sha256 {layer.Sha256}); used: {string.Join(", ", log.Layers.Select(l => $"{l.Id} {l.Version} (sha256 {l.Sha256})"))}");
                }
                else if (layer.Enforce is { } enforce)
                {
                    if (!string.Equals(log.EnforcedBy, layer.Describe(), StringComparison.Ordinal))
                    {
                        failures.Add($"{layer.Id} {layer.Version} was not the enforcing layer (the log names '{log.EnforcedBy}')");
                    }

                    if (enforce.Audience != null && !string.Equals(log.Audience, enforce.Audience, StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"judged as audience '{log.Audience}', not the enforced '{enforce.Audience}'");
                    }
                }
            }

            // The package findings, recomputed here from the restore output alone.
            var audience = required.Select(r => r.Enforce?.Audience).FirstOrDefault(a => a != null) ?? (log.Audience.Length > 0 ? log.Audience : null);
            var snapshot = PolicySnapshot.Build(reads, audience);
            var logged = new HashSet<string>(log.Findings.Where(f => f.RuleId == DiagnosticIds.Package && f.Property(FindingProperties.Package) != null).Select(f => f.Property(FindingProperties.Package)!), StringComparer.OrdinalIgnoreCase);
            var packages = 0;
            try
            {
                var graph = PackageGraph.Read(project.AssetsFile, framework, null);
                foreach (var finding in PackageCheck.Run(snapshot, graph, project.Name, feeds: null, (_, _) => { }))
                {
                    packages++;
                    if (!logged.Contains(finding.Node.Display))
                    {
                        failures.Add($"package {finding.Node.Display} belongs to vendor {finding.Finding.Verdict.Vendor.Name} but the log has no PA1003 for it");
                    }
                }
            }
            catch (Exception e) when (e is AssetsException || e is IOException || e is UnauthorizedAccessException)
            {
                failures.Add($"the restore output cannot be read: {e.Message}");
            }

            var vendorFindings = log.Findings.Count(f => f.Property(FindingProperties.Vendor) != null);
            summary = $"every check ran; {vendorFindings} finding(s), {packages} vendor package(s) confirmed from the restore output; audience {(log.Audience.Length == 0 ? "none" : log.Audience)}; {string.Join(" + ", log.Layers.Select(l => $"{l.Id} {l.Version}"))}";
            return failures;
        }

        private static string Markdown(string root, List<PolicyDocument> required, List<(string Project, bool Ok, string What)> rows)
        {
            var b = new StringBuilder();
            var failed = rows.Count(r => !r.Ok);
            b.Append("## PolicyAnalyzers verification\n\n");
            b.Append(rows.Count == 0
                ? $"**No restored project** under `{root}`: nothing was verified.\n"
                : failed == 0 ? $"**All {rows.Count} project(s) verified** under `{root}`.\n" : $"**{failed} of {rows.Count} project(s) failed** verification under `{root}`.\n");
            foreach (var layer in required)
            {
                b.Append($"Required policy: {layer.Id} {layer.Version} (sha256 `{layer.Sha256}`)" + (layer.Enforce?.Audience is { } a ? $", enforcing audience `{a}`" : "") + ".\n");
            }

            if (rows.Count > 0)
            {
                b.Append("\n| Project | Result | Detail |\n|---|---|---|\n");
                foreach (var (project, ok, what) in rows)
                {
                    b.Append("| ").Append(Cell(project)).Append(" | ").Append(ok ? "verified" : "**FAILED**").Append(" | ").Append(Cell(what)).Append(" |\n");
                }
            }

            return b.ToString();
        }

        private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
    }
}
