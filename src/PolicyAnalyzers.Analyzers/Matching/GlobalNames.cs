using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Whether a name is that of a namespace or type in a compilation's global namespace; past the first few names,
    /// asked of its source and of each referenced assembly's own global namespace, whose names are kept per assembly
    /// symbol (a compiler server and an editor reuse those between builds and edits). The compilation's merged global namespace, asked for a
    /// name it lacks, asks every referenced assembly again: a policy of a hundred absent roots paid that on every
    /// build. An assembly referenced under an extern alias counts too: a name may be said present for nothing, never
    /// the reverse.
    /// </summary>
    internal sealed class GlobalNames
    {
        private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> PerAssembly = new();

        private readonly Compilation _compilation;
        private readonly int _mergedLookups;
        private HashSet<string>? _referenced;
        private int _lookups;

        /// <param name="mergedLookups">How many names are asked of the merged namespace before the assemblies' names are read.</param>
        public GlobalNames(Compilation compilation, int mergedLookups = 8)
        {
            _compilation = compilation;
            _mergedLookups = mergedLookups;
        }

        public bool Contains(string name)
        {
            // A few names are asked of the merged namespace: reading every assembly's names costs more in a fresh
            // compiler process than a few lookups (the shipped policy's roots, on Mono.Cecil's command line).
            if (_lookups++ < _mergedLookups)
            {
                return _compilation.GlobalNamespace.GetMembers(name).Any();
            }

            if (_compilation.Assembly.GlobalNamespace.GetMembers(name).Any())
            {
                return true;
            }

            if (_referenced == null)
            {
                var referenced = new HashSet<string>(StringComparer.Ordinal);
                foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    referenced.UnionWith(PerAssembly.GetValue(assembly, NamesOf));
                }

                _referenced = referenced;
            }

            return _referenced.Contains(name);
        }

        private static HashSet<string> NamesOf(IAssemblySymbol assembly)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var module in assembly.Modules)
            {
                foreach (var member in module.GlobalNamespace.GetMembers())
                {
                    names.Add(member.Name);
                }
            }

            return names;
        }
    }
}
