using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// What a check must see before the whole policy can matter: the root names of listed APIs, words that every
    /// matching assembly name, late-bound name, publisher text or host contains, the public key tokens, the
    /// audiences. Each question answers "maybe" for everything the index would match and "no" for most of what a
    /// project has, so a project where no vendor can be present never needs the merged policy. The shipped
    /// baseline's screen is precomputed (<see cref="ShippedPolicy.Screen"/>): a fresh compiler process that sees
    /// only the baseline reads no JSON at all. Words are compared case-insensitively, as the index compares.
    /// </summary>
    public sealed class PolicyScreen
    {
        private readonly string[] _apiRoots;
        private readonly string[] _lateBoundWords;
        private readonly string[] _assemblyWords;
        private readonly HashSet<string> _tokens;
        private readonly string[] _publisherWords;
        private readonly string[] _domainLabels;
        private readonly HashSet<string> _audiences;

        // With this many words or more a list is searched through a SubstringSet, made when first asked (a large
        // policy's late-bound words rarely are); fewer cost less one by one.
        private const int ManyWords = 16;
        private SubstringSet? _manyLateBoundWords;
        private SubstringSet? _manyAssemblyWords;
        private SubstringSet? _manyDomainLabels;

        // Assembly names already screened, with the answer (bounded: a build server sees many projects).
        private const int MaxScreenedNames = 4096;
        private readonly ConcurrentDictionary<string, bool> _screenedNames = new(StringComparer.Ordinal);
        private int _screenedNameCount; // ConcurrentDictionary.Count takes every lock of the table: counted here instead

        private PolicyScreen(string[] apiRoots, string[] lateBoundWords, string[] assemblyWords, IEnumerable<string> tokens,
            string[] publisherWords, string[] domainLabels, int nativeLibraries, IEnumerable<string> audiences, string sha256, string textHash)
        {
            TextHash = textHash;
            _apiRoots = apiRoots;
            _lateBoundWords = lateBoundWords;
            _assemblyWords = assemblyWords;
            _tokens = new HashSet<string>(tokens, StringComparer.OrdinalIgnoreCase);
            _publisherWords = publisherWords;
            _domainLabels = domainLabels;
            NativeLibraries = nativeLibraries;
            _audiences = new HashSet<string>(audiences, StringComparer.Ordinal);
            Sha256 = sha256;
        }

        /// <summary>The first segment of every listed namespace and type ("Kaspersky"): a compilation with none of
        /// them among its namespaces and types can use no listed API.</summary>
        public IReadOnlyList<string> ApiRoots => _apiRoots;

        public bool HasApiEntries => _apiRoots.Length > 0;

        /// <summary>True when a name given to reflection or COM can name a vendor (API, assembly or ProgID entries).</summary>
        public bool HasLateBoundNames => _lateBoundWords.Length > 0;

        public bool HasAssemblyEntries => _assemblyWords.Length + _tokens.Count > 0;

        /// <summary>True when public key tokens are listed: only then is an assembly's token worth computing (a SHA-1 of
        /// its public key, the first of which starts the platform's cryptography in a fresh compiler process).</summary>
        public bool HasPublicKeyTokens => _tokens.Count > 0;

        public bool HasPublishers => _publisherWords.Length > 0;

        /// <summary>The longest labels of listed domains, as <see cref="PolicyIndex.DomainLabels"/>.</summary>
        public IReadOnlyList<string> DomainLabels => _domainLabels;

        public int NativeLibraries { get; }

        /// <summary>The SHA-256 of the policy text the screen was made from (empty when made from several files).</summary>
        public string Sha256 { get; }

        /// <summary><see cref="Hash"/> of that text: checked cheaply at run time, where SHA-256 would cost a crypto start-up.</summary>
        public string TextHash { get; }

        /// <summary>FNV-1a (64 bits) over the UTF-16 code units, as hex.</summary>
        public static string Hash(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }

            return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool DefinesAudience(string audience) => _audiences.Contains(audience);

        /// <summary>False when a host cannot be covered by a listed domain: every host a domain covers contains its
        /// longest label (<see cref="DomainLabels"/>).</summary>
        public bool MayBeListedHost(string host) => ContainsAny(host, _domainLabels, ref _manyDomainLabels);

        /// <summary>False when a type, assembly or ProgID name given as text (Type.GetType("…")) cannot match an entry.</summary>
        public bool MayNameVendor(string text) => ContainsAny(text, _lateBoundWords, ref _manyLateBoundWords);

        /// <summary>False when an assembly with this name and token cannot match an assembly entry.</summary>
        public bool MayBeVendorAssembly(string name, string? publicKeyToken)
            => MayBeVendorAssemblyName(name) || (publicKeyToken != null && _tokens.Contains(publicKeyToken));

        // A project references the same hundred assemblies in every compilation (and an editor makes one per edit),
        // while a large policy has a thousand assembly words: each name is screened once per screen.
        private bool MayBeVendorAssemblyName(string name)
        {
            if (_assemblyWords.Length < ManyWords)
            {
                return SubstringSet.AnyOf(name, _assemblyWords);
            }

            if (_screenedNames.TryGetValue(name, out var may))
            {
                return may;
            }

            may = ContainsAny(name, _assemblyWords, ref _manyAssemblyWords);
            if (Volatile.Read(ref _screenedNameCount) < MaxScreenedNames && _screenedNames.TryAdd(name, may))
            {
                Interlocked.Increment(ref _screenedNameCount);
            }

            return may;
        }

        /// <summary>False when an AssemblyCompany or AssemblyCopyright text cannot name a listed publisher. Phrases are
        /// matched on words lowered with ToLowerInvariant, so the text is lowered the same way before the search.</summary>
        public bool MayNamePublisher(string? text)
        {
            if (string.IsNullOrEmpty(text) || _publisherWords.Length == 0)
            {
                return false;
            }

            var lowered = text!.ToLowerInvariant();
            foreach (var word in _publisherWords)
            {
                if (lowered.IndexOf(word, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <param name="text">The policy text, when the screen is made from one file (the shipped baseline).</param>
        public static PolicyScreen Of(PolicyIndex index, IEnumerable<string> audiences, string sha256 = "", string? text = null)
        {
            // Read from the entries, not the tables: a screen that says "no" must not have made them. Plain loops: a
            // large policy's screen is made in every fresh compiler process.
            var apiRoots = Distinct(index.ApiRoots);
            // Every literal run of a pattern is in every name it matches; the longest is the most selective.
            var assemblyWords = Distinct(LongestLiterals(index.AssemblyPatterns));
            var lateBound = new List<string>(apiRoots);
            lateBound.AddRange(assemblyWords);
            lateBound.AddRange(index.PublicKeyTokens);
            lateBound.AddRange(LongestLiterals(index.ProgIdPatterns));
            var publisherWords = new List<string>();
            foreach (var phrase in index.PublisherPhrases)
            {
                publisherWords.Add(IdentifierText.Words(phrase).OrderByDescending(w => w.Length).First());
            }

            return new PolicyScreen(apiRoots, Distinct(lateBound), assemblyWords, index.PublicKeyTokens, Distinct(publisherWords), Distinct(index.DomainLabels),
                index.NativeLibraryCount, audiences, sha256, text == null ? "" : Hash(text));
        }

        /// <summary>One "kind value" line per item, sorted: the form the shipped screen is kept in.</summary>
        public string Write()
        {
            var lines = new List<string> { "sha256 " + Sha256, "text-hash " + TextHash, "native-libraries " + NativeLibraries };
            void Add(string kind, IEnumerable<string> values) => lines.AddRange(values.OrderBy(v => v, StringComparer.Ordinal).Select(v => kind + " " + v));
            Add("api-root", _apiRoots);
            Add("late-bound", _lateBoundWords);
            Add("assembly", _assemblyWords);
            Add("token", _tokens);
            Add("publisher", _publisherWords);
            Add("domain-label", _domainLabels);
            Add("audience", _audiences);
            return string.Join("\n", lines) + "\n";
        }

        public static PolicyScreen Read(string text)
        {
            // Read in every fresh compiler process that sees the baseline: kept to plain loops.
            List<string> apiRoots = new(), lateBound = new(), assembly = new(), tokens = new(), publishers = new(), labels = new(), audiences = new();
            string sha256 = "", textHash = "";
            var native = 0;
            foreach (var line in text.Split('\n'))
            {
                var space = line.IndexOf(' ');
                if (space <= 0)
                {
                    continue;
                }

                var value = line.Substring(space + 1);
                switch (line.Substring(0, space))
                {
                    case "sha256": sha256 = value; break;
                    case "text-hash": textHash = value; break;
                    case "native-libraries": native = Reading.DecimalDigits.Parse(value) ?? throw new FormatException($"The shipped screen's line '{line}' has no count."); break;
                    case "api-root": apiRoots.Add(value); break;
                    case "late-bound": lateBound.Add(value); break;
                    case "assembly": assembly.Add(value); break;
                    case "token": tokens.Add(value); break;
                    case "publisher": publishers.Add(value); break;
                    case "domain-label": labels.Add(value); break;
                    case "audience": audiences.Add(value); break;
                }
            }

            return new PolicyScreen(apiRoots.ToArray(), lateBound.ToArray(), assembly.ToArray(), tokens, publishers.ToArray(), labels.ToArray(), native, audiences, sha256, textHash);
        }

        private static bool ContainsAny(string text, string[] words, ref SubstringSet? many)
        {
            if (words.Length < ManyWords)
            {
                return SubstringSet.AnyOf(text, words);
            }

            var set = Volatile.Read(ref many) ?? Interlocked.CompareExchange(ref many, new SubstringSet(words), null) ?? many!;
            return set.AnyIn(text);
        }

        private static string[] Distinct(IEnumerable<string> values)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var distinct = new List<string>();
            foreach (var value in values)
            {
                if (seen.Add(value))
                {
                    distinct.Add(value);
                }
            }

            return distinct.ToArray();
        }

        private static List<string> LongestLiterals(IEnumerable<string> patterns)
        {
            var words = new List<string>();
            foreach (var pattern in patterns)
            {
                words.Add(LongestLiteral(pattern));
            }

            return words;
        }

        // The longest run of the pattern between wildcards, the first of equal ones; cut out once.
        private static string LongestLiteral(string pattern)
        {
            int start = 0, length = 0;
            for (var run = 0; run <= pattern.Length;)
            {
                var end = pattern.IndexOfAny(Wildcards, run);
                end = end < 0 ? pattern.Length : end;
                if (end - run > length)
                {
                    (start, length) = (run, end - run);
                }

                run = end + 1;
            }

            return length == pattern.Length ? pattern : pattern.Substring(start, length);
        }

        private static readonly char[] Wildcards = { '*', '?' };
    }
}
