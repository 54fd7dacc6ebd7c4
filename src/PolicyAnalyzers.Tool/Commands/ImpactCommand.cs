using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Packages;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Tool.Impact;
using PolicyAnalyzers.Tool.Output;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>One finding as impact compares them: the same place and subject (a field of the finding) under two policies.</summary>
    internal sealed record ImpactFinding(string Id, string Severity, string File, int Line, int Column, string Subject, string Message)
    {
        public string Key => $"{Id}|{File}|{Line}|{Column}|{Subject}";

        public override string ToString() => $"{Severity} {Id} {(File.Length == 0 ? "" : File + (Line > 0 ? $"({Line},{Column})" : "") + ": ")}{Message}";
    }

    internal sealed record ImpactChange(ImpactFinding Before, ImpactFinding After);

    internal sealed record ProjectImpact(string Project, string Path, string? Audience, string? Skipped, List<ImpactFinding> New, List<ImpactFinding> Fixed, List<ImpactChange> Changed);

    /// <summary>
    /// impact: runs the current and a candidate policy over every restored project under a folder — packages from
    /// the restore output, code through the package's own analyzers — and lists the findings that would be new,
    /// fixed or changed (severity, measure, waiver) before the candidate is published. Exit 0 when nothing would be
    /// new or changed, 1 otherwise.
    /// </summary>
    internal static class ImpactCommand
    {
        public static int Run(string root, IReadOnlyList<string> current, IReadOnlyList<string> candidate, bool baseline, string? audienceOverride, string? date, string? format, TextWriter output, TextWriter error)
        {
            if (!Directory.Exists(root))
            {
                error.WriteLine($"The folder '{root}' does not exist.");
                return 2;
            }

            var currentLayers = Texts(current, baseline);
            var candidateLayers = Texts(candidate, baseline);
            var results = new List<ProjectImpact>();
            foreach (var project in ProjectSources.Find(Path.GetFullPath(root)))
            {
                var audience = audienceOverride ?? project.Audience;
                var before = Findings(project, currentLayers, audience, date);
                var after = Findings(project, candidateLayers, audience, date);
                var beforeByKey = before.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
                var afterByKey = after.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
                results.Add(new ProjectImpact(project.Name, project.Path, audience, project.Problem,
                    after.Where(f => !beforeByKey.ContainsKey(f.Key)).ToList(),
                    before.Where(f => !afterByKey.ContainsKey(f.Key)).ToList(),
                    after.Where(f => beforeByKey.TryGetValue(f.Key, out var b) && (b.Severity != f.Severity || b.Message != f.Message)).Select(f => new ImpactChange(beforeByKey[f.Key], f)).ToList()));
            }

            var totals = new { @new = results.Sum(r => r.New.Count), @fixed = results.Sum(r => r.Fixed.Count), changed = results.Sum(r => r.Changed.Count) };
            if (ToolReport.IsJson(format))
            {
                ToolReport.WriteJson(output, new { root = Path.GetFullPath(root), current = Describe(current, baseline), candidate = Describe(candidate, baseline), date, projects = results, totals });
            }
            else
            {
                output.WriteLine($"Impact of {Describe(candidate, baseline)} compared with {Describe(current, baseline)} on {results.Count} project(s) under {Path.GetFullPath(root)}:");
                foreach (var r in results)
                {
                    output.WriteLine($"{r.Project} (audience {r.Audience ?? "none"}): {r.New.Count} new, {r.Fixed.Count} fixed, {r.Changed.Count} changed" + (r.Skipped != null ? $"; packages not checked: {r.Skipped}" : ""));
                    ToolReport.WriteLines(output, r.New.Select(f => "  + " + f));
                    ToolReport.WriteLines(output, r.Fixed.Select(f => "  - " + f));
                    ToolReport.WriteLines(output, r.Changed.Select(c => $"  ~ {c.After.Id} {c.Before.Severity} -> {c.After.Severity}: {c.After.Message}"));
                }

                output.WriteLine($"Total: {totals.@new} new, {totals.@fixed} fixed, {totals.changed} changed.");
            }

            return totals.@new + totals.changed > 0 ? 1 : 0;
        }

        private static List<(string Path, string Text)> Texts(IReadOnlyList<string> files, bool baseline)
        {
            var texts = new List<(string, string)>();
            if (baseline)
            {
                texts.Add((PolicyInput.BaselineLabel, PolicyInput.BaselineText()));
            }

            texts.AddRange(files.Select(f => (Path.GetFullPath(f), File.Exists(f) ? File.ReadAllText(f) : "")));
            return texts;
        }

        private static string Describe(IReadOnlyList<string> files, bool baseline)
        {
            var snapshot = PolicySnapshot.Build(Texts(files, baseline).Select(t => PolicyReader.Read(t.Path, t.Text)), null);
            return snapshot.Policy.Describe();
        }

        private static List<ImpactFinding> Findings(ProjectSources project, List<(string Path, string Text)> layers, string? audience, string? date)
        {
            var findings = new List<ImpactFinding>();
            foreach (var d in SourceAnalysis.Run(project, layers, audience, date))
            {
                var span = d.Location.GetLineSpan();
                findings.Add(new ImpactFinding(d.Id, Severity(d.Severity), span.Path ?? "", span.IsValid && d.Location != Location.None ? span.StartLinePosition.Line + 1 : 0,
                    span.IsValid && d.Location != Location.None ? span.StartLinePosition.Character + 1 : 0,
                    d.Properties.TryGetValue(FindingProperties.Subject, out var subject) && subject != null ? subject : d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (project.Graph != null)
            {
                var snapshot = PolicySnapshot.Build(layers.Select(t => PolicyReader.Read(t.Path, t.Text)), audience, date);
                foreach (var f in PackageCheck.Run(snapshot, project.Graph, project.Name, feeds: null, (_, _) => { }))
                {
                    findings.Add(new ImpactFinding(DiagnosticIds.Package, SeverityLevels.Name(f.Finding.Severity), project.Path, 0, 0, f.Finding.Subject, f.Finding.Message));
                }
            }

            return findings;
        }

        private static string Severity(DiagnosticSeverity s) => s switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
    }
}
