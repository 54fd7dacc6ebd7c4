using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// The names through which code can reach a listed API (<see cref="All"/>), and among them those of types
    /// (<see cref="Types"/>). A signature hands out a value only of a type it is written with, so only a type's name
    /// in a signature exposes the declaration; a member's name (a property 'List' of a framework collection that
    /// returns an ArrayList) is reached where it is written, and its being spelled like a type (List&lt;T&gt;) in a
    /// signature exposes nothing.
    /// </summary>
    internal sealed class ExposedNames
    {
        public ExposedNames(IEnumerable<string> types, IEnumerable<string> members)
        {
            Types = new HashSet<string>(types, StringComparer.Ordinal);
            All = new HashSet<string>(Types, StringComparer.Ordinal);
            All.UnionWith(members);
        }

        public HashSet<string> All { get; }

        public HashSet<string> Types { get; }

        /// <summary>Adds a type's name (a derived type, a delegate, the type of an operator or indexer); true when new.</summary>
        public bool Type(string name)
        {
            Types.Add(name);
            return All.Add(name);
        }

        /// <summary>Adds a member's name (a method, property, field or event); true when new.</summary>
        public bool Member(string name) => All.Add(name);

        /// <summary>The full names of referenced types with a protected member that hands out a leading value
        /// (CollectionBase.InnerList): the member is reached only inside a type derived from one, so the derived
        /// types' names expose it, not the member's name (which would make every name 'List' reach).</summary>
        public HashSet<string> Inherited { get; } = new(StringComparer.Ordinal);

        /// <summary>Adds a member that code can use, public or only in derived types.</summary>
        public void Member(string name, bool onlyInherited, string typeName, string typeFullName)
        {
            if (onlyInherited)
            {
                Type(typeName);
                Inherited.Add(typeFullName);
            }
            else
            {
                Member(name);
            }
        }
    }
}
