using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// Before anything reads a configured policy file: only a regular file of bounded size is handed on (a
    /// directory, pipe, device or huge file is withheld at once and reported here, PA0002, so neither the compiler
    /// nor a task ever waits on it), and a pinned file (PolicyAnalyzersPin items, matched by file name, metadata
    /// Sha256) only when its SHA-256 matches (PA0007, reported by the analyzer through <see cref="Mismatches"/>, or
    /// here when the analyzer does not run). A pin whose file is not among the layers means the pinned policy is gone.
    /// </summary>
    public sealed class ScreenPolicyFiles : Task
    {
        [Required]
        public ITaskItem[] Layers { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] Pins { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>True when the analyzer does not run in this build, so this task must report pin mismatches.</summary>
        public bool Report { get; set; }

        /// <summary>True when a broken policy only warns (PolicyAnalyzersEffectiveFailOpen).</summary>
        public bool FailOpen { get; set; }

        public string? ProjectPath { get; set; }

        /// <summary>PolicyAnalyzersRulesUrl: where rule pages are; empty for the pages the package ships.</summary>
        public string? RulesUrl { get; set; }

        /// <summary>The layers that may be used: screened, and matching their pin where pinned.</summary>
        [Output]
        public ITaskItem[] Verified { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>"path|expected|actual" per withheld or absent pinned file, for the analyzer.</summary>
        [Output]
        public string Mismatches { get; private set; } = "";

        public override bool Execute()
        {
            var pins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pin in Pins)
            {
                pins[Path.GetFileName(pin.ItemSpec)] = Normalize(pin.GetMetadata("Sha256"));
            }

            var verified = new List<ITaskItem>();
            var mismatches = new List<PinMismatch>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var layer in Layers)
            {
                var path = layer.ItemSpec;
                var name = Path.GetFileName(path);
                seen.Add(name);
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    verified.Add(layer); // missing: PA0001 reports it
                    continue;
                }

                if (PolicyFileAccess.Screen(path) is { } problem)
                {
                    Withheld(problem);
                    continue;
                }

                if (!pins.TryGetValue(name, out var expected))
                {
                    verified.Add(layer);
                    continue;
                }

                var actual = Hash(path);
                if (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    verified.Add(layer);
                }
                else
                {
                    mismatches.Add(new PinMismatch(path, expected.Length == 0 ? "(no Sha256 metadata)" : expected, actual));
                }
            }

            foreach (var pin in pins.Where(p => !seen.Contains(p.Key)))
            {
                mismatches.Add(new PinMismatch(pin.Key, pin.Value, "(no such policy file among the layers: the pinned policy is missing)"));
            }

            Verified = verified.ToArray();
            Mismatches = string.Join(";", mismatches.Select(m => m.File + "|" + m.Expected + "|" + m.Actual));
            if (Report)
            {
                foreach (var m in mismatches)
                {
                    Log.LogError(null, DiagnosticIds.PinMismatch, null, DiagnosticIds.DocsLink(DiagnosticIds.PinMismatch, RulesUrl), File.Exists(m.File) ? m.File : ProjectPath ?? m.File, 0, 0, 0, 0, "{0}", m.Message);
                }
            }

            return !Log.HasLoggedErrors;
        }

        // A file that is not a regular policy file is never handed on; fail-open makes it a warning like any broken policy.
        private void Withheld(PolicyProblem problem)
        {
            var file = Directory.Exists(problem.FilePath) ? ProjectPath ?? problem.FilePath : problem.FilePath;
            if (FailOpen)
            {
                Log.LogWarning(null, problem.Id, null, DiagnosticIds.DocsLink(problem.Id, RulesUrl), file, 0, 0, 0, 0, "{0}", problem.Message + " (PolicyAnalyzersFailOpen is set, so this is a warning; CI builds fail closed.)");
            }
            else
            {
                Log.LogError(null, problem.Id, null, DiagnosticIds.DocsLink(problem.Id, RulesUrl), file, 0, 0, 0, 0, "{0}", problem.Message);
            }
        }

        private static string Normalize(string value)
        {
            value = value.Trim();
            return value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? value.Substring(7) : value;
        }

        private static string Hash(string path)
        {
            var bytes = PolicyFileAccess.Read(path, out var problem);
            return bytes == null ? "(unreadable: " + problem!.Message + ")" : ShippedPolicy.Sha256Hex(bytes);
        }
    }
}
