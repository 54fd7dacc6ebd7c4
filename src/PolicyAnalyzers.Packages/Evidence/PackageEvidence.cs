using System.Collections.Generic;

namespace PolicyAnalyzers.Packages.Evidence
{
    /// <summary>Who published a restored package, as its files say: nuspec, signature, assemblies. Shared through a
    /// cache once read, so never changed after reading.</summary>
    public sealed class PackageEvidence
    {
        public string? Authors { get; set; }
        public string? Owners { get; set; }
        public string? Copyright { get; set; }
        public string? RepositoryUrl { get; set; }
        public string? ProjectUrl { get; set; }
        public List<SignatureEvidence> Signatures { get; } = new();
        public List<AssemblyEvidence> Assemblies { get; } = new();

        /// <summary>What could not be read (a corrupt archive, an unreadable nuspec), to report rather than hide.</summary>
        public List<string> Problems { get; } = new();
    }

    public sealed class SignatureEvidence
    {
        public SignatureEvidence(string kind, string subject, string fingerprint, IReadOnlyList<string> owners)
        {
            Kind = kind;
            Subject = subject;
            Fingerprint = fingerprint;
            Owners = owners;
        }

        /// <summary>"author signature", "repository signature" or "repository countersignature".</summary>
        public string Kind { get; }

        public string Subject { get; }

        /// <summary>SHA-256 of the signing certificate, upper-case hex.</summary>
        public string Fingerprint { get; }

        /// <summary>Package owners a repository signature records.</summary>
        public IReadOnlyList<string> Owners { get; }
    }

    public sealed class AssemblyEvidence
    {
        public AssemblyEvidence(string file, string name, string? publicKeyToken, string? company, string? copyright, System.Version? version = null)
        {
            File = file;
            Name = name;
            Version = version;
            PublicKeyToken = publicKeyToken;
            Company = company;
            Copyright = copyright;
        }

        /// <summary>Path inside the package, e.g. "lib/net8.0/Contoso.Scan.dll".</summary>
        public string File { get; }

        public string Name { get; }
        public System.Version? Version { get; }
        public string? PublicKeyToken { get; }
        public string? Company { get; }
        public string? Copyright { get; }
    }

    public sealed class FeedEvidence
    {
        public FeedEvidence(string source, IReadOnlyList<string> owners, bool prefixReserved)
        {
            Source = source;
            Owners = owners;
            PrefixReserved = prefixReserved;
        }

        public string Source { get; }
        public IReadOnlyList<string> Owners { get; }
        public bool PrefixReserved { get; }
    }
}
