using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Model
{
    /// <summary>One policy file as written (one layer of the effective policy).</summary>
    public sealed class PolicyDocument
    {
        public string FilePath { get; init; } = "";
        public string Id { get; init; } = "";
        public string Version { get; init; } = "";
        public string Publisher { get; init; } = "";
        public string LastUpdated { get; init; } = "";
        public string? Description { get; init; }

        /// <summary>
        /// Where this file stands in the precedence of layers (baseline, organisation, team, project): where it is
        /// configured, or lower if the file says so. A file never raises itself above where it is configured.
        /// </summary>
        public PolicyLayer Layer { get; internal set; } = PolicyLayer.Organisation;

        /// <summary>The layer the file's header declares (its own claim; <see cref="Layer"/> is what applies).</summary>
        public PolicyLayer DeclaredLayer { get; init; } = PolicyLayer.Organisation;

        public SourceLocation? DeclaredLayerLocation { get; init; }

        /// <summary>When true, files configured after this one may not redefine anything already defined, and may
        /// add waivers only from the layers in <see cref="AllowWaiversFrom"/>, approved by <see cref="WaiverApprovers"/>.
        /// A file that enforces settings is locked.</summary>
        public bool Locked { get; init; }

        public IReadOnlyList<PolicyLayer> AllowWaiversFrom { get; init; } = new PolicyLayer[0];

        /// <summary>Who may approve a waiver in an admitted lower layer (matched exactly, any case).</summary>
        public IReadOnlyList<string> WaiverApprovers { get; init; } = new string[0];

        /// <summary>Ids of baseline elements this (organisation) file deliberately redefines, weakening included.</summary>
        public IReadOnlyList<IdentifierEntry> OverrideBaseline { get; init; } = new IdentifierEntry[0];

        /// <summary>The build settings this file enforces on every project that uses it; null when it enforces none.</summary>
        public Enforcement? Enforce { get; init; }

        /// <summary>Lower-case hex SHA-256 of the file's bytes as read (empty when read from text alone).</summary>
        public string Sha256 { get; internal set; } = "";
        public SourceLocation Location { get; init; } = null!;
        public IReadOnlyList<Audience> Audiences { get; init; } = new Audience[0];
        public IReadOnlyList<Decision> Decisions { get; init; } = new Decision[0];
        public IReadOnlyList<Vendor> Vendors { get; init; } = new Vendor[0];
        public IReadOnlyList<Measure> Measures { get; init; } = new Measure[0];
        public IReadOnlyList<Waiver> Waivers { get; init; } = new Waiver[0];

        /// <summary>"contoso-security 2026.11.2, layer organisation": how findings name their source.</summary>
        public string Describe() => Id + " " + Version + ", layer " + PolicyLayers.Name(Layer);
    }

    /// <summary>Precedence of policy files: a later layer refines an earlier one unless the earlier one is locked.</summary>
    public enum PolicyLayer
    {
        Baseline,
        Organisation,
        Team,
        Project,
    }

    public static class PolicyLayers
    {
        public static readonly string[] Names = { "baseline", "organisation", "team", "project" };

        public static string Name(PolicyLayer layer) => Names[(int)layer];

        public static PolicyLayer? Parse(string name)
        {
            var i = System.Array.IndexOf(Names, name);
            return i < 0 ? null : (PolicyLayer)i;
        }
    }

    /// <summary>
    /// An approved exception: findings it covers are shown as waived (information) until it expires, then return
    /// at full severity with a note. Every selector given must match; at least one is required.
    /// </summary>
    public sealed class Waiver
    {
        public string Id { get; init; } = "";

        /// <summary>Vendor id.</summary>
        public string? Vendor { get; init; }

        /// <summary>Project name glob (the MSBuild project name).</summary>
        public string? Project { get; init; }

        /// <summary>Package id glob; covers package findings only.</summary>
        public string? Package { get; init; }

        /// <summary>Documentation-comment id (N:, T:, M:, ...) or glob; covers the API and what it contains.</summary>
        public string? Api { get; init; }

        public string Reason { get; init; } = "";
        public string ApprovedBy { get; init; } = "";
        public string Reference { get; init; } = "";

        /// <summary>Last day the waiver is valid (YYYY-MM-DD).</summary>
        public string Expires { get; init; } = "";

        public SourceLocation Location { get; init; } = null!;

        /// <summary>The file that holds the waiver (set when layers are merged).</summary>
        public PolicyDocument? Source { get; set; }

        /// <summary>"vendor 'acme', project 'App'": what the waiver covers, in words.</summary>
        public string DescribeScope()
        {
            var parts = new List<string>();
            if (Vendor != null) parts.Add($"vendor '{Vendor}'");
            if (Project != null) parts.Add($"project '{Project}'");
            if (Package != null) parts.Add($"package '{Package}'");
            if (Api != null) parts.Add($"API '{Api}'");
            return string.Join(", ", parts);
        }
    }

    /// <summary>A group of organisations a measure addresses, e.g. the Dutch central government.</summary>
    public sealed class Audience
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public SourceLocation Location { get; init; } = null!;
    }

    /// <summary>A government decision: the source of authority a finding cites.</summary>
    public sealed class Decision
    {
        public string Id { get; init; } = "";
        public string Jurisdiction { get; init; } = "";
        public string Authority { get; init; } = "";
        public string Date { get; init; } = "";
        public string Title { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Link { get; init; } = "";
        public string Summary { get; init; } = "";
        public IReadOnlyList<Ground> Grounds { get; init; } = new Ground[0];
        public IReadOnlyList<DecisionEvent> History { get; init; } = new DecisionEvent[0];
        public SourceLocation Location { get; init; } = null!;
    }

    /// <summary>One reason a decision gives. Factors follow the Dutch 2018 decision's three grounds.</summary>
    public sealed class Ground
    {
        public const string DeepAccess = "deep-access";
        public const string HomeCountryLaw = "home-country-law";
        public const string OffensiveCyberProgramme = "offensive-cyber-programme";
        public const string Other = "other";
        public static readonly string[] Factors = { DeepAccess, HomeCountryLaw, OffensiveCyberProgramme, Other };

        public string Factor { get; init; } = "";
        public string Text { get; init; } = "";
    }

    /// <summary>A step in a decision's history (the decision itself, a refused reconsideration, a status report).</summary>
    public sealed class DecisionEvent
    {
        public static readonly string[] Kinds = { "decision", "reconsideration-refused", "reconsideration-granted", "confirmation", "status-report", "amendment", "court-ruling", "withdrawal" };

        public string Date { get; init; } = "";
        public string Event { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Link { get; init; } = "";
        public string Summary { get; init; } = "";
    }

    /// <summary>A vendor and the ways its software is recognised.</summary>
    public sealed class Vendor
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public IReadOnlyList<string> LegalEntities { get; init; } = new string[0];
        public IdentifierSet Identify { get; init; } = IdentifierSet.Empty;
        public string? Notes { get; init; }
        public SourceLocation Location { get; init; } = null!;
    }

    /// <summary>
    /// The ways software is recognised, one list per kind of evidence. Used by a vendor ("identify") and by a
    /// measure for the part of the vendor's offering it leaves out ("exclude").
    /// </summary>
    public sealed class IdentifierSet
    {
        public static readonly IdentifierSet Empty = new();

        /// <summary>NuGet package id globs.</summary>
        public IReadOnlyList<IdentifierEntry> PackageIds { get; init; } = new IdentifierEntry[0];

        /// <summary>Documentation-comment ids (N:, T:, M:, P:, F:, E:).</summary>
        public IReadOnlyList<IdentifierEntry> Apis { get; init; } = new IdentifierEntry[0];

        /// <summary>Assembly name globs.</summary>
        public IReadOnlyList<IdentifierEntry> AssemblyNames { get; init; } = new IdentifierEntry[0];

        /// <summary>Strong-name public key tokens (16 hex digits).</summary>
        public IReadOnlyList<IdentifierEntry> PublicKeyTokens { get; init; } = new IdentifierEntry[0];

        /// <summary>Publisher names (legal entities), found as whole words in nuspec authors, owners and copyright,
        /// certificate subjects and AssemblyCompany/AssemblyCopyright.</summary>
        public IReadOnlyList<IdentifierEntry> Publishers { get; init; } = new IdentifierEntry[0];

        /// <summary>Package owner account names on a feed (nuspec owners, repository signature owners, feed owners).</summary>
        public IReadOnlyList<IdentifierEntry> PackageOwners { get; init; } = new IdentifierEntry[0];

        /// <summary>SHA-256 fingerprints of signing certificates (64 hex digits).</summary>
        public IReadOnlyList<IdentifierEntry> CertificateFingerprints { get; init; } = new IdentifierEntry[0];

        /// <summary>Source repository URL prefixes (e.g. https://github.com/VendorOrg).</summary>
        public IReadOnlyList<IdentifierEntry> Repositories { get; init; } = new IdentifierEntry[0];

        /// <summary>Native library name globs (DllImport, LibraryImport, NativeLibrary.Load).</summary>
        public IReadOnlyList<IdentifierEntry> NativeLibraries { get; init; } = new IdentifierEntry[0];

        /// <summary>COM ProgID globs (Type.GetTypeFromProgID).</summary>
        public IReadOnlyList<IdentifierEntry> ProgIds { get; init; } = new IdentifierEntry[0];

        /// <summary>Host names; a listed domain covers its subdomains.</summary>
        public IReadOnlyList<IdentifierEntry> Domains { get; init; } = new IdentifierEntry[0];

        public bool IsEmpty => PackageIds.Count + Apis.Count + AssemblyNames.Count + PublicKeyTokens.Count + Publishers.Count
            + PackageOwners.Count + CertificateFingerprints.Count + Repositories.Count + NativeLibraries.Count + ProgIds.Count + Domains.Count == 0;
    }

    /// <summary>One recognition entry (a glob, a documentation-comment id, a token) and where it was written.</summary>
    public sealed class IdentifierEntry
    {
        // The place is kept as its parts: a policy of thousands of entries is read in every fresh compiler process, and
        // a location object per entry was an eighth of what the read allocated.
        private readonly string _filePath;
        private readonly int _line;
        private readonly int _column;

        public IdentifierEntry(string value, SourceLocation location)
            : this(value, location.FilePath, location.Line, location.Column)
        {
        }

        public IdentifierEntry(string value, string filePath, int line, int column)
        {
            Value = value;
            _filePath = filePath;
            _line = line;
            _column = column;
        }

        public string Value { get; }

        public SourceLocation Location => new(_filePath, _line, _column);
    }

    public enum MeasureAction
    {
        Advise,
        PhaseOut,
        Prohibit,
    }

    public static class MeasureActions
    {
        /// <summary>The action as the policy file writes it: advise, phase-out, prohibit.</summary>
        public static string Name(MeasureAction action) => action switch
        {
            MeasureAction.Prohibit => "prohibit",
            MeasureAction.PhaseOut => "phase-out",
            _ => "advise",
        };
    }

    /// <summary>Ties a decision to vendors and says what each audience must (or is advised to) do.</summary>
    public sealed class Measure
    {
        public string Id { get; init; } = "";
        public string DecisionId { get; init; } = "";
        public IReadOnlyList<IdentifierEntry> VendorIds { get; init; } = new IdentifierEntry[0];
        public string? ProductScope { get; init; }
        public string? Excludes { get; init; }

        /// <summary>Identifiers of the vendor's offering this measure does not cover (e.g. BOD 17-01 leaves out
        /// threat-intelligence services): a finding matched only there is not governed by this measure.</summary>
        public IdentifierSet Exclude { get; init; } = IdentifierSet.Empty;

        public IReadOnlyList<MeasureAudience> Audiences { get; init; } = new MeasureAudience[0];
        public SourceLocation Location { get; init; } = null!;
        public SourceLocation DecisionLocation { get; init; } = null!;

        /// <summary>The file that defines the measure (set when layers are merged).</summary>
        public PolicyDocument? Source { get; set; }
    }

    public sealed class MeasureAudience
    {
        public string AudienceId { get; init; } = "";
        public MeasureAction Action { get; init; }
        /// <summary>First day the measure applies to the audience (YYYY-MM-DD); before it, findings only warn.</summary>
        public string? Effective { get; init; }

        /// <summary>Last day to comply (YYYY-MM-DD); until then a binding phase-out warns with the days left.</summary>
        public string? Deadline { get; init; }

        public string? Note { get; init; }
        public SourceLocation Location { get; init; } = null!;

        public bool IsMandatory => Action != MeasureAction.Advise;
    }
}
