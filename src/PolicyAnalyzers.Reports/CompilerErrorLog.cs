using System;
using System.Collections.Generic;
using System.IO;
using PolicyAnalyzers.Policy.Json;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Reports
{
    /// <summary>One PolicyAnalyzers result of the compiler's SARIF log, with what the analyzer attached to it.</summary>
    public sealed class LoggedFinding
    {
        public string RuleId { get; set; } = "";
        public string Level { get; set; } = "warning";
        public string Message { get; set; } = "";
        public string? File { get; set; }
        public int Line { get; set; }
        public int Column { get; set; }

        /// <summary>The rule entry's help link: for a finding, the decision's.</summary>
        public string? HelpUri { get; set; }

        public string? RuleTitle { get; set; }
        public string? RuleDescription { get; set; }

        /// <summary>True when an in-source suppression (#pragma, SuppressMessage) hid it.</summary>
        public bool Suppressed { get; set; }

        public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

        public string? Property(string name) => Properties.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>What one compilation's log says of PolicyAnalyzers (see <see cref="CompilerErrorLog.ReadRun"/>).</summary>
    public sealed class CompilerRun
    {
        public List<LoggedFinding> Findings { get; } = new();

        /// <summary>PolicyAnalyzers rule ids the compiler ran (listed with an execution time).</summary>
        public HashSet<string> RulesRun { get; } = new(StringComparer.Ordinal);

        /// <summary>Rule id → "off" or "below a warning": what a severity setting made of a PolicyAnalyzers rule.</summary>
        public Dictionary<string, string> LoweredRules { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// The compiler's SARIF 2.1 error log, read for PolicyAnalyzers' results (ids PA*): each carries vendor, measure,
    /// the severity the policy decided and the waiver it used as diagnostic properties.
    /// </summary>
    public static class CompilerErrorLog
    {
        public const string WaiverProperty = FindingProperties.Waiver;

        /// <summary>The waiver ids, or null when the log is absent or not SARIF 2.1 (then nothing can be concluded).</summary>
        public static HashSet<string>? UsedWaivers(string? path)
        {
            var findings = Read(path);
            if (findings == null)
            {
                return null;
            }

            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in findings)
            {
                if (f.Property(WaiverProperty) is { } id)
                {
                    used.Add(id);
                }
            }

            return used;
        }

        /// <summary>The PolicyAnalyzers results, or null when the log is absent, unreadable or not SARIF 2.1.</summary>
        public static List<LoggedFinding>? Read(string? path) => ReadRun(path)?.Findings;

        /// <summary>
        /// What the compiler's log says of PolicyAnalyzers in one compilation: its results, which of its rules the
        /// compiler ran (every rule of every analyzer that ran is listed with its execution time), and which of them a
        /// severity setting (.editorconfig, .globalconfig, NoWarn) lowered below a warning or turned off.
        /// Null when the log is absent, unreadable or not SARIF 2.1 (then nothing can be concluded).
        /// </summary>
        public static CompilerRun? ReadRun(string? path)
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return null;
            }

            JsonNode root;
            try
            {
                root = JsonParser.Parse(File.ReadAllText(path));
            }
            catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }

            if (root is not JsonObject log || (log.Find("version")?.Value as JsonString)?.Value != "2.1.0" || log.Find("runs")?.Value is not JsonArray runs)
            {
                return null;
            }

            var compilerRun = new CompilerRun();
            var findings = compilerRun.Findings;
            foreach (var run in runs.Items)
            {
                if (run is not JsonObject r || r.Find("results")?.Value is not JsonArray results)
                {
                    continue;
                }

                var rules = ((r.Find("tool")?.Value as JsonObject)?.Find("driver")?.Value as JsonObject)?.Find("rules")?.Value as JsonArray;
                foreach (var rule in rules?.Items ?? new List<JsonNode>())
                {
                    if (rule is JsonObject o && Text(o, "id") is { } id && id.StartsWith("PA", StringComparison.Ordinal)
                        && (o.Find("properties")?.Value as JsonObject)?.Find("executionTimeInSeconds") != null)
                    {
                        compilerRun.RulesRun.Add(id);
                    }
                }

                foreach (var invocation in (r.Find("invocations")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
                {
                    foreach (var item in ((invocation as JsonObject)?.Find("ruleConfigurationOverrides")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
                    {
                        var o = item as JsonObject;
                        var id = Text(o?.Find("descriptor")?.Value as JsonObject, "id");
                        var configuration = o?.Find("configuration")?.Value as JsonObject;
                        if (id == null || !id.StartsWith("PA", StringComparison.Ordinal) || configuration == null)
                        {
                            continue;
                        }

                        if (configuration.Find("enabled")?.Value is JsonLiteral { Kind: JsonKind.False })
                        {
                            compilerRun.LoweredRules[id] = "off";
                        }
                        else if (Text(configuration, "level") is "note" or "none" && !compilerRun.LoweredRules.ContainsKey(id))
                        {
                            compilerRun.LoweredRules[id] = "below a warning (suggestion or silent)";
                        }
                    }
                }
                foreach (var item in results.Items)
                {
                    if (item is not JsonObject result || Text(result, "ruleId") is not { } ruleId || !ruleId.StartsWith("PA", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var finding = new LoggedFinding
                    {
                        RuleId = ruleId,
                        Level = Text(result, "level") ?? "warning",
                        Message = Text(result.Find("message")?.Value as JsonObject, "text") ?? "",
                        Suppressed = result.Find("suppressions")?.Value is JsonArray { Items.Count: > 0 },
                    };
                    if ((result.Find("locations")?.Value as JsonArray)?.Items is { Count: > 0 } locations
                        && (locations[0] as JsonObject)?.Find("physicalLocation")?.Value is JsonObject physical)
                    {
                        var uri = Text(physical.Find("artifactLocation")?.Value as JsonObject, "uri");
                        finding.File = uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : uri;
                        var region = physical.Find("region")?.Value as JsonObject;
                        finding.Line = Number(region, "startLine");
                        finding.Column = Number(region, "startColumn");
                    }

                    if (rules != null && result.Find("ruleIndex")?.Value is JsonLiteral { Kind: JsonKind.Number } index
                        && int.TryParse(index.Text, out var i) && i >= 0 && i < rules.Items.Count && rules.Items[i] is JsonObject rule)
                    {
                        finding.HelpUri = Text(rule, "helpUri");
                        finding.RuleTitle = Text(rule.Find("shortDescription")?.Value as JsonObject, "text");
                        finding.RuleDescription = Text(rule.Find("fullDescription")?.Value as JsonObject, "text");
                    }

                    if (((result.Find("properties")?.Value as JsonObject)?.Find("customProperties")?.Value as JsonObject)?.Properties is { } custom)
                    {
                        foreach (var p in custom)
                        {
                            if (p.Value is JsonString s)
                            {
                                finding.Properties[p.Name] = s.Value;
                            }
                        }
                    }

                    findings.Add(finding);
                }
            }

            return compilerRun;
        }

        private static string? Text(JsonObject? o, string name) => (o?.Find(name)?.Value as JsonString)?.Value;

        private static int Number(JsonObject? o, string name)
            => o?.Find(name)?.Value is JsonLiteral { Kind: JsonKind.Number } n && int.TryParse(n.Text, out var v) ? v : 0;
    }
}
