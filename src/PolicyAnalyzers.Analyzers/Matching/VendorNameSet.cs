using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Every simple name by which code can reach a listed API in one compilation: the segments of listed
    /// namespaces, the names of their namespaces, types (also without "Attribute") and members, and the names of
    /// listed types and members with their containing types. A name outside this set cannot bind to a listed
    /// symbol (aliases aside, which the caller adds per file), so it is never bound: binding is what costs.
    /// </summary>
    internal sealed class VendorNameSet
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public VendorNameSet(Compilation compilation, PolicyIndex index)
        {
            foreach (var ns in index.Namespaces)
            {
                var current = compilation.GlobalNamespace;
                foreach (var segment in ns.Split('.'))
                {
                    _names.Add(segment);
                    current = current?.GetNamespaceMembers().FirstOrDefaultNamed(segment);
                }

                if (current != null)
                {
                    AddNamespace(current);
                }
            }

            foreach (var typeName in index.TypeNames)
            {
                foreach (var segment in typeName.Split('.'))
                {
                    _names.Add(StripArity(segment));
                }

                if (DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + typeName, compilation) is INamedTypeSymbol type)
                {
                    AddType(type);
                }
            }

            foreach (var memberName in index.MemberNames)
            {
                if (memberName != "#ctor")
                {
                    _names.Add(StripArity(memberName));
                }
            }
        }

        public int Count => _names.Count;

        public bool Contains(string name) => _names.Contains(name);

        private void AddNamespace(INamespaceSymbol ns)
        {
            _names.Add(ns.Name);
            foreach (var child in ns.GetNamespaceMembers())
            {
                AddNamespace(child);
            }

            foreach (var type in ns.GetTypeMembers())
            {
                AddType(type);
            }
        }

        private void AddType(INamedTypeSymbol type)
        {
            _names.Add(type.Name);
            if (type.Name.EndsWith("Attribute", StringComparison.Ordinal) && type.Name.Length > 9)
            {
                _names.Add(type.Name.Substring(0, type.Name.Length - 9)); // [Monitored] for MonitoredAttribute
            }

            foreach (var member in type.GetMembers())
            {
                if (member is INamedTypeSymbol nested)
                {
                    AddType(nested);
                }
                else if (member.CanBeReferencedByName)
                {
                    _names.Add(member.Name);
                }
            }
        }

        private static string StripArity(string name)
        {
            var paren = name.IndexOf('(');
            name = paren < 0 ? name : name.Substring(0, paren);
            var tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }
    }

    internal static class NamespaceExtensions
    {
        public static INamespaceSymbol? FirstOrDefaultNamed(this IEnumerable<INamespaceSymbol> namespaces, string name)
        {
            foreach (var ns in namespaces)
            {
                if (ns.Name == name)
                {
                    return ns;
                }
            }

            return null;
        }
    }
}
