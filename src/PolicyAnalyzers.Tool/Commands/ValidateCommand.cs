using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Reading;
using PolicyAnalyzers.Policy.Rules;
using PolicyAnalyzers.Tool.Output;
using PolicyAnalyzers.Tool.Validation;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>
    /// validate: every problem the build would report (schema, syntax, dangling ids, locked layers, dates) plus the
    /// lint of <see cref="PolicyLint"/>, located in the files given. Exit 0 when there are no errors, 1 otherwise.
    /// </summary>
    internal static class ValidateCommand
    {
        public static int Run(IReadOnlyList<string> files, bool baseline, string? date, string? format, TextWriter output)
        {
            var full = new HashSet<string>(files.Select(Path.GetFullPath), StringComparer.Ordinal);
            var snapshot = PolicyInput.Load(files, baseline, audience: null, date);
            var diagnostics = snapshot.Problems
                .Where(p => full.Contains(p.FilePath) || p.FilePath.Length == 0)
                .Select(p => new ToolDiagnostic(p.FilePath, p.Line, p.Column, Severity(p), p.Id, p.Message))
                .Concat(PolicyLint.Check(snapshot, full.Contains))
                .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .ToList();
            var errors = diagnostics.Count(d => d.Severity == "error");
            var warnings = diagnostics.Count(d => d.Severity == "warning");
            if (ToolReport.IsJson(format))
            {
                ToolReport.WriteJson(output, new
                {
                    files = full.ToArray(),
                    policy = snapshot.Policy.Describe(),
                    date = Policy.Findings.PolicyDate.Write(snapshot.Today),
                    errors,
                    warnings,
                    diagnostics,
                });
            }
            else
            {
                ToolReport.WriteLines(output, diagnostics.Select(d => d.ToString()));
                output.WriteLine($"{files.Count} file(s) checked ({snapshot.Policy.Describe()}): {errors} error(s), {warnings} warning(s), {diagnostics.Count - errors - warnings} note(s).");
            }

            return errors > 0 ? 1 : 0;
        }

        private static string Severity(PolicyProblem p) => SeverityLevels.Name(RuleCatalogue.Get(p.Id).DefaultSeverity);
    }
}
