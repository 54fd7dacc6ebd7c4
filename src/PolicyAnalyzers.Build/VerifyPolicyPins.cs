using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Policy;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// PA0007: compares each pinned policy file (PolicyAnalyzersPin items, matched by file name, metadata Sha256)
    /// with its SHA-256. A file that differs is withheld from the analyzer and the package check, so a replaced
    /// policy is never used; a pin whose file is not among the layers means the pinned policy is gone. Both are
    /// errors, reported by the analyzer (through <see cref="Mismatches"/>) or here when the analyzer does not run.
    /// </summary>
    public sealed class VerifyPolicyPins : Task
    {
        [Required]
        public ITaskItem[] Layers { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] Pins { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>True when the analyzer does not run in this build, so this task must report.</summary>
        public bool Report { get; set; }

        public string? ProjectPath { get; set; }

        /// <summary>The layers that may be used: unpinned ones and pinned ones whose hash matches.</summary>
        [Output]
        public ITaskItem[] Verified { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>"path|expected|actual" per withheld or absent file, for the analyzer.</summary>
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
                if (!pins.TryGetValue(name, out var expected) || !File.Exists(path))
                {
                    verified.Add(layer); // unpinned, or missing (PA0001 reports it)
                    seen.Add(name);
                    continue;
                }

                seen.Add(name);
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
                    Log.LogError(null, DiagnosticIds.PinMismatch, null, DiagnosticIds.DocsLink(DiagnosticIds.PinMismatch), File.Exists(m.File) ? m.File : ProjectPath ?? m.File, 0, 0, 0, 0, "{0}", m.Message);
                }
            }

            return !Log.HasLoggedErrors;
        }

        private static string Normalize(string value)
        {
            value = value.Trim();
            return value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? value.Substring(7) : value;
        }

        private static string Hash(string path)
        {
            try
            {
                using var sha = SHA256.Create();
                using var stream = File.OpenRead(path);
                return BitConverter.ToString(sha.ComputeHash(stream)).Replace("-", "").ToLowerInvariant();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "(unreadable: " + e.Message + ")";
            }
        }
    }
}
