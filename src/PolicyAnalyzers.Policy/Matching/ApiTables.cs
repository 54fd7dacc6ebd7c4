using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>Hashed lookups over the API entries of one root (see <see cref="PolicyIndex"/> for what each kind covers).</summary>
    internal sealed class ApiTables
    {
        public ApiTables(List<string> ids, List<Vendor> vendors)
        {
            // Made as large as the entries they will hold: grown an entry at a time, a table of thousands is copied a
            // dozen times.
            int namespaces = 0, types = 0;
            foreach (var id in ids)
            {
                namespaces += id[0] == 'N' ? 1 : 0;
                types += id[0] == 'T' ? 1 : 0;
            }

            Namespaces = new(namespaces, StringComparer.Ordinal);
            Types = new(types, StringComparer.Ordinal);
            Members = new(ids.Count - namespaces - types, StringComparer.Ordinal);
            for (var i = 0; i < ids.Count; i++)
            {
                Add(ids[i], new IdentifierMatch(vendors[i], ids[i]));
            }
        }

        public Dictionary<string, IdentifierMatch> Namespaces { get; }
        public Dictionary<string, IdentifierMatch> Types { get; }
        public Dictionary<string, IdentifierMatch> Members { get; }
        public HashSet<string> TypesWithMembers { get; } = new(StringComparer.Ordinal);
        public HashSet<string> MemberNames { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HashSet<string>> MemberNamesByType { get; } = new(StringComparer.Ordinal);

        private void Add(string id, IdentifierMatch match)
        {
            var body = id.Substring(2);
            switch (id[0])
            {
                case 'N':
                    FirstClaim.Add(Namespaces, body, match);
                    break;
                case 'T':
                    FirstClaim.Add(Types, body, match);
                    break;
                default:
                    FirstClaim.Add(Members, id, match);
                    var paren = body.IndexOf('(');
                    var name = paren < 0 ? body : body.Substring(0, paren);
                    var dot = name.LastIndexOf('.');
                    if (dot > 0)
                    {
                        var type = name.Substring(0, dot);
                        var member = name.Substring(dot + 1);
                        TypesWithMembers.Add(type);
                        MemberNames.Add(member);
                        if (!MemberNamesByType.TryGetValue(type, out var names))
                        {
                            MemberNamesByType[type] = names = new HashSet<string>(StringComparer.Ordinal);
                        }

                        names.Add(member);
                    }

                    break;
            }
        }
    }
}
