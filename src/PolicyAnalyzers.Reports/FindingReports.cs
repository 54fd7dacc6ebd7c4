using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Reports
{
    /// <summary>The findings of one project, as the reports show them.</summary>
    public sealed class ProjectFindings
    {
        public ProjectFindings(string project, string directory, IReadOnlyList<LoggedFinding> findings)
        {
            Project = project;
            Directory = directory;
            Findings = findings;
        }

        public string Project { get; }

        /// <summary>The project's folder: places are shown relative to it.</summary>
        public string Directory { get; }

        public IReadOnlyList<LoggedFinding> Findings { get; }
    }

    /// <summary>
    /// The reports people read: a single-file HTML page for security teams (findings by vendor and decision, with
    /// project, severity, place, waiver and links; no server, no script) and a Markdown summary that fits a
    /// pull-request comment. Both from the same findings as the SARIF log.
    /// </summary>
    public static class FindingReports
    {
        public const int MarkdownRows = 50;

        private sealed class Row
        {
            public Row(ProjectFindings project, LoggedFinding finding)
            {
                Project = project.Project;
                Directory = project.Directory;
                Finding = finding;
            }

            public string Project { get; }
            public string Directory { get; }
            public LoggedFinding Finding { get; }

            public string Severity => Finding.Property(FindingProperties.Severity) == "info" ? "waived" : Finding.Level == "note" ? "info" : Finding.Level;
            public string Vendor => Finding.Property(FindingProperties.Vendor) ?? "(policy)";
            public string Measure => Finding.Property(FindingProperties.Measure) ?? "";
            public string Link => Finding.Property(FindingProperties.DecisionLink) ?? Finding.HelpUri ?? "";

            /// <summary>"Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018"; empty for policy problems.</summary>
            public string Decision => Finding.Property(FindingProperties.Decision) is { } reference
                ? reference + (Finding.Property(FindingProperties.DecisionDate) is { } date ? ", " + FindingText.LongDate(date) : "")
                : "";
            public string Place => string.IsNullOrEmpty(Finding.File) ? "(the compilation)" : Relative(Finding.File!, Directory) + (Finding.Line > 0 ? $"({Finding.Line},{Finding.Column})" : "");
        }

        private static List<Row> Rows(IEnumerable<ProjectFindings> projects)
            => projects.SelectMany(p => p.Findings.Select(f => new Row(p, f)))
                .OrderBy(r => SeverityOrder(r.Severity)).ThenBy(r => r.Vendor, StringComparer.Ordinal).ThenBy(r => r.Project, StringComparer.Ordinal).ThenBy(r => r.Place, StringComparer.Ordinal).ToList();

        private static int SeverityOrder(string s) => s switch { "error" => 0, "warning" => 1, "waived" => 2, _ => 3 };

        public static string Html(IReadOnlyList<ProjectFindings> projects, string policy, string date, string? rulesUrl = null)
        {
            var rows = Rows(projects);
            var b = new StringBuilder();
            b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>PolicyAnalyzers report</title>\n<style>\n")
                .Append("body{font-family:system-ui,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem;color:#1b1f24}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}")
                .Append("table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem;overflow-wrap:anywhere}th{background:#f6f8fa}")
                .Append(".sev{font-weight:600;border-radius:.3rem;padding:.05rem .4rem;color:#fff}.error{background:#cf222e}.warning{background:#9a6700}.waived{background:#0969da}.info{background:#57606a}")
                .Append(".counts span{margin-right:1.25rem}.place{font-family:ui-monospace,Consolas,monospace;font-size:.8rem}\n</style>\n</head>\n<body>\n");
            b.Append("<h1>PolicyAnalyzers report</h1>\n<p>Policy: <strong>").Append(E(policy)).Append("</strong>, evaluated on ").Append(E(date))
                .Append(". Projects: ").Append(E(string.Join(", ", projects.Select(p => p.Project)))).Append(".</p>\n");
            b.Append("<p class=\"counts\">");
            foreach (var s in new[] { "error", "warning", "waived", "info" })
            {
                b.Append("<span><span class=\"sev ").Append(s).Append("\">").Append(rows.Count(r => r.Severity == s).ToString(CultureInfo.InvariantCulture)).Append("</span> ").Append(s == "error" ? "errors" : s == "warning" ? "warnings" : s).Append("</span>");
            }

            b.Append("</p>\n");
            if (rows.Count == 0)
            {
                b.Append("<p>No findings.</p>\n");
            }

            foreach (var vendor in rows.GroupBy(r => r.Vendor))
            {
                b.Append("<h2>Vendor: ").Append(E(vendor.Key)).Append(" (").Append(vendor.Count().ToString(CultureInfo.InvariantCulture)).Append(" findings)</h2>\n");
                foreach (var decision in vendor.GroupBy(r => (r.Measure, r.Link, r.Decision)))
                {
                    b.Append("<h3>Measure <code>").Append(E(decision.Key.Measure)).Append("</code>");
                    if (decision.Key.Link.Length > 0)
                    {
                        b.Append(" &mdash; <a href=\"").Append(E(decision.Key.Link)).Append("\">").Append(E(decision.Key.Decision.Length > 0 ? decision.Key.Decision : "decision"))
                            .Append(" (").Append(E(Host(decision.Key.Link))).Append(")</a>");
                    }

                    b.Append("</h3>\n<table>\n<colgroup><col style=\"width:6rem\"><col style=\"width:9rem\"><col style=\"width:5rem\"><col style=\"width:14rem\"><col><col style=\"width:7rem\"></colgroup>\n")
                        .Append("<tr><th>Severity</th><th>Project</th><th>Rule</th><th>Where</th><th>Finding</th><th>Waiver</th></tr>\n");
                    foreach (var r in decision)
                    {
                        b.Append("<tr><td><span class=\"sev ").Append(r.Severity).Append("\">").Append(r.Severity).Append("</span></td><td>").Append(E(r.Project))
                            .Append("</td><td><a href=\"").Append(E(Policy.DiagnosticIds.DocsLink(r.Finding.RuleId, rulesUrl))).Append("\">").Append(E(r.Finding.RuleId)).Append("</a></td><td class=\"place\">")
                            .Append(E(r.Place)).Append("</td><td>").Append(E(r.Finding.Message)).Append("</td><td>").Append(E(r.Finding.Property(FindingProperties.Waiver) ?? "")).Append("</td></tr>\n");
                    }

                    b.Append("</table>\n");
                }
            }

            b.Append("</body>\n</html>\n");
            return b.ToString();
        }

        public static string Markdown(IReadOnlyList<ProjectFindings> projects, string policy, string date, string? rulesUrl = null)
        {
            var rows = Rows(projects);
            var b = new StringBuilder();
            b.Append("### PolicyAnalyzers: ")
                .Append(rows.Count(r => r.Severity == "error")).Append(" error(s), ")
                .Append(rows.Count(r => r.Severity == "warning")).Append(" warning(s), ")
                .Append(rows.Count(r => r.Severity == "waived")).Append(" waived\n\n");
            b.Append("Policy ").Append(policy).Append(", evaluated on ").Append(date).Append("; ").Append(projects.Count).Append(" project(s).\n\n");
            if (rows.Count == 0)
            {
                return b.Append("No findings.\n").ToString();
            }

            b.Append("| Vendor | Measure | Findings |\n|---|---|---|\n");
            foreach (var g in rows.GroupBy(r => (r.Vendor, r.Measure, r.Link)))
            {
                b.Append("| ").Append(Md(g.Key.Vendor)).Append(" | ").Append(g.Key.Link.Length > 0 ? $"[{Md(g.Key.Measure)}]({g.Key.Link})" : Md(g.Key.Measure)).Append(" | ")
                    .Append(g.Count()).Append(" |\n");
            }

            b.Append("\n| | Rule | Project | Where | Finding |\n|---|---|---|---|---|\n");
            foreach (var r in rows.Take(MarkdownRows))
            {
                var icon = r.Severity switch { "error" => ":x:", "warning" => ":warning:", "waived" => ":memo:", _ => ":information_source:" };
                b.Append("| ").Append(icon).Append(' ').Append(r.Severity).Append(" | [").Append(r.Finding.RuleId).Append("](").Append(Policy.DiagnosticIds.DocsLink(r.Finding.RuleId, rulesUrl)).Append(") | ")
                    .Append(Md(r.Project)).Append(" | `").Append(Md(ShortPlace(r))).Append("` | ").Append(Md(r.Finding.Message)).Append(" |\n");
            }

            if (rows.Count > MarkdownRows)
            {
                b.Append("\n…and ").Append(rows.Count - MarkdownRows).Append(" more; see the SARIF log or the HTML report.\n");
            }

            return b.ToString();
        }

        private static string ShortPlace(Row r) => string.IsNullOrEmpty(r.Finding.File) ? "(the compilation)" : System.IO.Path.GetFileName(r.Finding.File) + (r.Finding.Line > 0 ? $"({r.Finding.Line},{r.Finding.Column})" : "");

        private static string Host(string link) => Uri.TryCreate(link, UriKind.Absolute, out var u) ? u.Host : link;

        private static string Relative(string file, string directory)
        {
            var prefix = directory.TrimEnd('/', '\\') + System.IO.Path.DirectorySeparatorChar;
            return file.StartsWith(prefix, StringComparison.Ordinal) ? file.Substring(prefix.Length) : file;
        }

        private static string E(string s) => WebUtility.HtmlEncode(s);

        private static string Md(string s) => s.Replace("|", "\\|").Replace("\n", " ");
    }
}
