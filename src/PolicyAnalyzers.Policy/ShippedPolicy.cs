using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Policy
{
    /// <summary>
    /// The baseline policy this build of PolicyAnalyzers ships, embedded in the assembly. The baseline layer of a
    /// project is always this content: a file configured in its place that differs (an edited copy, a file changed
    /// in the package cache) is reported (PA0011) and this text is used instead.
    /// </summary>
    public static class ShippedPolicy
    {
        private static readonly Lazy<string> LazyText = new(() =>
        {
            using var stream = typeof(ShippedPolicy).Assembly.GetManifestResourceStream("PolicyAnalyzers.Policy.Baseline.policy.json")!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            return reader.ReadToEnd();
        });

        // Made from the baseline when it changes (ShippedScreenTests says how) and checked against the text at run time.
        private static readonly Lazy<PolicyScreen?> LazyScreen = new(() =>
        {
            using var stream = typeof(ShippedPolicy).Assembly.GetManifestResourceStream("PolicyAnalyzers.Policy.Baseline.screen")!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            var screen = PolicyScreen.Read(reader.ReadToEnd());
            return screen.TextHash == PolicyScreen.Hash(LazyText.Value) ? screen : null;
        });

        private static readonly Lazy<string> LazySha256 = new(() => LazyScreen.Value?.Sha256 ?? Sha256Hex(Encoding.UTF8.GetBytes(LazyText.Value)));

        public static string Text => LazyText.Value;

        /// <summary>Lower-case hex SHA-256 of the shipped file's bytes (as sha256sum prints it).</summary>
        public static string Sha256 => LazySha256.Value;

        /// <summary>The baseline's screen, precomputed so that a process which sees only the baseline parses no JSON;
        /// null when it was not made from this text (then callers build the policy as for any other file).</summary>
        public static PolicyScreen? Screen => LazyScreen.Value;

        /// <summary>True when the text read from a file is the shipped baseline (a byte-order mark aside).</summary>
        public static bool IsShipped(string text) => string.Equals(text.TrimStart('\uFEFF'), Text, StringComparison.Ordinal);

        public static string Sha256Hex(byte[] bytes)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", "").ToLowerInvariant();
        }
    }
}
