using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Matches symbols against a policy index for one compilation. Each distinct namespace, type and member is
    /// looked up once and remembered, so the per-use cost is one hashed lookup; documentation-comment ids are
    /// computed only for types, and for members only where the policy lists a member of that type.
    /// </summary>
    internal sealed class SymbolMatcher
    {
        private static readonly IdentifierMatch NoMatch = new(null!, "");

        private readonly PolicyIndex _index;
        private readonly ConcurrentDictionary<ISymbol, IdentifierMatch> _cache = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typesWithListedMembers = new(SymbolEqualityComparer.Default);

        public SymbolMatcher(PolicyIndex index) => _index = index;

        public IdentifierMatch? Match(ISymbol? symbol)
        {
            symbol = Normalize(symbol);
            if (symbol == null)
            {
                return null;
            }

            var match = _cache.GetOrAdd(symbol, s => Compute(s) ?? NoMatch);
            return ReferenceEquals(match, NoMatch) ? null : match;
        }

        /// <summary>True when the policy lists a member (such as a constructor) of this type, so a use of the type
        /// must be bound down to the member; otherwise the type alone decides.</summary>
        public bool ListsMembersOf(ISymbol? symbol)
        {
            if (!_index.HasMemberEntries || symbol is not INamedTypeSymbol type)
            {
                return false;
            }

            return _typesWithListedMembers.GetOrAdd(type.OriginalDefinition, t => TypeId(t) is { } id && _index.HasMembersIn(id));
        }

        private static ISymbol? Normalize(ISymbol? symbol)
        {
            switch (symbol)
            {
                case IAliasSymbol alias:
                    return Normalize(alias.Target);
                case IMethodSymbol method:
                    return (method.ReducedFrom ?? method).OriginalDefinition;
                case IArrayTypeSymbol array:
                    return Normalize(array.ElementType);
                case IPointerTypeSymbol pointer:
                    return Normalize(pointer.PointedAtType);
                case INamedTypeSymbol type:
                    return type.OriginalDefinition;
                case INamespaceSymbol ns:
                    return ns.IsGlobalNamespace ? null : ns;
                case IPropertySymbol or IFieldSymbol or IEventSymbol:
                    return symbol.OriginalDefinition;
                default:
                    return null; // locals, parameters, labels, type parameters: never vendor API by themselves
            }
        }

        private IdentifierMatch? Compute(ISymbol symbol)
        {
            switch (symbol)
            {
                case INamespaceSymbol ns:
                    return _index.MatchNamespace(ns.ToDisplayString());
                case INamedTypeSymbol type:
                    var id = TypeId(type);
                    if (id != null && _index.MatchType(id) is { } typeMatch)
                    {
                        return typeMatch;
                    }

                    return type.ContainingType != null ? Match(type.ContainingType) : Match(type.ContainingNamespace);
                default:
                    var containing = symbol.ContainingType;
                    if (containing == null)
                    {
                        return null;
                    }

                    var containingId = TypeId(containing.OriginalDefinition);
                    if (containingId != null && _index.HasMembersIn(containingId)
                        && symbol.GetDocumentationCommentId() is { } memberId && _index.MatchMember(memberId) is { } memberMatch)
                    {
                        return memberMatch;
                    }

                    return Match(containing);
            }
        }

        private static string? TypeId(INamedTypeSymbol type)
        {
            var id = type.GetDocumentationCommentId();
            return id != null && id.Length > 2 ? id.Substring(2) : null;
        }
    }
}
