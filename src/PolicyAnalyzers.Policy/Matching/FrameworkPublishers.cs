using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// The strong-name keys of Microsoft and the .NET Foundation, which sign the framework's reference assemblies (a
    /// project references a hundred of them), with the Company and Copyright texts those assemblies carry. Where no
    /// listed publisher can be named by those texts, an assembly signed with one of these keys is judged by its name
    /// and token alone and its attributes are not decoded: decoding them is most of what checking references costs.
    /// A vendor assembly passes for one of these only if its metadata is rewritten to Microsoft's public key, and
    /// whoever rewrites metadata can as well remove the attributes; its name is still checked.
    /// </summary>
    public static class FrameworkPublishers
    {
        private static readonly string[] Texts =
        {
            "Microsoft Corporation", "© Microsoft Corporation. All rights reserved.", ".NET Foundation", "© .NET Foundation and Contributors", "© .NET Foundation and contributors.",
        };

        private static readonly HashSet<string> Tokens = new(StringComparer.OrdinalIgnoreCase)
        {
            "b03f5f7f11d50a3a", "b77a5c561934e089", "31bf3856ad364e35", "cc7b13ffcd2ddd51", "adb9793829ddae60", "7cec85d7bea7798e",
        };

        /// <summary>The publisher texts of assemblies signed with this key, or null for any other key.</summary>
        public static IReadOnlyList<string>? TextsFor(string? publicKeyToken) => publicKeyToken != null && Tokens.Contains(publicKeyToken) ? Texts : null;
    }
}
