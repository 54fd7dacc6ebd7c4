using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Build.Reporting;
using PolicyAnalyzers.Reports;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Build.Waivers
{
    /// <summary>
    /// PA0008: waivers for this project that covered no finding, so stale exceptions get cleaned up. Runs after
    /// compilation: the analyzer's findings come from the compiler's error log, the package findings from the
    /// package check's record. Only waivers that name this project are judged (a waiver for every project cannot
    /// be called unused from one of them), and only on evidence that exists: without an error log, waivers for
    /// code are not judged; without the package record, waivers for packages are not.
    /// </summary>
    public sealed class CheckWaiverUse : PolicyTask
    {
        [Required]
        public string ProjectName { get; set; } = "";

        /// <summary>The compiler's SARIF 2.1 error log.</summary>
        public string? CompilerLog { get; set; }

        /// <summary>The package check's record of the waivers its findings used (one id per line).</summary>
        public string? PackageWaiversFile { get; set; }

        protected override void Unexpected(Exception e)
            => Log.LogWarning(null, DiagnosticIds.UnusedWaiver, null, DocsLink(DiagnosticIds.UnusedWaiver), ProjectName, 0, 0, 0, 0,
                $"Unused waivers could not be determined: {e.GetType().Name}: {e.Message} Please report this with the build log.");

        protected override void Run()
        {
            var snapshot = LoadPolicy();
            var mine = snapshot.Waivers.All.Where(w => w.Project != null && GlobPattern.IsMatch(w.Project, ProjectName)).ToList();
            if (mine.Count == 0)
            {
                return;
            }

            var fromCode = CompilerErrorLog.UsedWaivers(CompilerLog);
            var fromPackages = ReadLines(PackageWaiversFile);
            foreach (var w in mine)
            {
                // A waiver for packages is judged on the package record; any other on the code findings and, for a
                // vendor-wide one, the package record too.
                var judgeable = w.Package != null ? fromPackages != null : fromCode != null && (w.Api != null || fromPackages != null);
                var used = (fromCode?.Contains(w.Id) ?? false) || (fromPackages?.Contains(w.Id) ?? false);
                if (!judgeable || used)
                {
                    continue;
                }

                var message = $"Waiver '{w.Id}' ({w.DescribeScope()}; {w.Reference}, expires {w.Expires}) matched no finding in project {ProjectName} on {PolicyDate.Write(snapshot.Today)}. "
                    + "Remove it from the policy if the exception is no longer needed, or correct what it names.";
                Report(DiagnosticIds.UnusedWaiver, ReportLevel.Warning, DocsLink(DiagnosticIds.UnusedWaiver), w.Location.FilePath, w.Location.Line, w.Location.Column, message);
            }
        }

        private static HashSet<string>? ReadLines(string? path)
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return null;
            }

            try
            {
                return new HashSet<string>(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0), StringComparer.OrdinalIgnoreCase);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
