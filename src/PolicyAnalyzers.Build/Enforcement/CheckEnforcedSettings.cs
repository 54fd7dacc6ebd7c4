using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using PolicyAnalyzers.Build.Locations;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Build.Enforcement
{
    /// <summary>
    /// Before anything is checked: when a policy layer enforces settings (its header's "enforce"), every project
    /// setting that would take the project out of it is a located diagnostic with its own id (PA2001, PA2002,
    /// PA2003, PA2005-PA2008): an error in CI, a warning locally. What can be undone is undone (the checks run,
    /// the enforced audience applies, CI escalates and fails closed); what cannot (analyzers turned off) fails CI.
    /// Runs even when PolicyAnalyzersEnabled is false, which is one of the settings it judges.
    /// </summary>
    public sealed class CheckEnforcedSettings : PolicyTask
    {
        [Required]
        public string ProjectPath { get; set; } = "";

        /// <summary>The files that may set the properties, in evaluation order (Directory.Build.props, project, Directory.Build.targets).</summary>
        public ITaskItem[] SettingsFiles { get; set; } = Array.Empty<ITaskItem>();

        public string? Enabled { get; set; }
        public string? CheckPackages { get; set; }
        public string? RunAnalyzers { get; set; }
        public string? RunAnalyzersDuringBuild { get; set; }
        public string? EscalateInCI { get; set; }
        public string? FailOpen { get; set; }
        public string? FailOpenInCI { get; set; }
        public string? IncludeShippedPolicy { get; set; }

        /// <summary>The targets' view of CI (ContinuousIntegrationBuild or the CI variables as properties).</summary>
        public bool InCI { get; set; }

        /// <summary>True when a layer enforces settings.</summary>
        [Output]
        public bool Enforced { get; private set; }

        /// <summary>CI, by the properties or by the build's real environment (a project cannot unset the CI variables).</summary>
        [Output]
        public bool InContinuousIntegration { get; private set; }

        /// <summary>Whether the checks run: false only when the project turned them off and nothing enforces them.</summary>
        [Output]
        public bool ChecksOn { get; private set; } = true;

        [Output]
        public bool PackageCheckOn { get; private set; } = true;

        /// <summary>Whether CI raises lowered mandatory findings.</summary>
        [Output]
        public bool Escalate { get; private set; }

        /// <summary>Whether a broken policy only warns.</summary>
        [Output]
        public bool EffectiveFailOpen { get; private set; }

        /// <summary>True when the shipped baseline must be added back (the project left it out, an enforcing layer keeps it).</summary>
        [Output]
        public bool RestoreShippedPolicy { get; private set; }

        protected override void Unexpected(Exception e)
            => Log.LogError(null, DiagnosticIds.ChecksDisabled, null, DocsLink(DiagnosticIds.ChecksDisabled), ProjectPath, 0, 0, 0, 0,
                "PolicyAnalyzers could not check the enforced settings: {0}: {1} The build fails closed; please report this with the build log.", e.GetType().Name, e.Message);

        private static readonly string[] CiVariables = { "CI", "TF_BUILD", "GITHUB_ACTIONS" };

        protected override void Run()
        {
            InContinuousIntegration = InCI || CiVariables.Any(v => IsTrue(Environment.GetEnvironmentVariable(v)));
            var enabled = !IsFalse(Enabled);
            var packages = !IsFalse(CheckPackages);
            Escalate = InContinuousIntegration && !IsFalse(EscalateInCI);
            EffectiveFailOpen = IsTrue(FailOpen) && (!InContinuousIntegration || IsTrue(FailOpenInCI));
            ChecksOn = enabled;
            PackageCheckOn = enabled && packages;

            var snapshot = LoadPolicy();
            if (snapshot.Policy.Enforcement is not { } enforce)
            {
                return;
            }

            Enforced = true;
            var locator = new ReferenceLocator(SettingsFiles.Select(f => f.GetMetadata("FullPath") is { Length: > 0 } p ? p : f.ItemSpec));
            var by = $"policy {enforce.Source.Describe()} ({enforce.Source.FilePath})";
            if (enforce.Checks)
            {
                if (!enabled)
                {
                    Violation(locator, DiagnosticIds.ChecksDisabled, "PolicyAnalyzersEnabled",
                        $"PolicyAnalyzersEnabled is false, but {by} enforces the vendor checks on every project; they run anyway. Remove the setting.");
                    ChecksOn = true;
                }

                if (!packages)
                {
                    Violation(locator, DiagnosticIds.PackageCheckDisabled, "PolicyAnalyzersCheckPackages",
                        $"PolicyAnalyzersCheckPackages is false, but {by} enforces the package check (PA1003) on every project; it runs anyway. Remove the setting.");
                }

                PackageCheckOn = true;
                foreach (var (name, value) in new[] { ("RunAnalyzers", RunAnalyzers), ("RunAnalyzersDuringBuild", RunAnalyzersDuringBuild) })
                {
                    if (IsFalse(value))
                    {
                        Violation(locator, DiagnosticIds.CodeNotAnalysed, name,
                            $"{name} is false, so the compiler runs no analyzer and no code of this project is checked for vendor APIs, assemblies or endpoints, but {by} enforces these checks. Remove the setting.");
                    }
                }
            }

            if (enforce.Escalation && InContinuousIntegration && IsFalse(EscalateInCI))
            {
                Violation(locator, DiagnosticIds.EscalationOptOut, "PolicyAnalyzersEscalateInCI",
                    $"PolicyAnalyzersEscalateInCI is false, but {by} enforces that CI fails on every mandatory finding, whatever local settings lowered it; CI escalates anyway. Remove the setting.");
                Escalate = true;
            }

            if (enforce.Audience != null && !string.IsNullOrWhiteSpace(Audience) && !string.Equals(Audience!.Trim(), enforce.Audience, StringComparison.OrdinalIgnoreCase))
            {
                Violation(locator, DiagnosticIds.AudienceOverride, "PolicyAnalyzersAudience",
                    $"PolicyAnalyzersAudience is '{Audience!.Trim()}', but {by} enforces audience '{enforce.Audience}'; the project is judged as '{enforce.Audience}'. Remove the setting or set it to '{enforce.Audience}'.");
            }

            if (enforce.FailClosedInCI && InContinuousIntegration && IsTrue(FailOpen) && IsTrue(FailOpenInCI))
            {
                Violation(locator, DiagnosticIds.FailOpenInCI, "PolicyAnalyzersFailOpenInCI",
                    $"PolicyAnalyzersFailOpenInCI is true, but {by} enforces that a missing or broken policy fails a CI build; it fails closed anyway. Remove the setting.");
                EffectiveFailOpen = false;
            }

            if (enforce.ShippedBaseline && IsFalse(IncludeShippedPolicy))
            {
                Violation(locator, DiagnosticIds.ShippedBaselineExcluded, "PolicyAnalyzersIncludeShippedPolicy",
                    $"PolicyAnalyzersIncludeShippedPolicy is false, but {by} builds on the shipped baseline and enforces it; the baseline is used anyway. Remove the setting.");
                RestoreShippedPolicy = true;
            }
        }

        // In CI an error; locally a warning, so a developer sees it before CI does. Never lowered by NoWarn.
        private void Violation(ReferenceLocator locator, string id, string property, string message)
        {
            var at = locator.FindProperty(property);
            var file = at?.FilePath ?? ProjectPath;
            var suffix = at == null ? $" ({property} is set on the command line, in the environment or in an imported file.)" : "";
            if (InContinuousIntegration)
            {
                Log.LogError(null, id, null, DocsLink(id), file, at?.Line ?? 0, at?.Column ?? 0, 0, 0, "{0}", message + suffix);
            }
            else
            {
                Log.LogWarning(null, id, null, DocsLink(id), file, at?.Line ?? 0, at?.Column ?? 0, 0, 0, "{0}", message + suffix + " (A warning locally; an error in CI.)");
            }
        }

        private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
    }
}
