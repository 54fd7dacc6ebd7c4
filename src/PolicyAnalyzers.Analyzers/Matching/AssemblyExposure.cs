using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
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
        private static readonly ConditionalWeakTable<PolicyIndex, List<(MetadataReader[] Key, AssemblyExposure Value)>> Remembered = new();

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

        /// <summary>The key under which a result for this compilation is kept: every referenced assembly's metadata
        /// reader, in order; null when none may be kept (a listed API declared in source, a reference without metadata).</summary>
        public static MetadataReader[]? KeyOf(Compilation compilation, VendorNameSet vendorNames)
        {
            if (vendorNames.Assemblies.Any(a => a is ISourceAssemblySymbol))
            {
                return null;
            }

            var readers = new List<MetadataReader>();
            foreach (var reference in compilation.ExternalReferences)
            {
                if (MetadataExposure.Read(reference) is not { } reader)
                {
                    return null;
                }

                readers.Add(reader);
            }

            return readers.ToArray();
        }

        public static AssemblyExposure? Find(PolicyIndex index, MetadataReader[] key)
        {
            var kept = Remembered.GetOrCreateValue(index);
            lock (kept)
            {
                foreach (var (readers, value) in kept)
                {
                    if (readers.Length == key.Length && readers.Zip(key, ReferenceEquals).All(same => same))
                    {
                        return value;
                    }
                }
            }

            return null;
        }

        public static void Keep(PolicyIndex index, MetadataReader[] key, AssemblyExposure value)
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
