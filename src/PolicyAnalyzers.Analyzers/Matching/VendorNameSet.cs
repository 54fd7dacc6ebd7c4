using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Every simple name by which code can reach a listed API in one compilation: the segments of listed
    /// namespaces, the names of their namespaces, types (also without "Attribute") and members, and the names of
    /// listed types and members with their containing types. A name outside this set cannot bind to a listed
    /// symbol (aliases aside, which the caller adds per file), so it is never bound: binding is what costs.
    /// A member's name is found only through a value or name of its type, which is why
    /// <see cref="EntryNames"/> and <see cref="Assemblies"/> are kept for <see cref="VendorReach"/>.
    /// </summary>
    internal sealed class VendorNameSet
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _entryNames = new(StringComparer.Ordinal);
        private readonly HashSet<IAssemblySymbol> _assemblies = new(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _valueTypes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _derivable = new(StringComparer.Ordinal);
        private readonly HashSet<string> _staticTypeNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _staticMemberNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _otherNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _entryMemberNames = new(StringComparer.Ordinal);
        private readonly List<string> _valuePrefixes = new();
        private readonly IAssemblySymbol _source;

        public VendorNameSet(Compilation compilation, PolicyIndex index)
        {
            Index = index;
            _source = compilation.Assembly;
            // Only what the compilation has: a listed namespace or type whose outermost namespace (or own name) the
            // compilation lacks cannot be used, so its names cost nothing, and its root's entries are never indexed
            // (a large policy lists thousands of APIs under a few roots; an absent root costs one lookup).
            var global = new GlobalNames(compilation);
            foreach (var root in index.ApiRoots)
            {
                if (!global.Contains(root))
                {
                    continue;
                }

                foreach (var ns in index.NamespacesUnder(root))
                {
                    AddListedNamespace(compilation, ns);
                }

                foreach (var typeName in index.TypeNamesUnder(root))
                {
                    AddListedType(compilation, index, typeName);
                }
            }
        }

        private void AddListedNamespace(Compilation compilation, string ns)
        {
            var segments = ns.Split('.');
            var current = compilation.GlobalNamespace;
            foreach (var segment in segments)
            {
                current = current?.GetMembers(segment).OfType<INamespaceSymbol>().FirstOrDefault();
            }

            if (current == null)
            {
                return;
            }

            _valuePrefixes.Add(ns + ".");
            foreach (var segment in segments)
            {
                AddEntryName(segment);
            }

            foreach (var part in current.ConstituentNamespaces)
            {
                AddAssembly(part.ContainingAssembly);
            }

            AddNamespace(current);
        }

        private void AddListedType(Compilation compilation, PolicyIndex index, string typeName)
        {
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + typeName, compilation) is not INamedTypeSymbol type)
            {
                return;
            }

            if (index.MatchType(typeName) != null)
            {
                AddType(type); // listed whole: each of its members (and nested type) is a use of it
                _valueTypes.Add(typeName);
                _valuePrefixes.Add(typeName + ".");
            }
            else if (AddListedMembers(type, typeName, index.MemberNamesIn(typeName)))
            {
                _valueTypes.Add(typeName);
            }

            AddAssembly(type.ContainingAssembly);
        }

        public bool Contains(string name) => _names.Contains(name);

        /// <summary>The names that are bound where they are written (see <see cref="Contains"/>).</summary>
        public IEnumerable<string> All => _names;

        /// <summary>True for every name that can be part of a path to a listed API: bound names and entry names.</summary>
        public bool Mentions(string name) => _names.Contains(name) || _entryNames.Contains(name) || _staticTypeNames.Contains(name);

        /// <summary>The names of types of which only static members are listed and which nothing derives from (a struct,
        /// a sealed or static class: DateTime, String, GC): they lead to those members where written before them, and
        /// their values lead nowhere, so a declaration that hands one out exposes nothing.</summary>
        public IReadOnlyCollection<string> StaticTypeNames => _staticTypeNames;

        public bool IsStaticTypeName(string name) => _staticTypeNames.Contains(name);

        /// <summary>The <see cref="SourceIdentifiers.Hash(string)"/> values of <see cref="StaticTypeNames"/>.</summary>
        public HashSet<int> StaticTypeHashes
            => Volatile.Read(ref _staticTypeHashes) ?? Interlocked.CompareExchange(ref _staticTypeHashes, SourceIdentifiers.Hashes(_staticTypeNames), null) ?? _staticTypeHashes!;

        private HashSet<int>? _staticTypeHashes;

        /// <summary>Whether the name is only that of listed static members of <see cref="StaticTypeNames"/> (Sleep of
        /// Thread.Sleep), which are bound only where one of those names (or an alias, a using static) is written.</summary>
        public bool IsStaticMemberOnly(string name) => _staticMemberNames.Contains(name) && !_otherNames.Contains(name);

        /// <summary>The names that reach a listed API wherever they are written: listed namespaces and types and their
        /// parts, and extension methods. Code without any of them reaches a listed member only through a declaration
        /// that exposes a listed type.</summary>
        public IEnumerable<string> EntryNames => _entryNames;

        /// <summary>The entry names that are members' (extension methods, a keyword type's static members), not types' or namespaces'.</summary>
        public IEnumerable<string> EntryMemberNames => _entryMemberNames;

        /// <summary>The referenced assemblies that define types whose values, or derived types, lead to a listed API (not the compilation's own).</summary>
        public IReadOnlyCollection<IAssemblySymbol> Assemblies => _assemblies;

        /// <summary>The policy the names are of.</summary>
        public PolicyIndex Index { get; }

        /// <summary>Whether a value of the type (its documentation-comment name without "T:", "Ns.Outer.Inner`1") leads
        /// to a listed API: a type in a listed namespace, a listed type or one nested in it, or a type with listed
        /// instance members, constructors or operators. A type with only static members listed does not: those are
        /// written with their own names.</summary>
        /// <summary>Whether deriving from the type leads to a listed API: <see cref="LeadsByValue"/>, or a type with
        /// listed static members (reached through a derived type's name).</summary>
        public bool LeadsByDerivation(string typeName) => _derivable.Contains(typeName) || LeadsByValue(typeName);

        /// <summary>The last segments of the names <see cref="LeadsByDerivation"/> is true for and of its prefixes,
        /// and the prefixes (each ends with '.'): a type whose simple name is none of the segments, in a namespace no
        /// prefix covers, is not one (metadata is screened so before full names are made).</summary>
        public IEnumerable<string> LeadingSegments => _derivable.Concat(_valueTypes).Concat(_valuePrefixes.Select(p => p.Substring(0, p.Length - 1))).Select(LastSegment);

        /// <inheritdoc cref="LeadingSegments"/>
        public IReadOnlyList<string> ValuePrefixes => _valuePrefixes;

        /// <summary>"Outer`1" of "Ns.Outer`1", "Inner" of "Ns.Outer.Inner".</summary>
        public static string LastSegment(string typeName) => typeName.Substring(typeName.LastIndexOf('.') + 1);

        public bool LeadsByValue(string typeName)
        {
            if (_valueTypes.Contains(typeName))
            {
                return true;
            }

            foreach (var prefix in _valuePrefixes)
            {
                if (typeName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddEntryName(string name)
        {
            _names.Add(name);
            _otherNames.Add(name);
            _entryNames.Add(name);
        }

        private void AddAssembly(IAssemblySymbol? assembly)
        {
            if (assembly != null && !SymbolEqualityComparer.Default.Equals(assembly, _source))
            {
                _assemblies.Add(assembly);
            }
        }

        private void AddNamespace(INamespaceSymbol ns)
        {
            AddEntryName(ns.Name);
            foreach (var child in ns.GetNamespaceMembers())
            {
                AddNamespace(child);
            }

            foreach (var type in ns.GetTypeMembers())
            {
                AddType(type);
            }
        }

        // A type only some members of which are listed ("M:System.GC.Collect"): only those names can bind to a listed
        // symbol. A static one is written after its type's name (or a type derived from it, a using static, an
        // alias), so the type's name leads to it; a type with a keyword (string.Format, int.Parse) is written without
        // its name, so there the member's own name does, wherever written. An instance member, constructor or operator
        // is reached through a value of the type. True when the type's values matter.
        private bool AddListedMembers(INamedTypeSymbol type, string typeName, IReadOnlyCollection<string> memberNames)
        {
            var listed = new HashSet<string>(memberNames.Select(StripArity), StringComparer.Ordinal);
            var keyword = type.SpecialType != SpecialType.None;
            var byValue = false;
            var bound = new List<string>();
            if (listed.Contains("#ctor"))
            {
                _names.Add(type.Name); // 'new T(…)' names the type; 'new(…)' takes it from a value's context
                _otherNames.Add(type.Name);
                byValue = true;
            }

            foreach (var member in type.GetMembers())
            {
                if (!listed.Contains(member.Name))
                {
                    continue;
                }

                if (member is IMethodSymbol { IsExtensionMethod: true } || (keyword && IsStatic(member)))
                {
                    AddEntryName(member.Name); // an extension method once imported, a keyword type's static member: by name
                    _entryMemberNames.Add(member.Name);
                }
                else
                {
                    _names.Add(member.Name);
                    byValue |= !IsStatic(member);
                    bound.Add(member.Name);
                }
            }

            var derivable = !type.IsSealed && !type.IsStatic && type.TypeKind is TypeKind.Class or TypeKind.Interface;
            if (derivable)
            {
                _derivable.Add(typeName); // a derived type's name leads to the static members too
            }

            if (byValue || derivable)
            {
                _entryNames.Add(type.Name);
                _otherNames.UnionWith(bound);
            }
            else
            {
                _staticTypeNames.Add(type.Name);
                _staticMemberNames.UnionWith(bound);
            }

            return byValue;
        }

        private static bool IsStatic(ISymbol member) => member.IsStatic && member is not IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion };

        private void AddType(INamedTypeSymbol type)
        {
            AddEntryName(type.Name);
            if (type.Name.EndsWith("Attribute", StringComparison.Ordinal) && type.Name.Length > 9)
            {
                AddEntryName(type.Name.Substring(0, type.Name.Length - 9)); // [Monitored] for MonitoredAttribute
            }

            foreach (var member in type.GetMembers())
            {
                if (member is INamedTypeSymbol nested)
                {
                    AddType(nested);
                }
                else if (member is IMethodSymbol { IsExtensionMethod: true })
                {
                    AddEntryName(member.Name); // once imported, called on values of any type
                    _entryMemberNames.Add(member.Name);
                }
                else if (member.CanBeReferencedByName)
                {
                    _names.Add(member.Name);
                    _otherNames.Add(member.Name);
                }
            }
        }

        // "Run``1" and "List`1" are spelled "Run" and "List" in code.
        private static string StripArity(string name)
        {
            var tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }
    }
}
