using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Within one file that reaches a vendor (<see cref="VendorReach"/>): whether one member of a type (a method,
    /// property, field, event... with its signature and body) can hold a value of a listed type. Its locals come
    /// from its own code, so it can only if it mentions a name that reaches, sits in a type that derives from or is
    /// a listed one, or the file imports a listed type's statics. A member name such as "Value" is bound only in
    /// members that can; top-level statements count as one member. Used by one file's walk, on one thread.
    /// </summary>
    internal sealed class MemberReach
    {
        private readonly VendorReach _reach;
        private readonly VendorNameSet _names;
        private readonly SourceText _text;
        private readonly Dictionary<SyntaxNode, bool> _members = new();
        private readonly Dictionary<SyntaxNode, bool> _membersStatically = new();
        private HashSet<string>? _aliases;
        private bool _importsStatics;
        private SourceChars? _chars;
        private HashSet<int>? _hashesWithAliases;
        private HashSet<int>? _hashesStatically;
        private SyntaxNode? _lastMember;
        private bool _lastStatically;
        private bool _lastReaches;

        /// <param name="text">The file's text: a member's names are read from its characters.</param>
        public MemberReach(VendorReach reach, VendorNameSet names, SourceText text)
        {
            _reach = reach;
            _names = names;
            _text = text;
        }

        public bool IsAlias(string name) => _aliases != null && _aliases.Contains(name);

        /// <summary>The hashes of the names to look for in this file: the given ones and this file's aliases.</summary>
        public HashSet<int> WithAliases(HashSet<int> nameHashes)
        {
            if (_aliases == null)
            {
                return nameHashes;
            }

            var all = new HashSet<int>();
            foreach (var hash in nameHashes)
            {
                all.Add(hash);
            }

            foreach (var alias in _aliases)
            {
                all.Add(SourceIdentifiers.Hash(alias));
            }

            return all;
        }

        /// <summary>A file's usings are given before any of its names is judged.</summary>
        public void Using(UsingDirectiveSyntax directive)
        {
            // An alias stands for what it names: only one whose target mentions a vendor name can stand for a listed
            // API ('using RID = System.UInt32;' cannot), so only such aliases make their uses bound.
            if (directive.Alias is { } alias && NamesVendor(directive.Name))
            {
                (_aliases ??= new HashSet<string>(StringComparer.Ordinal)).Add(alias.Name.Identifier.ValueText);
                _hashesWithAliases = _hashesStatically = null;
            }
            else if (!directive.StaticKeyword.IsKind(SyntaxKind.None))
            {
                _importsStatics |= Mentions(directive, statically: true); // 'using static Vendor.Engine;' makes 'Run(...)' a vendor call anywhere below
            }
        }

        /// <param name="statically">For the name of a listed static member of a type whose values lead nowhere
        /// (<see cref="VendorNameSet.StaticTypeNames"/>): the member must also mention that type's name; any other
        /// name needs a name that hands on a value.</param>
        public bool Reaches(SyntaxNode node, bool statically = false)
        {
            if (_reach.EveryFile || _importsStatics)
            {
                return true;
            }

            var member = MemberOf(node);
            if (member == null)
            {
                return true; // outside members (attributes and base lists of types): always bound
            }

            // The names of a file come in order, most of a member's one after another: the last answer first.
            if (ReferenceEquals(member, _lastMember) && statically == _lastStatically)
            {
                return _lastReaches;
            }

            var cache = statically ? _membersStatically : _members;
            if (!cache.TryGetValue(member, out var reaches))
            {
                reaches = member is CompilationUnitSyntax unit ? TopLevelStatementsMention(unit, statically) : Mentions(member, statically) || EnclosingTypesMention(member, statically);
                cache[member] = reaches;
            }

            _lastMember = member;
            _lastStatically = statically;
            _lastReaches = reaches;
            return reaches;
        }

        private static SyntaxNode? MemberOf(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case GlobalStatementSyntax:
                        return current.Parent;
                    case BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                        return null;
                    case MemberDeclarationSyntax:
                        return current;
                }
            }

            return null;
        }

        private bool TopLevelStatementsMention(CompilationUnitSyntax unit, bool statically)
        {
            foreach (var member in unit.Members)
            {
                if (member is GlobalStatementSyntax && Mentions(member, statically))
                {
                    return true;
                }
            }

            return false;
        }

        // A type deriving from a listed type (here or in another part) gives its members the inherited ones by simple name.
        private bool EnclosingTypesMention(SyntaxNode member, bool statically)
        {
            for (var current = member.Parent; current is TypeDeclarationSyntax type; current = current.Parent)
            {
                if (_reach.Names.Contains(type.Identifier.ValueText) || (type.BaseList != null && Mentions(type.BaseList, statically)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool NamesVendor(SyntaxNode? target)
        {
            if (target == null)
            {
                return true; // a form this walk does not know: keep the alias
            }

            foreach (var token in new NodeTokens(target))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && _names.Mentions(token.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        // Read from the span's characters, not its tokens: a walk of a member's tokens made a node object for each of
        // its nodes, more than the binding it saved. Comments and strings count too (a member may be bound for nothing,
        // never skipped wrongly), and so may a hash shared by two names.
        private bool Mentions(SyntaxNode node, bool statically)
            => SourceIdentifiers.MentionsAny(_chars ??= SourceChars.Own(_text), node.Span, statically ? HashesStatically() : HashesWithAliases());

        private HashSet<int> HashesWithAliases()
            => _aliases == null ? _reach.NameHashes : _hashesWithAliases ??= Union(_reach.NameHashes, _aliases, null);

        private HashSet<int> HashesStatically()
            => _hashesStatically ??= Union(_reach.NameHashes, _aliases, _names.StaticTypeHashes);

        private static HashSet<int> Union(HashSet<int> hashes, HashSet<string>? names, HashSet<int>? more)
        {
            var all = new HashSet<int>(hashes);
            if (names != null)
            {
                foreach (var name in names)
                {
                    all.Add(SourceIdentifiers.Hash(name));
                }
            }

            if (more != null)
            {
                all.UnionWith(more);
            }

            return all;
        }
    }
}
