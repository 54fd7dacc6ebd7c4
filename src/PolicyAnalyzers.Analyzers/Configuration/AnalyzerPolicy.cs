using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Analyzers.Configuration
{
    /// <summary>
    /// The policy as the analyzer sees it: policy files arrive as AdditionalFiles marked with the
    /// PolicyAnalyzersLayer metadata (set by the package's targets), the audience and options as build properties.
    /// Snapshots are cached by policy content and audience, so a compiler server or IDE process reads and indexes
    /// a policy once, not once per compilation.
    /// </summary>
    internal sealed class AnalyzerPolicy
    {
        private static readonly SnapshotCache Cache = new(capacity: 32);

        // The three analyzers of one compilation share one AnalyzerOptions instance: resolve it once.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AnalyzerOptions, AnalyzerPolicy> PerOptions = new();

        private AnalyzerPolicy(PolicySnapshot? snapshot, IReadOnlyList<string> missingFiles, bool skipGeneratedCode, string? project, Settings settings)
        {
            FailOpen = settings.FailOpen;
            RulesUrl = settings.RulesUrl;
            PinMismatches = settings.PinMismatches;
            Snapshot = snapshot;
            Scope = new FindingScope(project);
            MissingFiles = missingFiles;
            SkipGeneratedCode = skipGeneratedCode;
        }

        /// <summary>Null when the project configures no policy at all (the package's targets were not imported).</summary>
        public PolicySnapshot? Snapshot { get; }

        public IReadOnlyList<string> MissingFiles { get; }

        /// <summary>True when the targets decided a broken or missing policy only warns (never in CI unless allowed).</summary>
        public bool FailOpen { get; }

        /// <summary>Policy files whose content differs from the pinned hash; the targets withheld them.</summary>
        public IReadOnlyList<PinMismatch> PinMismatches { get; }

        /// <summary>PolicyAnalyzersRulesUrl: where the project keeps the rule pages; null for the pages the package ships.</summary>
        public string? RulesUrl { get; }

        /// <summary>The project, for waivers that name one.</summary>
        public FindingScope Scope { get; }
        public bool SkipGeneratedCode { get; }

        public static AnalyzerPolicy Get(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            if (PerOptions.TryGetValue(options, out var known))
            {
                return known;
            }

            var resolved = Resolve(options, cancellationToken);
            return PerOptions.GetValue(options, _ => resolved);
        }

        private static AnalyzerPolicy Resolve(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
            global.TryGetValue("build_property.PolicyAnalyzersAudience", out var audience);
            global.TryGetValue("build_property.PolicyAnalyzersSkipGeneratedCode", out var skip);
            global.TryGetValue("build_property.PolicyAnalyzersMissingPolicyFiles", out var missing);
            global.TryGetValue("build_property.PolicyAnalyzersDate", out var date);
            global.TryGetValue("build_property.MSBuildProjectName", out var project);
            project = string.IsNullOrWhiteSpace(project) ? null : project!.Trim();
            global.TryGetValue("build_property.PolicyAnalyzersEffectiveFailOpen", out var failOpen);
            global.TryGetValue("build_property.PolicyAnalyzersPinMismatches", out var pins);
            global.TryGetValue("build_property.PolicyAnalyzersRulesUrl", out var rulesUrl);
            var settings = new Settings(string.Equals(failOpen?.Trim(), "true", StringComparison.OrdinalIgnoreCase), ReadPins(pins), string.IsNullOrWhiteSpace(rulesUrl) ? null : rulesUrl!.Trim());
            var missingFiles = Split(missing);

            var files = new List<(PolicyLayer Slot, int Index, AdditionalText File)>();
            foreach (var file in options.AdditionalFiles)
            {
                var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (fileOptions.TryGetValue("build_metadata.AdditionalFiles.PolicyAnalyzersLayer", out var layer) && layer.Length > 0)
                {
                    files.Add((ConfiguredPolicyFile.ParseSlot(layer), files.Count, file));
                }
            }

            // Layers apply in the order of the places the targets configured them in (shipped policy first), then in item order.
            files.Sort((a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Index.CompareTo(b.Index));
            var skipGenerated = string.Equals(skip?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            if (files.Count == 0 && missingFiles.Count == 0 && settings.PinMismatches.Count == 0)
            {
                return new AnalyzerPolicy(null, missingFiles, skipGenerated, project, settings);
            }

            var texts = new List<(string Path, PolicyLayer Slot, string? Text)>(files.Count);
            // An unset date means today: part of the key, so a long-lived process sees a deadline pass at midnight.
            date = string.IsNullOrWhiteSpace(date) ? null : date!.Trim();
            var key = new StringBuilder(audience ?? "").Append('\n').Append(date ?? PolicyDate.Write(PolicyDate.Today)).Append('\n');
            foreach (var (slot, _, file) in files)
            {
                var text = file.GetText(cancellationToken);
                var content = text?.ToString();
                texts.Add((file.Path, slot, content));
                key.Append((int)slot).Append(file.Path).Append('|').Append(content == null ? "unreadable" : Convert.ToBase64String(text!.GetChecksum().ToArray())).Append('\n');
            }

            return new AnalyzerPolicy(GetOrBuild(key.ToString(), texts, audience, date), missingFiles, skipGenerated, project, settings);
        }

        private static PolicySnapshot GetOrBuild(string key, List<(string Path, PolicyLayer Slot, string? Text)> texts, string? audience, string? date) => Cache.GetOrBuild(key, () =>
        {
            var results = new List<PolicyReadResult>(texts.Count);
            foreach (var (path, slot, text) in texts)
            {
                results.Add(text == null
                    ? new PolicyReadResult(null, new[] { new PolicyProblem(PolicyProblemKind.Unreadable, path, 0, 0, $"Policy file '{path}' cannot be read by the compiler. Check that it exists and is accessible.") })
                    : PolicyReader.ReadConfigured(path, text, slot));
            }

            return PolicySnapshot.Build(results, audience, date);
        });

        // "path|expected|actual" per withheld file, as the targets write them.
        private static IReadOnlyList<PinMismatch> ReadPins(string? value)
        {
            var result = new List<PinMismatch>();
            foreach (var entry in Split(value))
            {
                var parts = entry.Split('|');
                if (parts.Length == 3)
                {
                    result.Add(new PinMismatch(parts[0].Trim(), parts[1].Trim(), parts[2].Trim()));
                }
            }

            return result;
        }

        private sealed class Settings
        {
            public Settings(bool failOpen, IReadOnlyList<PinMismatch> pins, string? rulesUrl)
            {
                FailOpen = failOpen;
                PinMismatches = pins;
                RulesUrl = rulesUrl;
            }

            public string? RulesUrl { get; }

            public bool FailOpen { get; }
            public IReadOnlyList<PinMismatch> PinMismatches { get; }
        }

        private static IReadOnlyList<string> Split(string? list)
        {
            var result = new List<string>();
            if (list == null)
            {
                return result;
            }

            foreach (var part in list.Split(';'))
            {
                if (part.Trim().Length > 0)
                {
                    result.Add(part.Trim());
                }
            }

            return result;
        }
    }
}
