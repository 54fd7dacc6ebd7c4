using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>What matched, and whose it is.</summary>
    public sealed class IdentifierMatch
    {
        public IdentifierMatch(Vendor vendor, string entry)
        {
            Vendor = vendor;
            Entry = entry;
        }

        public Vendor Vendor { get; }

        /// <summary>The policy entry as written, e.g. "N:Kaspersky" or "Kaspersky.*".</summary>
        public string Entry { get; }
    }

    /// <summary>
    /// Hashed lookups over every vendor identifier of an effective policy, built once per policy content.
    /// API names use documentation-comment ids: "N:" entries cover the namespace and all namespaces inside it,
    /// "T:" a type and its nested types and members, "M:"/"P:"/"F:"/"E:" one member (without a parameter list:
    /// every overload).
    /// </summary>
    public sealed class PolicyIndex
    {
        private readonly Dictionary<string, IdentifierMatch> _namespaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _members = new(StringComparer.Ordinal);
        private readonly HashSet<string> _typesWithMembers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _tokens = new(StringComparer.OrdinalIgnoreCase);

        public PolicyIndex(EffectivePolicy policy)
        {
            foreach (var vendor in policy.Vendors.Values)
            {
                foreach (var p in vendor.PackageIds)
                {
                    Packages.Add(p.Value, new IdentifierMatch(vendor, p.Value));
                }

                foreach (var a in vendor.AssemblyNames)
                {
                    Assemblies.Add(a.Value, new IdentifierMatch(vendor, a.Value));
                }

                foreach (var t in vendor.PublicKeyTokens)
                {
                    Add(_tokens, t.Value, new IdentifierMatch(vendor, t.Value));
                }

                foreach (var api in vendor.Apis)
                {
                    AddApi(api.Value, new IdentifierMatch(vendor, api.Value));
                }
            }
        }

        public NamePatternSet<IdentifierMatch> Packages { get; } = new();
        public NamePatternSet<IdentifierMatch> Assemblies { get; } = new();

        public bool HasApiEntries => _namespaces.Count + _types.Count + _members.Count > 0;

        public bool HasMemberEntries => _members.Count > 0;

        public bool HasAssemblyEntries => Assemblies.Count + _tokens.Count > 0;

        /// <summary>The namespaces named by "N:" entries, for a cheap check of whether a compilation can contain any.</summary>
        public IEnumerable<string> Namespaces => _namespaces.Keys;

        /// <summary>The types named by "T:" entries or containing listed members (doc-id form without prefix).</summary>
        public IEnumerable<string> TypeNames
        {
            get
            {
                foreach (var t in _types.Keys)
                {
                    yield return t;
                }

                foreach (var t in _typesWithMembers)
                {
                    if (!_types.ContainsKey(t))
                    {
                        yield return t;
                    }
                }
            }
        }

        /// <summary>A namespace's full name ("Contoso.Scanning") matched against "N:" entries, itself or an enclosing one.</summary>
        public IdentifierMatch? MatchNamespace(string fullName)
        {
            var name = fullName;
            while (name.Length > 0)
            {
                if (_namespaces.TryGetValue(name, out var m))
                {
                    return m;
                }

                var dot = name.LastIndexOf('.');
                if (dot < 0)
                {
                    break;
                }

                name = name.Substring(0, dot);
            }

            return null;
        }

        /// <summary>A type's documentation-comment id without "T:" (e.g. "Contoso.Outer.Inner`1").</summary>
        public IdentifierMatch? MatchType(string typeId) => _types.TryGetValue(typeId, out var m) ? m : null;

        /// <summary>True when some member entry lives in this type; only then is a member's own id worth computing.</summary>
        public bool HasMembersIn(string typeId) => _typesWithMembers.Contains(typeId);

        /// <summary>A member's full documentation-comment id ("M:Contoso.Scanner.Scan(System.String)").</summary>
        public IdentifierMatch? MatchMember(string memberId)
        {
            if (_members.TryGetValue(memberId, out var m))
            {
                return m;
            }

            var paren = memberId.IndexOf('(');
            return paren > 0 && _members.TryGetValue(memberId.Substring(0, paren), out m) ? m : null;
        }

        public IdentifierMatch? MatchPublicKeyToken(string token) => _tokens.TryGetValue(token, out var m) ? m : null;

        private void AddApi(string id, IdentifierMatch match)
        {
            var body = id.Substring(2);
            switch (id[0])
            {
                case 'N':
                    Add(_namespaces, body, match);
                    break;
                case 'T':
                    Add(_types, body, match);
                    break;
                default:
                    Add(_members, id, match);
                    var paren = body.IndexOf('(');
                    var name = paren < 0 ? body : body.Substring(0, paren);
                    var dot = name.LastIndexOf('.');
                    if (dot > 0)
                    {
                        _typesWithMembers.Add(name.Substring(0, dot));
                    }

                    break;
            }
        }

        // The first vendor to claim an identifier keeps it; overlapping claims are for the policy tool to report.
        private static void Add(Dictionary<string, IdentifierMatch> map, string key, IdentifierMatch match)
        {
            if (!map.ContainsKey(key))
            {
                map.Add(key, match);
            }
        }
    }
}
