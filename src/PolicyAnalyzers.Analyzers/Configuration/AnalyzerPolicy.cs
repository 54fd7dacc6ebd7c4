using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Analyzers.Configuration
{
    /// <summary>
    /// The policy as the analyzer sees it: policy files arrive as AdditionalFiles marked with the
    /// PolicyAnalyzersLayer metadata (set by the package's targets), the audience and options as build properties.
    /// Snapshots are cached by policy content and audience, so a compiler server or IDE process reads and indexes
    /// a policy once, not once per compilation. Checks ask the <see cref="Screen"/> first and touch the snapshot only
    /// where it says a vendor may be present; for a project with only the shipped baseline the screen is precomputed
    /// and the snapshot is built on first use, so a fresh compiler process where no vendor can be present reads no JSON.
    /// </summary>
    internal sealed class AnalyzerPolicy
    {
        private static readonly SnapshotCache Cache = new(capacity: 32);

        // The three analyzers of one compilation share one AnalyzerOptions instance: resolve it once.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AnalyzerOptions, AnalyzerPolicy> PerOptions = new();

        private readonly Lazy<PolicySnapshot?> _snapshot;

        private AnalyzerPolicy(PolicyScreen? screen, Lazy<PolicySnapshot?> snapshot, IReadOnlyList<string> missingFiles, bool skipGeneratedCode, string? project, Settings settings)
        {
            FailOpen = settings.FailOpen;
            RulesUrl = settings.RulesUrl;
            PinMismatches = settings.PinMismatches;
            Screen = screen;
            _snapshot = snapshot;
            Scope = new FindingScope(project);
            MissingFiles = missingFiles;
            SkipGeneratedCode = skipGeneratedCode;
        }

        /// <summary>Null when the project configures no policy at all (the package's targets were not imported).</summary>
        public PolicySnapshot? Snapshot => _snapshot.Value;

        /// <summary>What can be present at all; null exactly when <see cref="Snapshot"/> is.</summary>
        public PolicyScreen? Screen { get; }

        /// <summary>The problems the policy files have; none, without building the snapshot, for the unchanged baseline alone.</summary>
        public IReadOnlyList<PolicyProblem> Problems => _knownClean ? NoProblems : Snapshot?.Problems ?? NoProblems;

        private static readonly PolicyProblem[] NoProblems = new PolicyProblem[0];
        private bool _knownClean;

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

            var files = new List<LayerFile>();
            foreach (var file in options.AdditionalFiles)
            {
                var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (fileOptions.TryGetValue("build_metadata.AdditionalFiles.PolicyAnalyzersLayer", out var layer) && layer.Length > 0)
                {
                    files.Add(new LayerFile(ConfiguredPolicyFile.ParseSlot(layer), files.Count, file));
                }
            }

            // Layers apply in the order of the places the targets configured them in (shipped policy first), then in item order.
            files.Sort((a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Index.CompareTo(b.Index));
            var skipGenerated = string.Equals(skip?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            if (files.Count == 0 && missingFiles.Count == 0 && settings.PinMismatches.Count == 0)
            {
                return new AnalyzerPolicy(null, new Lazy<PolicySnapshot?>(() => null), missingFiles, skipGenerated, project, settings);
            }

            date = string.IsNullOrWhiteSpace(date) ? null : date!.Trim();
            if (ShippedBaselineAlone(files, missingFiles, settings, audience, date, cancellationToken) is { } shipped)
            {
                var baseline = new List<LayerText> { new(files[0].File.Path, PolicyLayer.Baseline, ShippedPolicy.Text) };
                var lazy = new Lazy<PolicySnapshot?>(() => GetOrBuild(Key(audience, date, baseline), baseline, audience, date));
                return new AnalyzerPolicy(shipped, lazy, missingFiles, skipGenerated, project, settings) { _knownClean = true };
            }

            var texts = new List<LayerText>(files.Count);
            foreach (var file in files)
            {
                texts.Add(new LayerText(file.File.Path, file.Slot, file.File.GetText(cancellationToken)));
            }

            var snapshot = GetOrBuild(Key(audience, date, texts), texts, audience, date);
            return new AnalyzerPolicy(Screens.GetValue(snapshot, s => PolicyScreen.Of(s.Index, s.Policy.Audiences.Keys)), new Lazy<PolicySnapshot?>(() => snapshot), missingFiles, skipGenerated, project, settings);
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicySnapshot, PolicyScreen> Screens = new();

        // The common case of a project that adds no policy of its own: the unchanged shipped baseline, an audience it
        // defines and a valid date (so no problem can be reported), nothing missing or withheld.
        private static PolicyScreen? ShippedBaselineAlone(List<LayerFile> files, IReadOnlyList<string> missingFiles, Settings settings,
            string? audience, string? date, CancellationToken cancellationToken)
        {
            if (files.Count != 1 || files[0].Slot != PolicyLayer.Baseline || missingFiles.Count > 0 || settings.PinMismatches.Count > 0
                || ShippedPolicy.Screen is not { } screen || (!string.IsNullOrWhiteSpace(audience) && !screen.DefinesAudience(audience!.Trim()))
                || (date != null && PolicyDate.Parse(date) == null))
            {
                return null;
            }

            var text = files[0].File.GetText(cancellationToken)?.ToString();
            return text != null && ShippedPolicy.IsShipped(text) ? screen : null;
        }

        // Snapshots are shared by content: the same texts, audience and date give the same snapshot.
        private static string Key(string? audience, string? date, List<LayerText> texts)
        {
            // An unset date means today: part of the key, so a long-lived process sees a deadline pass at midnight.
            // Counted in days: a date formatted with a pattern first costs milliseconds in a fresh process.
            var key = new StringBuilder(audience ?? "").Append('\n');
            if (date != null)
            {
                key.Append("date ").Append(date);
            }
            else
            {
                key.Append("day ").Append(PolicyDate.Today.Ticks / TimeSpan.TicksPerDay);
            }

            key.Append('\n');
            foreach (var text in texts)
            {
                // The text's length, not a hash of it: the cache compares the texts themselves on a hit, and a text
                // changed at the same length takes the key over (hashing a 10,000-entry policy cost the compiler
                // server a pass over its 400,000 characters every build).
                key.Append((int)text.Slot).Append(text.Path).Append('|').Append(text.Length is { } length ? length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unreadable").Append('\n');
            }

            return key.ToString();
        }

        // A hit compares the texts where the compiler keeps them; only a miss copies them into strings to read.
        private static PolicySnapshot GetOrBuild(string key, List<LayerText> texts, string? audience, string? date) => Cache.GetOrBuild(key, cached => Holds(cached, texts), () => Contents(texts), contents =>
        {
            var results = new List<PolicyReadResult>(texts.Count);
            for (var i = 0; i < texts.Count; i++)
            {
                var path = texts[i].Path;
                results.Add(contents[i] is not { } text
                    ? new PolicyReadResult(null, new[] { new PolicyProblem(PolicyProblemKind.Unreadable, path, 0, 0, $"Policy file '{path}' cannot be read by the compiler. Check that it exists and is accessible.") })
                    : PolicyReader.ReadConfigured(path, text, texts[i].Slot));
            }

            return PolicySnapshot.Build(results, audience, date);
        });

        private static bool Holds(IReadOnlyList<string?> cached, List<LayerText> texts)
        {
            if (cached.Count != texts.Count)
            {
                return false;
            }

            for (var i = 0; i < cached.Count; i++)
            {
                if (!texts[i].SameAs(cached[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static string?[] Contents(List<LayerText> texts)
        {
            var contents = new string?[texts.Count];
            for (var i = 0; i < contents.Length; i++)
            {
                contents[i] = texts[i].ToText();
            }

            return contents;
        }

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

        // Classes, not value tuples: a list of a value tuple is compiled at run time in every fresh compiler process
        // (precompiled code cannot hold it), and this runs at the start of every compilation.

        /// <summary>An additional file the targets placed in a policy layer, in item order.</summary>
        private sealed class LayerFile
        {
            public LayerFile(PolicyLayer slot, int index, AdditionalText file)
            {
                Slot = slot;
                Index = index;
                File = file;
            }

            public PolicyLayer Slot { get; }
            public int Index { get; }
            public AdditionalText File { get; }
        }

        /// <summary>A layer's text as read: the compiler's text of the file or a string (neither: unreadable).</summary>
        private sealed class LayerText
        {
            private readonly SourceText? _source;
            private readonly string? _text;

            public LayerText(string path, PolicyLayer slot, string? text)
            {
                Path = path;
                Slot = slot;
                _text = text;
            }

            public LayerText(string path, PolicyLayer slot, SourceText? source)
            {
                Path = path;
                Slot = slot;
                _source = source;
            }

            public string Path { get; }
            public PolicyLayer Slot { get; }

            /// <summary>Null when unreadable.</summary>
            public int? Length => _source?.Length ?? _text?.Length;

            public bool SameAs(string? text) => _source != null ? text != null && PolicySourceText.SameAs(_source, text) : string.Equals(_text, text, StringComparison.Ordinal);

            public string? ToText() => _source?.ToString() ?? _text;
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
