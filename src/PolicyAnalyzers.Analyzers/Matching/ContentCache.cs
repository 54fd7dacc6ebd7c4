using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// What was computed from a file's text, kept by the file's content across compilations: a compiler server
    /// compiles the same files build after build, each time as new syntax trees, so a cache per tree never hits there.
    /// The key is the checksum of the file's bytes, which the compiler computed when it read the file (a text with an
    /// encoding was read from bytes), with its algorithm, the encoding's code page and the length; a text made from a
    /// string (an editor's buffer) is not kept, as its checksum would be computed here. Bounded: emptied when full.
    /// Looked up without a lock and keyed without a string: a fresh compiler process, which never hits, asks once per file.
    /// </summary>
    internal sealed class ContentCache<T>
        where T : class
    {
        private const int Capacity = 8192;

        private readonly ConcurrentDictionary<Key, T> _values = new();
        private int _count; // ConcurrentDictionary.Count takes every lock of the table: counted here instead

        /// <param name="variant">What else the value depends on (the language the text is read as).</param>
        public T Get(SourceText text, string variant, Func<SourceText, T> compute)
        {
            var key = KeyOf(text, variant);
            if (key == null)
            {
                return compute(text);
            }

            if (_values.TryGetValue(key, out var known))
            {
                return known;
            }

            var value = compute(text);
            if (Interlocked.Increment(ref _count) > Capacity)
            {
                _values.Clear();
                Interlocked.Exchange(ref _count, 1);
            }

            _values[key] = value;
            return value;
        }

        private static Key? KeyOf(SourceText text, string variant)
        {
            if (text.Encoding is not { } encoding)
            {
                return null;
            }

            var checksum = text.GetChecksum();
            return checksum.IsDefaultOrEmpty ? null : new Key(checksum, (int)text.ChecksumAlgorithm, encoding.CodePage, text.Length, variant);
        }

        /// <summary>A file's content as the cache knows it; internal for tests of its equality.</summary>
        internal sealed class Key : IEquatable<Key>
        {
            private readonly ImmutableArray<byte> _checksum;
            private readonly int _algorithm;
            private readonly int _codePage;
            private readonly int _length;
            private readonly string _variant;
            private readonly int _hash;

            public Key(ImmutableArray<byte> checksum, int algorithm, int codePage, int length, string variant)
            {
                _checksum = checksum;
                _algorithm = algorithm;
                _codePage = codePage;
                _length = length;
                _variant = variant;
                var hash = length ^ (algorithm << 24) ^ codePage;
                for (var i = 0; i < Math.Min(8, checksum.Length); i++)
                {
                    hash = (hash * 31) ^ checksum[i]; // a checksum's bytes are evenly spread: the first few do
                }

                _hash = hash;
            }

            public bool Equals(Key? other)
            {
                if (other == null || other._hash != _hash || other._length != _length || other._algorithm != _algorithm
                    || other._codePage != _codePage || other._variant != _variant || other._checksum.Length != _checksum.Length)
                {
                    return false;
                }

                for (var i = 0; i < _checksum.Length; i++)
                {
                    if (other._checksum[i] != _checksum[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            public override bool Equals(object? obj) => Equals(obj as Key);

            public override int GetHashCode() => _hash;
        }
    }
}
