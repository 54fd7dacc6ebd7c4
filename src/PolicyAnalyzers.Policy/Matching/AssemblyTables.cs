using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>The assembly name patterns and public key tokens of a policy, made when an assembly is first matched.</summary>
    internal sealed class AssemblyTables
    {
        public AssemblyTables(NamePatternSet<IdentifierMatch> names) => Names = names;

        public NamePatternSet<IdentifierMatch> Names { get; }

        public Dictionary<string, IdentifierMatch> Tokens { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
