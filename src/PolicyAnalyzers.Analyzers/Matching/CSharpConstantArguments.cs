using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// Whether a C# call may be given a constant string that matters, judged from its arguments' syntax and the
    /// names they use, without binding the method body around it: a parameter, a variable, a property, a call's
    /// result is no constant, and a constant field whose value is known and ruled out by the screen gives nothing
    /// either; a cast, '??' or '?:' has one of its operands' values, a concatenation or interpolation is a constant
    /// only when every part is (and is then bound: the screen sees whole texts). A name is resolved as the compiler looks first (the body's parameters and variables, then the
    /// enclosing types' members); anything else is left to binding. (SemanticModel.LookupSymbols costs more than
    /// the bind it would save: it gathers every name of every import.) With nullable analysis on, the first bind in a method body
    /// binds and analyses the whole body; reflection-heavy code calls methods named GetType or Load with such
    /// arguments in many bodies. Only C# trees come here: the Visual Basic compiler does not load this language's
    /// assembly, and its calls are bound as before.
    /// </summary>
    internal static class CSharpConstantArguments
    {
        /// <param name="valueMayMatch">Given a constant string, false when no finding can come of it; null: any
        /// constant string may.</param>
        /// <returns>False only when no argument can be a constant string that may match, or the name is no call.</returns>
        public static bool MayCarryOne(SemanticModel model, SyntaxToken name, Func<string, bool>? valueMayMatch, int[] constKeywords, CancellationToken cancellationToken)
        {
            if (name.Parent is not IdentifierNameSyntax identifier)
            {
                return true;
            }

            // The called expression: the name itself or a member access ending in it (x?.Name(...) is bound as before).
            var called = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
            if (called.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != called)
            {
                // Not a call of the name (a method group, a nameof, a conditional access): binding finds no call either,
                // except for the conditional access, which is left to it.
                return identifier.Parent is MemberBindingExpressionSyntax;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (!argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && Judge(model, argument.Expression, valueMayMatch, constKeywords, cancellationToken) == Value.MayMatch)
                {
                    return true;
                }
            }

            return false;
        }

        // What an argument's value can be, ordered: a judgement of a part that may match makes the whole one that may.
        private enum Value
        {
            NotConstant,
            RuledOut, // a constant that is no string, or a string the screen rules out
            MayMatch, // or unknown: left to binding
        }

        private static Value Judge(SemanticModel model, ExpressionSyntax expression, Func<string, bool>? valueMayMatch, int[] constKeywords, CancellationToken cancellationToken)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Judge(model, parenthesized.Expression, valueMayMatch, constKeywords, cancellationToken);
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    return Judge(model, suppressed.Operand, valueMayMatch, constKeywords, cancellationToken);
                case CastExpressionSyntax cast:
                    // A cast of a value that is no constant is none either; a constant cast keeps its text or loses it.
                    return Judge(model, cast.Expression, valueMayMatch, constKeywords, cancellationToken);
                case LiteralExpressionSyntax literal:
                    return literal.Token.Value is string text && (valueMayMatch == null || valueMayMatch(text)) ? Value.MayMatch : Value.RuledOut;
                case IdentifierNameSyntax name:
                    return JudgeName(model, name, valueMayMatch, constKeywords, cancellationToken);
                case InvocationExpressionSyntax call:
                    // A call's result is no constant, except nameof(...).
                    return call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } ? Value.MayMatch : Value.NotConstant;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression or (int)SyntaxKind.AddExpression } binary:
                {
                    var left = Judge(model, binary.Left, valueMayMatch, constKeywords, cancellationToken);
                    if (left == Value.MayMatch)
                    {
                        return Value.MayMatch;
                    }

                    var right = Judge(model, binary.Right, valueMayMatch, constKeywords, cancellationToken);
                    return binary.IsKind(SyntaxKind.CoalesceExpression)
                        ? (Value)Math.Max((int)left, (int)right) // the value is one of the two
                        : left == Value.NotConstant || right == Value.NotConstant ? Value.NotConstant : Value.MayMatch; // a new text when both are constants
                }

                case ConditionalExpressionSyntax conditional:
                {
                    // The value is one of the branches; a constant condition does not make either branch one.
                    var whenTrue = Judge(model, conditional.WhenTrue, valueMayMatch, constKeywords, cancellationToken);
                    return whenTrue == Value.MayMatch ? whenTrue : (Value)Math.Max((int)whenTrue, (int)Judge(model, conditional.WhenFalse, valueMayMatch, constKeywords, cancellationToken));
                }

                case InterpolatedStringExpressionSyntax interpolated:
                    // A constant only when every hole is one.
                    return interpolated.Contents.Any(c => c is InterpolationSyntax hole && Judge(model, hole.Expression, valueMayMatch, constKeywords, cancellationToken) == Value.NotConstant)
                        ? Value.NotConstant
                        : Value.MayMatch;
                case ObjectCreationExpressionSyntax:
                case ImplicitObjectCreationExpressionSyntax:
                case ArrayCreationExpressionSyntax:
                case ImplicitArrayCreationExpressionSyntax:
                case ElementAccessExpressionSyntax:
                case ThisExpressionSyntax:
                case BaseExpressionSyntax:
                case TypeOfExpressionSyntax:
                case AwaitExpressionSyntax:
                case DeclarationExpressionSyntax:
                case AnonymousFunctionExpressionSyntax:
                    return Value.NotConstant;
                case MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax type } access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return JudgePredefinedMember(model, type, access.Name.Identifier.ValueText, valueMayMatch);
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return MemberOfValueMayBeConstant(model, access, constKeywords, cancellationToken) ? Value.MayMatch : Value.NotConstant;
                default:
                    return Value.MayMatch; // anything else is left to binding
            }
        }

        private static Value JudgeName(SemanticModel model, IdentifierNameSyntax name, Func<string, bool>? valueMayMatch, int[] constKeywords, CancellationToken cancellationToken)
            => Resolve(model, name, constKeywords, cancellationToken) switch
            {
                Variable => Value.NotConstant,
                Member { Symbols: var members } => JudgeMembers(members, valueMayMatch),
                _ => Value.MayMatch,
            };

        // What one of these members names: a constant field's value, or no constant.
        private static Value JudgeMembers(ImmutableArray<ISymbol> members, Func<string, bool>? valueMayMatch)
        {
            var result = Value.NotConstant;
            foreach (var member in members)
            {
                if (member is IFieldSymbol { IsConst: true } field)
                {
                    if (!field.HasConstantValue || field.ConstantValue is string value && (valueMayMatch == null || valueMayMatch(value)))
                    {
                        return Value.MayMatch;
                    }

                    result = Value.RuledOut;
                }
            }

            return result;
        }

        // string.Empty and the like: the members of a type spelled by a keyword are looked up in it; those of the other
        // keyword types are numbers and characters, no text.
        private static Value JudgePredefinedMember(SemanticModel model, PredefinedTypeSyntax type, string member, Func<string, bool>? valueMayMatch)
            => type.Keyword.IsKind(SyntaxKind.StringKeyword)
                ? JudgeMembers(model.Compilation.GetSpecialType(SpecialType.System_String).GetMembers(member), valueMayMatch)
                : Value.RuledOut;

        // x.Y where x is a variable or a field or property: Y is reached through a value and is no constant, unless
        // x's type is named x too (then x.Y may name the type's constant).
        private static bool MemberOfValueMayBeConstant(SemanticModel model, MemberAccessExpressionSyntax access, int[] constKeywords, CancellationToken cancellationToken)
        {
            if (access.Expression is not IdentifierNameSyntax name)
            {
                return true;
            }

            var text = name.Identifier.ValueText;
            return Resolve(model, name, constKeywords, cancellationToken) switch
            {
                Variable { Type: { IsVar: false } type } => RightmostName(type) == text,
                Member { Symbols: var members } => members.Any(m => m switch
                {
                    IFieldSymbol field => field.Type.Name == text,
                    IPropertySymbol property => property.Type.Name == text,
                    _ => true,
                }),
                _ => true,
            };
        }

        private static string? RightmostName(TypeSyntax type) => type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
            _ => null,
        };

        // What a simple name is, looked up as the compiler looks first: the body's parameters and variables, then
        // the members of the enclosing types and their bases. Null: something else (an import, a type, a local
        // constant, a kind of variable not recognised here), left to binding.
        private static object? Resolve(SemanticModel model, IdentifierNameSyntax name, int[] constKeywords, CancellationToken cancellationToken)
        {
            var text = name.Identifier.ValueText;
            var member = name.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax);
            if (member == null)
            {
                return null;
            }

            // A local shadows what is outside, and nothing else in the body can be a constant.
            if (FindVariable(name, text) is { } variable)
            {
                return DeclaresLocalConstant(member, constKeywords) ? null : variable;
            }

            if (member.Parent is not TypeDeclarationSyntax typeSyntax || model.GetDeclaredSymbol(typeSyntax, cancellationToken) is not { } type)
            {
                return null;
            }

            for (INamedTypeSymbol? outer = type; outer != null; outer = outer.ContainingType)
            {
                for (var level = outer; level != null; level = level.BaseType)
                {
                    var members = level.GetMembers(text);
                    if (members.Length > 0)
                    {
                        foreach (var m in members)
                        {
                            if (m is not (IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol))
                            {
                                return null;
                            }
                        }

                        return new Member(members);
                    }
                }
            }

            return null;
        }

        // The parameter of a function around the name, or else a variable of a block, switch section or statement around it.
        private static Variable? FindVariable(SyntaxNode use, string name)
            => Parameter(use, name) ?? Declared(use, name);

        // Most names passed on are the function's parameters, found without reading the blocks between. Within one
        // function no local may take a parameter's name; a nested function may, and then only the type is unknown.
        private static Variable? Parameter(SyntaxNode use, string name)
        {
            var nested = false;
            for (var node = use.Parent; node != null; node = node.Parent)
            {
                if (ParametersOf(node) is { } parameters)
                {
                    if (Named(parameters, name) is { } parameter)
                    {
                        return new Variable(nested ? null : parameter.Type);
                    }

                    nested = true;
                }
                else if (node is SimpleLambdaExpressionSyntax simple)
                {
                    if (simple.Parameter.Identifier.ValueText == name)
                    {
                        return new Variable(nested ? null : simple.Parameter.Type);
                    }

                    nested = true;
                }
                else if (node is AnonymousMethodExpressionSyntax { ParameterList: null })
                {
                    nested = true;
                }

                if (node is MemberDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        private static ParameterSyntax? Named(BaseParameterListSyntax list, string name)
        {
            var parameters = list.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].Identifier.ValueText == name)
                {
                    return parameters[i];
                }
            }

            return null;
        }

        // The parameter list of a function (a method, indexer, local function, lambda, anonymous method); null for any
        // other node and for a lambda of one bare parameter or an anonymous method without a list (asked of above).
        private static BaseParameterListSyntax? ParametersOf(SyntaxNode node) => node switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList,
            IndexerDeclarationSyntax indexer => indexer.ParameterList,
            LocalFunctionStatementSyntax function => function.ParameterList,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList,
            AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList,
            _ => null,
        };

        // A variable of a block, switch section or statement around the name, or an accessor's 'value'.
        private static Variable? Declared(SyntaxNode use, string name)
        {
            for (var node = use.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case AccessorDeclarationSyntax accessor when name == "value" && !accessor.Keyword.IsKind(SyntaxKind.GetKeyword):
                        return new Variable(null);
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                        return new Variable(forEach.Type);
                    case CatchClauseSyntax { Declaration: { } caught } when caught.Identifier.ValueText == name:
                        return new Variable(caught.Type);
                    case UsingStatementSyntax { Declaration: { } declaration } when Declares(declaration, name):
                        return new Variable(declaration.Type);
                    case ForStatementSyntax { Declaration: { } declaration } when Declares(declaration, name):
                        return new Variable(declaration.Type);
                    case FixedStatementSyntax { Declaration: { } declaration } when Declares(declaration, name):
                        return new Variable(declaration.Type);
                    case BlockSyntax block when Local(block.Statements, name) is { } local:
                        return local;
                    case SwitchSectionSyntax section when Local(section.Statements, name) is { } local:
                        return local;
                    case SwitchSectionSyntax section when PatternLabelDesignates(section.Labels, name):
                        return new Variable(null);
                    case IfStatementSyntax statement when Designates(statement.Condition, name):
                    case WhileStatementSyntax loop when Designates(loop.Condition, name):
                        return new Variable(null);
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        // Loops by index, here and below: these run for each name an argument passes, and Enumerable.Any over a
        // syntax list boxes it and resolves its generic code at run time.
        private static bool Declares(VariableDeclarationSyntax declaration, string name)
        {
            var variables = declaration.Variables;
            for (var i = 0; i < variables.Count; i++)
            {
                if (variables[i].Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool PatternLabelDesignates(SyntaxList<SwitchLabelSyntax> labels, string name)
        {
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels[i] is CasePatternSwitchLabelSyntax label && Designates(label.Pattern, name))
                {
                    return true;
                }
            }

            return false;
        }

        // A local declared by a statement of the list, or a pattern or out variable of an if condition or an
        // expression statement there, whose scope is the whole list.
        private static Variable? Local(SyntaxList<StatementSyntax> statements, string name)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case LocalDeclarationStatementSyntax local when Declares(local.Declaration, name):
                        return new Variable(local.Declaration.Type);
                    case IfStatementSyntax condition when Designates(condition.Condition, name):
                    case ExpressionStatementSyntax expression when Designates(expression.Expression, name):
                        return new Variable(null);
                }
            }

            return null;
        }

        // Whether a pattern or out variable so named is declared in the expression outside any nested function or
        // switch expression (whose variables are theirs alone).
        private static bool Designates(SyntaxNode expression, string name)
        {
            foreach (var node in expression.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or SwitchExpressionSyntax or QueryExpressionSyntax)))
            {
                if (node is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name
                    && !designation.Ancestors().TakeWhile(a => a != expression).Any(a => a is AnonymousFunctionExpressionSyntax or SwitchExpressionSyntax or QueryExpressionSyntax))
                {
                    return true;
                }
            }

            return false;
        }

        // Whether the keyword 'const' is written in the member (its places in the file are known, in order).
        private static bool DeclaresLocalConstant(SyntaxNode member, int[] constKeywords)
        {
            // The first place at or after the member's start (by hand: Array.BinarySearch<int> is compiled at run time
            // in every fresh compiler process).
            int low = 0, high = constKeywords.Length;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (constKeywords[middle] < member.SpanStart)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low < constKeywords.Length && constKeywords[low] < member.Span.End;
        }

        /// <summary>A parameter or variable, with its declared type where one is written.</summary>
        private sealed class Variable
        {
            public Variable(TypeSyntax? type) => Type = type;

            public TypeSyntax? Type { get; }
        }

        /// <summary>Members of an enclosing type (or a base) that a simple name finds first.</summary>
        private sealed class Member
        {
            public Member(ImmutableArray<ISymbol> symbols) => Symbols = symbols;

            public ImmutableArray<ISymbol> Symbols { get; }
        }
    }
}
