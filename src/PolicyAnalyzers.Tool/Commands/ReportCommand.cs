using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Reports;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>
    /// report: one HTML report and one Markdown summary over many projects' SARIF logs (each build writes
    /// obj/…/policyanalyzers.sarif), for a security team's view of a repository or an estate. Exit 0 when written,
    /// 2 when no log could be read.
    /// </summary>
    internal static class ReportCommand
    {
        public static int Run(IReadOnlyList<string> inputs, string? html, string? markdown, TextWriter output, TextWriter error)
        {
            var files = inputs.SelectMany(i => Directory.Exists(i)
                    ? Directory.EnumerateFiles(i, "policyanalyzers.sarif", SearchOption.AllDirectories)
                    : new[] { i })
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var logs = new List<SarifLog.ProjectLog>();
            foreach (var file in files)
            {
                if (File.Exists(file) && SarifLog.Read(file) is { } log)
                {
                    logs.Add(log);
                }
                else
                {
                    error.WriteLine($"'{file}' is not a PolicyAnalyzers SARIF log; left out.");
                }
            }

            if (logs.Count == 0)
            {
                error.WriteLine("No PolicyAnalyzers SARIF log found. Build the projects first; each writes obj/<configuration>/<tfm>/policyanalyzers.sarif.");
                return Program.UsageError;
            }

            // Projects are named as MSBuild names them; where two share a name, by their folder too.
            var names = logs.GroupBy(l => Path.GetFileNameWithoutExtension(l.ProjectPath)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            string Label(string project)
            {
                var name = Path.GetFileNameWithoutExtension(project);
                return names.Contains(name) ? Path.GetFileName(Path.GetDirectoryName(project)) + "/" + name : name;
            }

            var projects = logs.Select(l => new ProjectFindings(Label(l.ProjectPath), Path.GetDirectoryName(l.ProjectPath) ?? "", l.Findings)).ToList();
            var policy = string.Join("; ", logs.Select(l => l.Policy).Distinct());
            var date = string.Join("; ", logs.Select(l => l.Date).Distinct());
            if (html != null)
            {
                File.WriteAllText(html, FindingReports.Html(projects, policy, date));
            }

            var summary = FindingReports.Markdown(projects, policy, date);
            if (markdown != null)
            {
                File.WriteAllText(markdown, summary);
            }

            output.WriteLine($"{logs.Count} project(s), {logs.Sum(l => l.Findings.Count)} finding(s)" + (html != null ? $"; HTML report: {html}" : "") + (markdown != null ? $"; Markdown summary: {markdown}" : ""));
            if (html == null && markdown == null)
            {
                output.Write(summary);
            }

            return 0;
        }
    }
}
