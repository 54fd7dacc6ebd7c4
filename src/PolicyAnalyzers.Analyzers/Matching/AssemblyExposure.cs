using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// What a compilation's referenced assemblies expose of the listed APIs, as far as their metadata tells
    /// (<see cref="VendorReach"/>): the names, the full names of the types that lead to a listed API, and the
    /// referenced assemblies left to read as symbols. It depends only on that metadata and the policy when no
    /// listed API is compiled from the compilation's own source, so it is kept for the next compilation with the
    /// same metadata objects: a compiler server and an editor keep them between builds and keystrokes, and reading
    /// a framework assembly's signatures again would give the same names.
    /// </summary>
    internal sealed class AssemblyExposure
    {
        // Per policy, the last few sets of referenced metadata (an editor has a compilation per project).
        private const int Kept = 8;
        private static readonly ConditionalWeakTable<PolicyIndex, List<(ISymbol[] Key, AssemblyExposure Value)>> Remembered = new();

        public AssemblyExposure(bool complete, ExposedNames names, HashSet<string> leading, List<IAssemblySymbol> symbols)
        {
            Complete = complete;
            Names = names;
            Leading = leading;
            Symbols = symbols;
        }

        /// <summary>False when the vendor is referenced too widely to index: then every file is analysed.</summary>
        public bool Complete { get; }

        public ExposedNames Names { get; }

        public HashSet<string> Leading { get; }

        /// <summary>Referenced assemblies without metadata here (project references in an editor): read as symbols by the caller.</summary>
        public List<IAssemblySymbol> Symbols { get; }

        /// <summary>The key under which a result for this compilation is kept: the assembly symbol of every
        /// referenced file, in order, which the compiler makes once per metadata and reuses while a server or an
        /// editor keeps it (asking each file reference for its metadata instead made the server look up each file's
        /// time stamp on disk, every build); null when none may be kept (a listed API declared in source, a reference
        /// that is not a file).</summary>
        public static ISymbol[]? KeyOf(Compilation compilation, VendorNameSet vendorNames)
        {
            if (vendorNames.Assemblies.Any(a => a is ISourceAssemblySymbol))
            {
                return null;
            }

            var symbols = new List<ISymbol>();
            foreach (var reference in compilation.ExternalReferences)
            {
                if (reference is not PortableExecutableReference || compilation.GetAssemblyOrModuleSymbol(reference) is not { } symbol)
                {
                    return null;
                }

                symbols.Add(symbol);
            }

            return symbols.ToArray();
        }

        public static AssemblyExposure? Find(PolicyIndex index, ISymbol[] key)
        {
            var kept = Remembered.GetOrCreateValue(index);
            lock (kept)
            {
                foreach (var (symbols, value) in kept)
                {
                    if (SameSymbols(symbols, key))
                    {
                        return value;
                    }
                }
            }

            return null;
        }

        private static bool SameSymbols(ISymbol[] a, ISymbol[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static void Keep(PolicyIndex index, ISymbol[] key, AssemblyExposure value)
        {
            var kept = Remembered.GetOrCreateValue(index);
            lock (kept)
            {
                if (kept.Count == Kept)
                {
                    kept.RemoveAt(0);
                }

                kept.Add((key, value));
            }
        }
    }
}
