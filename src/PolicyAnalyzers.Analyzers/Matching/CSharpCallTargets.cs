using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Which methods a C# call written as a bare name, <c>Name(…)</c>, can call, judged from declarations without
    /// binding the method body around it. The compiler looks the name up in the enclosing types, innermost first, each
    /// with what it inherits, before anything a <c>using static</c> imports; the first type where an accessible method
    /// so named exists decides, and the call is one of those methods (or of a local that hides them, which is no entry
    /// point either). Every class has object.GetType, so an unqualified <c>GetType(x, y)</c> in a library's own code is
    /// judged without a bind. Only C# trees come here (see <see cref="CSharpConstantArguments"/>).
    /// </summary>
    internal static class CSharpCallTargets
    {
        /// <returns>False only when the call cannot be of a method for which <paramref name="isEntryPoint"/> is true.</returns>
        public static bool MayBeOneOf(SemanticModel model, SyntaxToken name, Func<IMethodSymbol, bool> isEntryPoint, CancellationToken cancellationToken)
        {
            if (name.Parent is not IdentifierNameSyntax identifier || identifier.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != identifier)
            {
                return true; // a qualified call's receiver, a generic name: only binding knows
            }

            var methodName = identifier.Identifier.ValueText;
            for (var node = identifier.Parent; node != null; node = node.Parent)
            {
                if (node is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                if (declaration.IsKind(SyntaxKind.InterfaceDeclaration) || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } type)
                {
                    return true; // an interface's lookup also sees object's members: left to binding
                }

                if (Decides(type, methodName, model.Compilation.Assembly, isEntryPoint) is { } mayBe)
                {
                    return mayBe;
                }
            }

            return true; // top-level statements, or only a using static can supply the name
        }

        // Null when the type has no accessible method so named (the lookup goes on outwards); otherwise whether one of them is an entry point.
        private static bool? Decides(INamedTypeSymbol enclosing, string methodName, IAssemblySymbol compiled, Func<IMethodSymbol, bool> isEntryPoint)
        {
            bool? decision = null;
            for (var type = enclosing; type != null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(methodName))
                {
                    if (member is IMethodSymbol method && IsAccessibleFrom(method, enclosing, compiled))
                    {
                        if (isEntryPoint(method))
                        {
                            return true;
                        }

                        decision = false;
                    }
                }
            }

            return decision;
        }

        // Counted only when surely accessible: a method counted that is not would end the lookup too soon; one not counted only leaves the call to binding.
        private static bool IsAccessibleFrom(IMethodSymbol method, INamedTypeSymbol enclosing, IAssemblySymbol compiled)
        {
            switch (method.DeclaredAccessibility)
            {
                case Accessibility.Public:
                case Accessibility.Protected:
                case Accessibility.ProtectedOrInternal:
                    return true;
                case Accessibility.Internal:
                case Accessibility.ProtectedAndInternal:
                    return SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compiled);
                default:
                    return SymbolEqualityComparer.Default.Equals(method.ContainingType, enclosing);
            }
        }
    }
}
