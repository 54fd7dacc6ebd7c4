using System;
using System.Collections.Generic;
using System.Linq;
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
        private readonly Dictionary<string, IdentifierMatch> _namespaces;
        private readonly Dictionary<string, IdentifierMatch> _types;
        private readonly Dictionary<string, IdentifierMatch> _members;
        private readonly HashSet<string> _typesWithMembers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _memberNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _memberNamesByType = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _tokens = new(StringComparer.OrdinalIgnoreCase);

        private readonly Dictionary<string, IdentifierMatch> _owners = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, IdentifierMatch> _fingerprints = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _repositories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IdentifierMatch> _domains = new(StringComparer.Ordinal);

        public PolicyIndex(EffectivePolicy policy)
            : this(policy.Vendors.Values.Select(v => v.Identify))
        {
            foreach (var vendor in policy.Vendors.Values)
            {
                AddIdentifiers(vendor, vendor.Identify);
            }
        }

        /// <summary>An index over one identifier set, e.g. what a measure excludes.</summary>
        public PolicyIndex(Vendor vendor, IdentifierSet identifiers)
            : this(new[] { identifiers })
        {
            AddIdentifiers(vendor, identifiers);
        }

        // The API tables are made as large as the entries they will hold: grown an entry at a time, a table of
        // thousands is copied a dozen times, the larger copies on the large-object heap of a compiler process.
        private PolicyIndex(IEnumerable<IdentifierSet> sets)
        {
            int namespaces = 0, types = 0, members = 0;
            foreach (var set in sets)
            {
                foreach (var api in set.Apis)
                {
                    switch (api.Value.Length > 0 ? api.Value[0] : ' ')
                    {
                        case 'N':
                            namespaces++;
                            break;
                        case 'T':
                            types++;
                            break;
                        default:
                            members++;
                            break;
                    }
                }
            }

            _namespaces = new(namespaces, StringComparer.Ordinal);
            _types = new(types, StringComparer.Ordinal);
            _members = new(members, StringComparer.Ordinal);
        }

        private void AddIdentifiers(Vendor vendor, IdentifierSet set)
        {
            foreach (var p in set.PackageIds)
            {
                Packages.Add(p.Value, new IdentifierMatch(vendor, p.Value));
            }

            foreach (var a in set.AssemblyNames)
            {
                Assemblies.Add(a.Value, new IdentifierMatch(vendor, a.Value));
            }

            foreach (var t in set.PublicKeyTokens)
            {
                Add(_tokens, t.Value, new IdentifierMatch(vendor, t.Value));
            }

            foreach (var api in set.Apis)
            {
                AddApi(api.Value, new IdentifierMatch(vendor, api.Value));
            }

            foreach (var p in set.Publishers)
            {
                Publishers.Add(p.Value, new IdentifierMatch(vendor, p.Value));
            }

            foreach (var o in set.PackageOwners)
            {
                Add(_owners, o.Value.Trim(), new IdentifierMatch(vendor, o.Value));
            }

            foreach (var f in set.CertificateFingerprints)
            {
                if (IdentifierText.Fingerprint(f.Value) is { } fingerprint)
                {
                    Add(_fingerprints, fingerprint, new IdentifierMatch(vendor, f.Value));
                }
            }

            foreach (var r in set.Repositories)
            {
                Add(_repositories, IdentifierText.RepositoryUrl(r.Value), new IdentifierMatch(vendor, r.Value));
            }

            foreach (var n in set.NativeLibraries)
            {
                NativeLibraries.Add(n.Value, new IdentifierMatch(vendor, n.Value));
            }

            foreach (var p in set.ProgIds)
            {
                ProgIds.Add(p.Value, new IdentifierMatch(vendor, p.Value));
            }

            foreach (var d in set.Domains)
            {
                if (IdentifierText.Host(d.Value) is { } host)
                {
                    Add(_domains, host, new IdentifierMatch(vendor, d.Value));
                }
            }
        }

        public NamePatternSet<IdentifierMatch> Packages { get; } = new();
        public NamePatternSet<IdentifierMatch> Assemblies { get; } = new();

        /// <summary>Publisher names, matched as whole words in free text.</summary>
        public PhraseSet<IdentifierMatch> Publishers { get; } = new();

        public NamePatternSet<IdentifierMatch> NativeLibraries { get; } = new();
        public NamePatternSet<IdentifierMatch> ProgIds { get; } = new();

        public bool HasDomainEntries => _domains.Count > 0;

        /// <summary>
        /// The longest label of each listed domain ("deepseek" for api.deepseek.com, "kaspersky-labs" for
        /// kaspersky-labs.com): every host a domain covers contains all its labels, so a file whose text contains none
        /// of these cannot name a listed host. The longest is the rarest in code ("api" is everywhere).
        /// </summary>
        public IReadOnlyCollection<string> DomainLabels
        {
            get
            {
                var labels = new HashSet<string>(StringComparer.Ordinal);
                foreach (var domain in _domains.Keys)
                {
                    var longest = "";
                    foreach (var label in domain.Split('.'))
                    {
                        longest = label.Length >= longest.Length ? label : longest; // ties: the rightmost, nearer the registered name
                    }

                    labels.Add(longest);
                }

                return labels;
            }
        }

        /// <summary>True when packages can be recognised by more than their id (nuspec, signature, assemblies).
        /// Domains count: a nuspec's repository or project URL can be on a listed domain.</summary>
        public bool HasPublisherEntries => Publishers.Count + _owners.Count + _fingerprints.Count + _repositories.Count + _domains.Count > 0;

        /// <summary>True when feed owners can match (owner accounts or publisher names): only then is the online check worth it.</summary>
        public bool HasOwnerEntries => Publishers.Count + _owners.Count > 0;

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

        /// <summary>The simple names of the listed members of one type ("Scan", "#ctor", "Run``1"), given as in
        /// <see cref="TypeNames"/>; empty when it has none.</summary>
        public IReadOnlyCollection<string> MemberNamesIn(string typeId) => _memberNamesByType.TryGetValue(typeId, out var names) ? names : (IReadOnlyCollection<string>)new string[0];

        /// <summary>The simple names of listed members ("Scan", "#ctor"), for a cheap pre-check before binding.</summary>
        public IEnumerable<string> MemberNames => _memberNames;

        /// <summary>Every API entry, for tools that explain a name (the analyzer matches symbols through the maps).</summary>
        public IEnumerable<IdentifierMatch> ApiEntries => _namespaces.Values.Concat(_types.Values).Concat(_members.Values);

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

        /// <summary>The listed public key tokens (hex).</summary>
        public IEnumerable<string> PublicKeyTokens => _tokens.Keys;

        public IdentifierMatch? MatchPublicKeyToken(string token) => _tokens.TryGetValue(token, out var m) ? m : null;

        public IdentifierMatch? MatchOwner(string owner) => _owners.TryGetValue(owner.Trim(), out var m) ? m : null;

        /// <summary>A certificate's SHA-256 fingerprint, in any case, with or without colons.</summary>
        public IdentifierMatch? MatchFingerprint(string fingerprint)
            => IdentifierText.Fingerprint(fingerprint) is { } f && _fingerprints.TryGetValue(f, out var m) ? m : null;

        /// <summary>A repository or project URL: a listed URL prefix (at a '/' boundary), or a listed domain as its host.</summary>
        public IdentifierMatch? MatchRepository(string url)
        {
            var u = IdentifierText.RepositoryUrl(url);
            if (_repositories.Count > 0)
            {
                for (var end = u.Length; end > 0; end = u.LastIndexOf('/', end - 1))
                {
                    if (_repositories.TryGetValue(u.Substring(0, end), out var m))
                    {
                        return m;
                    }
                }
            }

            return IdentifierText.EndpointHost(url) is { } host ? MatchHost(host) : null;
        }

        /// <summary>A host name: a listed domain or any subdomain of one.</summary>
        public IdentifierMatch? MatchHost(string host)
        {
            var h = host;
            while (true)
            {
                if (_domains.TryGetValue(h, out var m))
                {
                    return m;
                }

                var dot = h.IndexOf('.');
                if (dot < 0)
                {
                    return null;
                }

                h = h.Substring(dot + 1);
            }
        }

        /// <summary>A native library as written in code, matched as written and in its platform-neutral form.</summary>
        public IdentifierMatch? MatchNativeLibrary(string name)
        {
            var found = NativeLibraries.Match(name);
            if (found.Count == 0)
            {
                found = NativeLibraries.Match(IdentifierText.NativeLibraryName(name));
            }

            return found.Count > 0 ? found[0].Value : null;
        }

        /// <summary>
        /// A type named in a string for reflection ("Vendor.Ns.Type+Nested`1, Vendor.Assembly, Version=…"): its
        /// type or namespace against the API entries, its assembly part against the assembly names.
        /// </summary>
        public (IdentifierMatch Match, string What)? MatchReflectionTypeName(string text)
        {
            var comma = text.IndexOf(',');
            var typeName = (comma >= 0 ? text.Substring(0, comma) : text).Trim();
            var bracket = typeName.IndexOf('[');
            if (bracket >= 0)
            {
                typeName = typeName.Substring(0, bracket);
            }

            typeName = typeName.Replace('+', '.');
            if (typeName.Length > 0 && (MatchType(typeName) ?? MatchNamespace(typeName)) is { } api)
            {
                return (api, "type");
            }

            if (comma >= 0 && MatchAssemblyName(text.Substring(comma + 1)) is { } assembly)
            {
                return (assembly, "assembly");
            }

            return null;
        }

        /// <summary>An assembly display name ("Vendor.Core, Version=1.0.0.0, PublicKeyToken=…"): name or token.</summary>
        public IdentifierMatch? MatchAssemblyName(string displayName)
        {
            var parts = displayName.Split(',');
            var name = parts[0].Trim();
            if (name.Length > 0)
            {
                var found = Assemblies.Match(name);
                if (found.Count > 0)
                {
                    return found[0].Value;
                }
            }

            for (var i = 1; i < parts.Length; i++)
            {
                var kv = parts[i].Split('=');
                if (kv.Length == 2 && kv[0].Trim().Equals("PublicKeyToken", StringComparison.OrdinalIgnoreCase) && MatchPublicKeyToken(kv[1].Trim()) is { } token)
                {
                    return token;
                }
            }

            return null;
        }

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
                        var type = name.Substring(0, dot);
                        var member = name.Substring(dot + 1);
                        _typesWithMembers.Add(type);
                        _memberNames.Add(member);
                        if (!_memberNamesByType.TryGetValue(type, out var names))
                        {
                            _memberNamesByType[type] = names = new HashSet<string>(StringComparer.Ordinal);
                        }

                        names.Add(member);
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
