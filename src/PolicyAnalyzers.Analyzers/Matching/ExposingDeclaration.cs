using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// A declaration whose signature can hand a value of some type to code in other files: a member's name (or, for
    /// indexers and operators, its type's name), a type's name (a base type is inherited with its members), a
    /// global using. <see cref="SignatureNames"/> are the identifiers its signature is written with.
    /// </summary>
    internal sealed class ExposingDeclaration
    {
        private ExposingDeclaration(string[] names, string[] signatureNames, bool reachesEveryFile, bool namesTypes = false)
        {
            NamesTypes = namesTypes;
            Names = names;
            SignatureNames = signatureNames;
            ReachesEveryFile = reachesEveryFile;
        }

        public string[] Names { get; }

        /// <summary>Whether <see cref="Names"/> are a type's (a type or delegate, or the type whose value reaches an
        /// indexer or operator): then a signature written with one of them hands on what this one does.</summary>
        public bool NamesTypes { get; }

        public string[] SignatureNames { get; }

        /// <summary>Whether the signature is written with one of the names.</summary>
        public bool SignatureMentions(HashSet<string> names)
        {
            foreach (var name in SignatureNames)
            {
                if (names.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A global using: what it names can be used in every file without being written there.</summary>
        public bool ReachesEveryFile { get; }

        public static IReadOnlyList<ExposingDeclaration> Collect(SyntaxNode root)
        {
            var result = new List<ExposingDeclaration>();
            if (root is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (!directive.GlobalKeyword.IsKind(SyntaxKind.None))
                    {
                        result.Add(new ExposingDeclaration(Array.Empty<string>(), SignatureOf(directive), reachesEveryFile: true));
                    }
                }

                Members(unit.Members, null, result);
            }

            return result;
        }

        private static void Members(SyntaxList<MemberDeclarationSyntax> members, string? containingType, List<ExposingDeclaration> result)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        Members(ns.Members, null, result);
                        break;
                    case TypeDeclarationSyntax type:
                        var names = new List<string> { type.Identifier.ValueText };
                        if (type.ParameterList != null)
                        {
                            // Positional records: each parameter is also a property.
                            foreach (var parameter in type.ParameterList.Parameters)
                            {
                                names.Add(parameter.Identifier.ValueText);
                            }
                        }

                        result.Add(new ExposingDeclaration(names.ToArray(), SignatureOf(type), reachesEveryFile: false, namesTypes: true));
                        Members(type.Members, type.Identifier.ValueText, result);
                        break;
                    case EnumDeclarationSyntax:
                        break;
                    case DelegateDeclarationSyntax d:
                        result.Add(new ExposingDeclaration(new[] { d.Identifier.ValueText }, SignatureOf(d), reachesEveryFile: false, namesTypes: true));
                        break;
                    case BaseFieldDeclarationSyntax field:
                        var declared = new string[field.Declaration.Variables.Count];
                        for (var i = 0; i < declared.Length; i++)
                        {
                            declared[i] = field.Declaration.Variables[i].Identifier.ValueText;
                        }

                        result.Add(new ExposingDeclaration(declared, SignatureOf(field.Declaration.Type), reachesEveryFile: false));
                        break;
                    case MethodDeclarationSyntax method:
                        result.Add(new ExposingDeclaration(new[] { method.Identifier.ValueText }, SignatureOf(method), reachesEveryFile: false));
                        break;
                    case PropertyDeclarationSyntax property:
                        result.Add(new ExposingDeclaration(new[] { property.Identifier.ValueText }, SignatureOf(property), reachesEveryFile: false));
                        break;
                    case EventDeclarationSyntax e:
                        result.Add(new ExposingDeclaration(new[] { e.Identifier.ValueText }, SignatureOf(e), reachesEveryFile: false));
                        break;
                    case ConstructorDeclarationSyntax or DestructorDeclarationSyntax:
                        break; // 'new T(...)' names T; a constructor hands out nothing else
                    default:
                        // Indexers, operators, conversions and declarations newer than this analyzer: reached through
                        // a value of the containing type, so that type's name exposes them.
                        if (containingType != null)
                        {
                            result.Add(new ExposingDeclaration(new[] { containingType }, SignatureOf(member), reachesEveryFile: false, namesTypes: true));
                        }

                        break;
                }
            }
        }

        // The identifiers a declaration's signature is written with: not its bodies, initializers, attributes or
        // members. An array, not a set: a signature has a few names, and a compilation thousands of declarations.
        // Walked with a stack of nodes (order does not matter): DescendantTokens with a filter is LINQ over value
        // types, compiled at run time in every fresh compiler process.
        private static string[] SignatureOf(SyntaxNode declaration)
        {
            List<string>? names = null;
            var nodes = new Stack<SyntaxNode>();
            nodes.Push(declaration);
            while (nodes.Count > 0)
            {
                // By index: ChildSyntaxList.Enumerator's layout changed after Roslyn 4.8 (see NodeTokens).
                var children = nodes.Pop().ChildNodesAndTokens();
                for (var i = 0; i < children.Count; i++)
                {
                    var child = children[i];
                    if (child.IsToken)
                    {
                        if (child.IsKind(SyntaxKind.IdentifierToken))
                        {
                            (names ??= new List<string>(4)).Add(child.AsToken().ValueText);
                        }
                    }
                    else if (child.AsNode() is { } node && !IsOutsideSignature(node))
                    {
                        nodes.Push(node);
                    }
                }
            }

            return names == null ? Array.Empty<string>() : names.ToArray();
        }

        private static bool IsOutsideSignature(SyntaxNode node) => node is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax
            or AttributeListSyntax or AccessorListSyntax or MemberDeclarationSyntax;
    }
}
