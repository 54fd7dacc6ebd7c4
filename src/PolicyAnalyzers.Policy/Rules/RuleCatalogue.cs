using System;
using System.Collections.Generic;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Policy.Rules
{
    /// <summary>Who reports a rule's diagnostics.</summary>
    public enum RuleReporter
    {
        /// <summary>The analyzer, in the compiler and the editor (the build task when analyzers do not run).</summary>
        Analyzer,

        /// <summary>A build task.</summary>
        BuildTask,

        /// <summary>An organisation policy package made from policy/package-template.</summary>
        PolicyPackage,
    }

    /// <summary>One diagnostic id and what every output says of it.</summary>
    public sealed class Rule
    {
        internal Rule(string id, string name, string title, FindingSeverity severity, RuleReporter reporter, bool failsOpen, string description)
        {
            Id = id;
            Name = name;
            Title = title;
            DefaultSeverity = severity;
            Reporter = reporter;
            FailsOpen = failsOpen;
            Description = description;
        }

        public string Id { get; }

        /// <summary>The rule's friendly name (SARIF rule name): "ApiUse".</summary>
        public string Name { get; }

        public string Title { get; }
        public FindingSeverity DefaultSeverity { get; }
        public RuleReporter Reporter { get; }

        /// <summary>True when PolicyAnalyzersFailOpen may lower it to a warning outside CI.</summary>
        public bool FailsOpen { get; }

        public string Description { get; }

        /// <summary>Its page under docs/rules.</summary>
        public string Page => "docs/rules/" + Id + ".md";
    }

    /// <summary>
    /// Every rule PolicyAnalyzers reports, once: the analyzers' descriptors, the build tasks, the policy tool and the
    /// SARIF rule table read it, and a test holds the rule pages and the analyzer release tracking to it.
    /// </summary>
    public static class RuleCatalogue
    {
        private static readonly Rule[] Rules =
        {
            new(DiagnosticIds.PolicyMissing, "PolicyMissing", "Policy file is missing", FindingSeverity.Error, RuleReporter.Analyzer, true,
                "A policy file configured for this project does not exist, so the vendor policy cannot be enforced."),
            new(DiagnosticIds.PolicyUnreadable, "PolicyUnreadable", "Policy file cannot be read", FindingSeverity.Error, RuleReporter.Analyzer, true,
                "A policy file exists but cannot be read, is not UTF-8 text, is not a regular file (a directory, pipe or device) or is over the size limit."),
            new(DiagnosticIds.PolicySyntax, "PolicySyntax", "Policy file is not valid JSON", FindingSeverity.Error, RuleReporter.Analyzer, true,
                "A policy file is not valid JSON; the file is not used until it is fixed."),
            new(DiagnosticIds.PolicyInvalid, "PolicyInvalid", "Policy file breaks the policy schema", FindingSeverity.Error, RuleReporter.Analyzer, true,
                "A policy file has an unknown field, a wrong type, a duplicate id or a reference to something no policy layer defines."),
            new(DiagnosticIds.UnknownAudience, "UnknownAudience", "Project audience is not defined by the policy", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "PolicyAnalyzersAudience names an audience the policy does not define, so no measure can bind the project."),
            new(DiagnosticIds.InvalidSetting, "InvalidSetting", "Policy build setting is not valid", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "A build property the policy depends on (such as PolicyAnalyzersDate) has a value that cannot be used; a safe default is used instead."),
            new(DiagnosticIds.PinMismatch, "PinMismatch", "Policy file does not match its pinned hash", FindingSeverity.Error, RuleReporter.Analyzer, false,
                "A policy file's SHA-256 differs from the hash the project pinned (PolicyAnalyzersPin), so the file may have been changed or replaced; it is not used."),
            new(DiagnosticIds.UnusedWaiver, "UnusedWaiver", "Waiver matched no finding", FindingSeverity.Warning, RuleReporter.BuildTask, false,
                "A waiver that names this project covered no finding in its build; it may be stale."),
            new(DiagnosticIds.LockedLayer, "LockedLayer", "Policy layer tries to weaken a locked layer", FindingSeverity.Error, RuleReporter.Analyzer, true,
                "A policy file redefines what a locked layer or the shipped baseline holds, adds a waiver the locked layer does not admit, or claims a higher layer than it is configured in; the attempt is ignored."),
            new(DiagnosticIds.NewerPolicy, "NewerPolicy", "A newer version of the policy package exists", FindingSeverity.Warning, RuleReporter.BuildTask, false,
                "The project's feeds hold a newer version of a policy package the project uses (opt-in check)."),
            new(DiagnosticIds.ShippedPolicyReplaced, "ShippedPolicyReplaced", "Shipped baseline policy was replaced", FindingSeverity.Error, RuleReporter.Analyzer, false,
                "The file configured as the shipped baseline is not the baseline this PolicyAnalyzers ships; the shipped baseline is used instead."),
            new(DiagnosticIds.ApiUse, "ApiUse", "Use of a vendor API covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "Code uses a namespace, type or member of a vendor that a government measure covers."),
            new(DiagnosticIds.AssemblyReference, "AssemblyReference", "Reference to a vendor assembly covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "The compilation references an assembly whose name or public key token belongs to a vendor that a government measure covers."),
            new(DiagnosticIds.Package, "Package", "Vendor package covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "The restore graph (direct or transitive) contains a package that belongs to a vendor a government measure covers, by its id or by who published it."),
            new(DiagnosticIds.AssetsUnreadable, "AssetsUnreadable", "Restore output cannot be read", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "The project's obj/project.assets.json cannot be read, so vendor packages cannot be checked."),
            new(DiagnosticIds.NativeLibrary, "NativeLibrary", "Native library of a vendor covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "Code imports or loads a native library (DllImport, LibraryImport, NativeLibrary.Load) whose name belongs to a vendor that a government measure covers."),
            new(DiagnosticIds.LateBinding, "LateBinding", "Late-bound use of a vendor component covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "Code names a vendor type, assembly or COM ProgID in a string for reflection or late binding (Type.GetType, Assembly.Load, Activator.CreateInstance, Type.GetTypeFromProgID)."),
            new(DiagnosticIds.Endpoint, "Endpoint", "Endpoint of a vendor covered by a precautionary measure", FindingSeverity.Warning, RuleReporter.Analyzer, false,
                "A constant URI or host name in code points at a domain of a vendor that a government measure covers."),
            new(DiagnosticIds.PackageEvidenceUnreadable, "PackageEvidenceUnreadable", "Package could not be fully checked for publisher evidence", FindingSeverity.Warning, RuleReporter.BuildTask, false,
                "A package in the package folder is damaged, so its publisher evidence cannot be read; its id is still checked."),
            new(DiagnosticIds.FeedUnavailable, "FeedUnavailable", "Feed could not be asked who owns the packages", FindingSeverity.Info, RuleReporter.BuildTask, false,
                "The opt-in online owner check could not reach a feed in time; the offline findings stand."),
            new(DiagnosticIds.ChecksDisabled, "ChecksDisabled", "Vendor checks turned off against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "PolicyAnalyzersEnabled is false while a policy layer enforces the checks; they run anyway. An error in CI, a warning locally."),
            new(DiagnosticIds.PackageCheckDisabled, "PackageCheckDisabled", "Package check turned off against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "The package check is turned off or did not run while a policy layer enforces it. An error in CI, a warning locally."),
            new(DiagnosticIds.CodeNotAnalysed, "CodeNotAnalysed", "Code not analysed against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "The compiler ran no PolicyAnalyzers analyzer (RunAnalyzers off, analyzers removed or excluded) while a policy layer enforces the checks. An error in CI, a warning locally."),
            new(DiagnosticIds.RuleTurnedOff, "RuleTurnedOff", "Mandatory rule turned off by a severity setting", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "A severity setting turns a vendor rule off or below a warning while a policy layer enforces the checks. An error in CI, a warning locally."),
            new(DiagnosticIds.EscalationOptOut, "EscalationOptOut", "CI escalation turned off against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "PolicyAnalyzersEscalateInCI is false in CI while a policy layer enforces escalation; CI escalates anyway."),
            new(DiagnosticIds.AudienceOverride, "AudienceOverride", "Audience differs from the enforced one", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "PolicyAnalyzersAudience differs from the audience a policy layer enforces; the enforced audience applies."),
            new(DiagnosticIds.FailOpenInCI, "FailOpenInCI", "Fail-open in CI against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "PolicyAnalyzersFailOpenInCI is true in CI while a policy layer enforces fail-closed CI; CI fails closed anyway."),
            new(DiagnosticIds.ShippedBaselineExcluded, "ShippedBaselineExcluded", "Shipped baseline left out against an enforced policy", FindingSeverity.Error, RuleReporter.BuildTask, false,
                "PolicyAnalyzersIncludeShippedPolicy is false while a policy layer enforces the baseline; it is used anyway."),
            new(DiagnosticIds.PackageAssetsExcluded, "PackageAssetsExcluded", "PolicyAnalyzers excluded from a project that uses an organisation policy package", FindingSeverity.Error, RuleReporter.PolicyPackage, false,
                "The project references an organisation policy package but excludes PolicyAnalyzers' build assets, so no check runs. An error in CI, a warning locally."),
        };

        private static readonly Dictionary<string, Rule> ById = Index();

        public static IReadOnlyList<Rule> All => Rules;

        public static Rule Get(string id) => ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"No rule '{id}' in the catalogue.", nameof(id));

        public static Rule? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;

        private static Dictionary<string, Rule> Index()
        {
            var index = new Dictionary<string, Rule>(StringComparer.Ordinal);
            foreach (var rule in Rules)
            {
                index.Add(rule.Id, rule); // throws at type load on a duplicate id: a test loads it
            }

            return index;
        }
    }
}
