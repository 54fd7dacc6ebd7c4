using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// What was computed from a file's text, kept by the file's content across compilations: a compiler server
    /// compiles the same files build after build, each time as new syntax trees, so a cache per tree never hits there.
    /// The key is the checksum of the file's bytes, which the compiler computed when it read the file (a text with an
    /// encoding was read from bytes), with its algorithm, the encoding and the length; a text made from a string (an
    /// editor's buffer) is not kept, as its checksum would be computed here. Bounded: emptied when full.
    /// </summary>
    internal sealed class ContentCache<T>
        where T : class
    {
        private const int Capacity = 8192;
        private const string HexDigits = "0123456789abcdef";

        private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

        /// <param name="variant">What else the value depends on (the language the text is read as).</param>
        public T Get(SourceText text, string variant, Func<SourceText, T> compute)
        {
            var key = KeyOf(text, variant);
            if (key == null)
            {
                return compute(text);
            }

            lock (_values)
            {
                if (_values.TryGetValue(key, out var known))
                {
                    return known;
                }
            }

            var value = compute(text);
            lock (_values)
            {
                if (_values.Count >= Capacity)
                {
                    _values.Clear();
                }

                _values[key] = value;
            }

            return value;
        }

        private static string? KeyOf(SourceText text, string variant)
        {
            if (text.Encoding is not { } encoding)
            {
                return null;
            }

            var checksum = text.GetChecksum();
            if (checksum.IsDefaultOrEmpty)
            {
                return null;
            }

            var key = new StringBuilder(variant.Length + 32 + checksum.Length * 2)
                .Append(variant).Append('|').Append((int)text.ChecksumAlgorithm).Append('|').Append(encoding.WebName).Append('|').Append(text.Length).Append('|');
            foreach (var b in checksum)
            {
                key.Append(HexDigits[b >> 4]).Append(HexDigits[b & 15]);
            }

            return key.ToString();
        }
    }
}
