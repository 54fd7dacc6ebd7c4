using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
    /// every overload). Each kind of table is made on its first use, and the API tables per root
    /// (<see cref="ApiRootTable"/>): a compilation that uses a few entries of a policy of thousands, or none, never
    /// pays for indexing the rest (in a fresh compiler process that is most of reading a large policy).
    /// </summary>
    public sealed class PolicyIndex
    {
        private readonly Vendor[] _vendors;
        private readonly IdentifierSet[] _sets;
        private readonly ApiRootTable _apis;
        private readonly object _gate = new();

        // Made on first use (Make); read without the lock once made.
        private NamePatternSet<IdentifierMatch>? _packages;
        private AssemblyTables? _assemblies;
        private PublisherTables? _publishers;
        private NamePatternSet<IdentifierMatch>? _nativeLibraries;
        private NamePatternSet<IdentifierMatch>? _progIds;

        public PolicyIndex(EffectivePolicy policy)
        {
            _vendors = policy.Vendors.Values.ToArray();
            _sets = new IdentifierSet[_vendors.Length];
            for (var i = 0; i < _vendors.Length; i++)
            {
                _sets[i] = _vendors[i].Identify;
            }

            _apis = new ApiRootTable(ApiLists(_sets), _vendors);
        }

        /// <summary>An index over one identifier set, e.g. what a measure excludes.</summary>
        public PolicyIndex(Vendor vendor, IdentifierSet identifiers)
        {
            _vendors = new[] { vendor };
            _sets = new[] { identifiers };
            _apis = new ApiRootTable(ApiLists(_sets), _vendors);
        }

        private static IReadOnlyList<IdentifierEntry>[] ApiLists(IdentifierSet[] sets)
        {
            var lists = new IReadOnlyList<IdentifierEntry>[sets.Length];
            for (var i = 0; i < sets.Length; i++)
            {
                lists[i] = sets[i].Apis;
            }

            return lists;
        }

        private IEnumerable<string> Values(Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> kind)
        {
            foreach (var set in _sets)
            {
                var entries = kind(set);
                for (var i = 0; i < entries.Count; i++)
                {
                    yield return IdentifierEntryList.ValueAt(entries, i);
                }
            }
        }

        private int Count(Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> kind)
        {
            var count = 0;
            foreach (var set in _sets)
            {
                count += kind(set).Count;
            }

            return count;
        }

        private NamePatternSet<IdentifierMatch> Patterns(Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> kind)
        {
            var patterns = new NamePatternSet<IdentifierMatch>();
            for (var i = 0; i < _sets.Length; i++)
            {
                var entries = kind(_sets[i]);
                for (var k = 0; k < entries.Count; k++)
                {
                    var value = IdentifierEntryList.ValueAt(entries, k);
                    patterns.Add(value, new IdentifierMatch(_vendors[i], value));
                }
            }

            return patterns;
        }

        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> PackageIdsOf = s => s.PackageIds;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> AssemblyNamesOf = s => s.AssemblyNames;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> PublicKeyTokensOf = s => s.PublicKeyTokens;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> PublishersOf = s => s.Publishers;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> NativeLibrariesOf = s => s.NativeLibraries;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> ProgIdsOf = s => s.ProgIds;
        private static readonly Func<IdentifierSet, IReadOnlyList<IdentifierEntry>> DomainsOf = s => s.Domains;

        public NamePatternSet<IdentifierMatch> Packages => Volatile.Read(ref _packages) ?? Make(ref _packages, () => Patterns(PackageIdsOf));

        public NamePatternSet<IdentifierMatch> Assemblies => AssemblyTablesOf().Names;

        /// <summary>Publisher names, matched as whole words in free text.</summary>
        public PhraseSet<IdentifierMatch> Publishers => PublisherTablesOf().Phrases;

        public NamePatternSet<IdentifierMatch> NativeLibraries => Volatile.Read(ref _nativeLibraries) ?? Make(ref _nativeLibraries, () => Patterns(NativeLibrariesOf));

        public NamePatternSet<IdentifierMatch> ProgIds => Volatile.Read(ref _progIds) ?? Make(ref _progIds, () => Patterns(ProgIdsOf));

        // Made once, under the index's lock: a table is read by several analyzers at once.
        private T Make<T>(ref T? field, Func<T> make) where T : class
        {
            lock (_gate)
            {
                if (field == null)
                {
                    Volatile.Write(ref field, make());
                }

                return field!;
            }
        }

        private AssemblyTables AssemblyTablesOf() => Volatile.Read(ref _assemblies) ?? Make(ref _assemblies, () =>
        {
            var tables = new AssemblyTables(Patterns(AssemblyNamesOf));
            for (var i = 0; i < _sets.Length; i++)
            {
                foreach (var t in _sets[i].PublicKeyTokens)
                {
                    FirstClaim.Add(tables.Tokens, t.Value, new IdentifierMatch(_vendors[i], t.Value));
                }
            }

            return tables;
        });

        private PublisherTables PublisherTablesOf() => Volatile.Read(ref _publishers) ?? Make(ref _publishers, () =>
        {
            var tables = new PublisherTables();
            for (var i = 0; i < _sets.Length; i++)
            {
                var vendor = _vendors[i];
                var set = _sets[i];
                foreach (var p in set.Publishers)
                {
                    tables.Phrases.Add(p.Value, new IdentifierMatch(vendor, p.Value));
                }

                foreach (var o in set.PackageOwners)
                {
                    FirstClaim.Add(tables.Owners, o.Value.Trim(), new IdentifierMatch(vendor, o.Value));
                }

                foreach (var f in set.CertificateFingerprints)
                {
                    if (IdentifierText.Fingerprint(f.Value) is { } fingerprint)
                    {
                        FirstClaim.Add(tables.Fingerprints, fingerprint, new IdentifierMatch(vendor, f.Value));
                    }
                }

                foreach (var r in set.Repositories)
                {
                    FirstClaim.Add(tables.Repositories, IdentifierText.RepositoryUrl(r.Value), new IdentifierMatch(vendor, r.Value));
                }

                foreach (var d in set.Domains)
                {
                    if (IdentifierText.Host(d.Value) is { } host)
                    {
                        FirstClaim.Add(tables.Domains, host, new IdentifierMatch(vendor, d.Value));
                    }
                }
            }

            return tables;
        });

        public bool HasDomainEntries => PublisherTablesOf().Domains.Count > 0;

        /// <summary>
        /// The longest label of each listed domain ("deepseek" for api.deepseek.com, "kaspersky-labs" for
        /// kaspersky-labs.com): every host a domain covers contains all its labels, so a file whose text contains none
        /// of these cannot name a listed host. The longest is the rarest in code ("api" is everywhere). Read from the
        /// entries, without making the tables.
        /// </summary>
        public IReadOnlyCollection<string> DomainLabels
        {
            get
            {
                var labels = new HashSet<string>(StringComparer.Ordinal);
                foreach (var domain in Values(DomainsOf))
                {
                    if (IdentifierText.Host(domain) is not { } host)
                    {
                        continue;
                    }

                    var longest = "";
                    foreach (var label in host.Split('.'))
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
        public bool HasPublisherEntries
        {
            get
            {
                var tables = PublisherTablesOf();
                return tables.Phrases.Count + tables.Owners.Count + tables.Fingerprints.Count + tables.Repositories.Count + tables.Domains.Count > 0;
            }
        }

        /// <summary>True when feed owners can match (owner accounts or publisher names): only then is the online check worth it.</summary>
        public bool HasOwnerEntries
        {
            get
            {
                var tables = PublisherTablesOf();
                return tables.Phrases.Count + tables.Owners.Count > 0;
            }
        }

        public bool HasApiEntries => _apis.Roots.Count > 0;

        /// <summary>How many API roots have been indexed so far (tests show that a lookup indexes only its own).</summary>
        internal int IndexedApiRoots => _apis.Indexed;

        public bool HasMemberEntries => _apis.MemberEntries > 0;

        public bool HasAssemblyEntries => Count(AssemblyNamesOf) + Count(PublicKeyTokensOf) > 0;

        /// <summary>The roots of the API entries (<see cref="ApiRootTable"/>): a name with none of them is covered by no entry.</summary>
        public IEnumerable<string> ApiRoots
        {
            get
            {
                foreach (var root in _apis.Roots)
                {
                    yield return root.Name;
                }
            }
        }

        /// <summary>The listed assembly name patterns, read from the entries (for a screen: the tables are not made).</summary>
        public IEnumerable<string> AssemblyPatterns => Values(AssemblyNamesOf);

        /// <summary>The listed ProgID patterns, read from the entries.</summary>
        public IEnumerable<string> ProgIdPatterns => Values(ProgIdsOf);

        /// <summary>The listed publisher names that have a word, read from the entries.</summary>
        public IEnumerable<string> PublisherPhrases
        {
            get
            {
                foreach (var phrase in Values(PublishersOf))
                {
                    if (IdentifierText.Words(phrase).Count > 0)
                    {
                        yield return phrase;
                    }
                }
            }
        }

        /// <summary>How many native library patterns are listed, read from the entries.</summary>
        public int NativeLibraryCount => Count(NativeLibrariesOf);

        /// <summary>The namespaces named by "N:" entries, for a cheap check of whether a compilation can contain any.</summary>
        public IEnumerable<string> Namespaces => _apis.Roots.SelectMany(r => r.Tables.Namespaces.Keys);

        /// <summary>The types named by "T:" entries or containing listed members (doc-id form without prefix).</summary>
        public IEnumerable<string> TypeNames => _apis.Roots.SelectMany(TypeNamesOf);

        /// <summary>The namespaces of "N:" entries under one root (<see cref="ApiRoots"/>); only that root's tables are made.</summary>
        public IEnumerable<string> NamespacesUnder(string root) => _apis.Of(root, 0) is { } r && r.Name == root ? r.Tables.Namespaces.Keys : Enumerable.Empty<string>();

        /// <summary>The type names of <see cref="TypeNames"/> under one root; only that root's tables are made.</summary>
        public IEnumerable<string> TypeNamesUnder(string root) => _apis.Of(root, 0) is { } r && r.Name == root ? TypeNamesOf(r) : Enumerable.Empty<string>();

        private static IEnumerable<string> TypeNamesOf(ApiRoot root)
        {
            var tables = root.Tables;
            foreach (var t in tables.Types.Keys)
            {
                yield return t;
            }

            foreach (var t in tables.TypesWithMembers)
            {
                if (!tables.Types.ContainsKey(t))
                {
                    yield return t;
                }
            }
        }

        /// <summary>The simple names of the listed members of one type ("Scan", "#ctor", "Run``1"), given as in
        /// <see cref="TypeNames"/>; empty when it has none.</summary>
        public IReadOnlyCollection<string> MemberNamesIn(string typeId)
            => _apis.Of(typeId, 0) is { } root && root.Tables.MemberNamesByType.TryGetValue(typeId, out var names) ? names : (IReadOnlyCollection<string>)new string[0];

        /// <summary>The simple names of listed members ("Scan", "#ctor"), for a cheap pre-check before binding.</summary>
        public IEnumerable<string> MemberNames => _apis.Roots.SelectMany(r => r.Tables.MemberNames).Distinct(StringComparer.Ordinal);

        /// <summary>Every API entry, for tools that explain a name (the analyzer matches symbols through the maps).</summary>
        public IEnumerable<IdentifierMatch> ApiEntries => _apis.Roots.SelectMany(r => r.Tables.Namespaces.Values.Concat(r.Tables.Types.Values).Concat(r.Tables.Members.Values));

        /// <summary>A namespace's full name ("Contoso.Scanning") matched against "N:" entries, itself or an enclosing one.</summary>
        public IdentifierMatch? MatchNamespace(string fullName)
        {
            if (_apis.Of(fullName, 0) is not { } root)
            {
                return null;
            }

            var namespaces = root.Tables.Namespaces;
            var name = fullName;
            while (name.Length > 0)
            {
                if (namespaces.TryGetValue(name, out var m))
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
        public IdentifierMatch? MatchType(string typeId) => _apis.Of(typeId, 0) is { } root && root.Tables.Types.TryGetValue(typeId, out var m) ? m : null;

        /// <summary>True when some member entry lives in this type; only then is a member's own id worth computing.</summary>
        public bool HasMembersIn(string typeId) => _apis.Of(typeId, 0) is { } root && root.Tables.TypesWithMembers.Contains(typeId);

        /// <summary>A member's full documentation-comment id ("M:Contoso.Scanner.Scan(System.String)").</summary>
        public IdentifierMatch? MatchMember(string memberId)
        {
            if (_apis.Of(memberId, 2) is not { } root)
            {
                return null;
            }

            var members = root.Tables.Members;
            if (members.TryGetValue(memberId, out var m))
            {
                return m;
            }

            var paren = memberId.IndexOf('(');
            return paren > 0 && members.TryGetValue(memberId.Substring(0, paren), out m) ? m : null;
        }

        /// <summary>The listed public key tokens (hex), read from the entries.</summary>
        public IEnumerable<string> PublicKeyTokens => Values(PublicKeyTokensOf);

        public IdentifierMatch? MatchPublicKeyToken(string token) => AssemblyTablesOf().Tokens.TryGetValue(token, out var m) ? m : null;

        public IdentifierMatch? MatchOwner(string owner) => PublisherTablesOf().Owners.TryGetValue(owner.Trim(), out var m) ? m : null;

        /// <summary>A certificate's SHA-256 fingerprint, in any case, with or without colons.</summary>
        public IdentifierMatch? MatchFingerprint(string fingerprint)
            => IdentifierText.Fingerprint(fingerprint) is { } f && PublisherTablesOf().Fingerprints.TryGetValue(f, out var m) ? m : null;

        /// <summary>A repository or project URL: a listed URL prefix (at a '/' boundary), or a listed domain as its host.</summary>
        public IdentifierMatch? MatchRepository(string url)
        {
            var u = IdentifierText.RepositoryUrl(url);
            var repositories = PublisherTablesOf().Repositories;
            if (repositories.Count > 0)
            {
                for (var end = u.Length; end > 0; end = u.LastIndexOf('/', end - 1))
                {
                    if (repositories.TryGetValue(u.Substring(0, end), out var m))
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
            var domains = PublisherTablesOf().Domains;
            var h = host;
            while (true)
            {
                if (domains.TryGetValue(h, out var m))
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
    }
}
