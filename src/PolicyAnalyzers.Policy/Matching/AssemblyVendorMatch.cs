using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// What says that one assembly is a vendor's: its name, its public key token and the publishers its Company and
    /// Copyright name. The first match names the vendor and only evidence for that vendor counts, since one finding
    /// names one vendor. The analyzer and the build's assembly check both collect it here, in the same words.
    /// </summary>
    public sealed class AssemblyVendorMatch
    {
        private readonly PolicyIndex _index;
        private readonly string _name;
        private readonly string? _publicKeyToken;
        private readonly List<string> _evidence = new List<string>();

        public AssemblyVendorMatch(PolicyIndex index, string name, string? publicKeyToken)
        {
            _index = index;
            _name = name;
            _publicKeyToken = publicKeyToken;
            var byName = index.Assemblies.Match(name);
            if (byName.Count > 0)
            {
                Add(byName[0].Value, $"assembly name pattern '{byName[0].Pattern}'");
            }

            if (publicKeyToken != null)
            {
                Add(index.MatchPublicKeyToken(publicKeyToken), $"public key token {publicKeyToken}");
            }
        }

        /// <summary>The first match: the vendor the assembly is taken to be, or null when nothing matched.</summary>
        public IdentifierMatch? First { get; private set; }

        public string Text => string.Join("; ", _evidence);

        /// <param name="label">The attribute's short name, "Company" or "Copyright".</param>
        public void Publisher(string label, string? text)
        {
            if (text == null)
            {
                return;
            }

            foreach (var (phrase, match) in _index.Publishers.Match(text))
            {
                Add(match, $"{label} '{text}' names publisher '{phrase}'");
            }
        }

        /// <summary>Whether a layer's index identifies the assembly itself (by name or token): what decides which
        /// layers' measures apply to it.</summary>
        public bool IdentifiedBy(PolicyIndex index)
            => index.Assemblies.Match(_name).Count > 0 || (_publicKeyToken != null && index.MatchPublicKeyToken(_publicKeyToken) != null);

        private void Add(IdentifierMatch? match, string what)
        {
            if (match != null && (First == null || First.Vendor == match.Vendor))
            {
                First ??= match;
                _evidence.Add(what);
            }
        }
    }
}
