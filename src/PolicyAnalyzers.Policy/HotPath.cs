using System.Runtime.CompilerServices;

namespace PolicyAnalyzers.Policy
{
    /// <summary>
    /// The compiler server loads analyzers afresh for every build, so their code starts unoptimised (tier 0) and a
    /// loop over every file's text or nodes would run most of a build that way. Methods marked with this are compiled
    /// optimised at once. MethodImplOptions.AggressiveOptimization (512) is not in netstandard2.0's enum; runtimes that
    /// do not know it ignore it.
    /// </summary>
    public static class HotPath
    {
        public const MethodImplOptions Optimize = (MethodImplOptions)512;
    }
}
