using System;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Configuration
{
    /// <summary>
    /// A policy file's text as the compiler holds it, compared with a string piece by piece, not copied into one: the
    /// compiler server reads the file again for every compilation, and a 10,000-entry policy's string is 800 KB on
    /// the large-object heap each time, whose budget, once spent, starts a full collection.
    /// </summary>
    internal static class PolicySourceText
    {
        private const int Piece = 4096;

        public static bool SameAs(SourceText text, string other)
        {
            if (text.Length != other.Length)
            {
                return false;
            }

            var buffer = new char[Math.Min(Piece, Math.Max(1, text.Length))];
            for (var offset = 0; offset < text.Length; offset += buffer.Length)
            {
                var count = Math.Min(buffer.Length, text.Length - offset);
                text.CopyTo(offset, buffer, 0, count);
                if (!buffer.AsSpan(0, count).SequenceEqual(other.AsSpan(offset, count)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
