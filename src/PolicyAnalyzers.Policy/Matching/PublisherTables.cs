using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>What recognises a vendor's packages beyond their id: publisher names, owner accounts, certificate
    /// fingerprints, repositories and domains; made when one of them is first matched.</summary>
    internal sealed class PublisherTables
    {
        public PhraseSet<IdentifierMatch> Phrases { get; } = new();
        public Dictionary<string, IdentifierMatch> Owners { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, IdentifierMatch> Fingerprints { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdentifierMatch> Repositories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IdentifierMatch> Domains { get; } = new(StringComparer.Ordinal);
    }
}
