using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Rules;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Reports
{
    /// <summary>
    /// Writes PolicyAnalyzers' own SARIF 2.1.0 log: one run with every finding of a project's build (code,
    /// assemblies, packages, policy), one rule per id with its documentation page, locations relative to the
    /// repository root (uriBaseId SRCROOT, as code-scanning services want them), the decision's link, vendor,
    /// measure and waiver per result, and the policy version as run properties.
    /// </summary>
    public static class SarifLog
    {
        public static string Write(IReadOnlyList<LoggedFinding> findings, string root, string projectPath, IReadOnlyDictionary<string, string> runProperties, CheckCoverage coverage, string toolVersion, string? rulesUrl = null)
        {
            var rules = findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var ruleIndex = rules.Select((g, i) => (g.Key, i)).ToDictionary(x => x.Key, x => x.i);
            var rootUri = new Uri(Path.GetFullPath(root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar).AbsoluteUri;
            var b = new StringBuilder();
            b.Append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
            b.Append("      \"tool\": {\n        \"driver\": {\n          \"name\": \"PolicyAnalyzers\",\n");
            b.Append("          \"semanticVersion\": ").Append(Q(toolVersion)).Append(",\n");
            b.Append("          \"informationUri\": \"https://github.com/policyanalyzers/policyanalyzers\",\n          \"rules\": [");
            for (var i = 0; i < rules.Count; i++)
            {
                var first = rules[i].First();
                var rule = RuleCatalogue.Find(rules[i].Key);
                var title = rule?.Title ?? first.RuleTitle ?? rules[i].Key;
                b.Append(i == 0 ? "\n" : ",\n").Append("            {\n");
                b.Append("              \"id\": ").Append(Q(rules[i].Key)).Append(",\n");
                b.Append("              \"name\": ").Append(Q(Name(rules[i].Key))).Append(",\n");
                b.Append("              \"shortDescription\": { \"text\": ").Append(Q(title)).Append(" },\n");
                b.Append("              \"fullDescription\": { \"text\": ").Append(Q(rule?.Description ?? first.RuleDescription ?? title)).Append(" },\n");
                b.Append("              \"helpUri\": ").Append(Q(DiagnosticIds.DocsLink(rules[i].Key, rulesUrl))).Append(",\n");
                b.Append("              \"help\": { \"text\": ").Append(Q("See " + DiagnosticIds.DocsLink(rules[i].Key, rulesUrl) + "; each result links the decision it rests on.")).Append(" },\n");
                b.Append("              \"properties\": { \"category\": \"VendorPolicy\", \"tags\": [ \"security\", \"supply-chain\" ] }\n");
                b.Append("            }");
            }

            b.Append(rules.Count == 0 ? "]\n" : "\n          ]\n").Append("        }\n      },\n");
            // What ran: SARIF's own place for a tool that did not do all its work, so a viewer never shows a clean run.
            b.Append("      \"invocations\": [ { \"executionSuccessful\": ").Append(coverage.Complete ? "true" : "false");
            var notes = new List<(string Level, string Text)>();
            if (coverage.CodeNotAnalysed != null)
            {
                notes.Add(("error", "Code was not analysed: " + coverage.CodeNotAnalysed + "."));
            }

            if (coverage.PackagesNotChecked != null)
            {
                notes.Add(("error", "Packages were not checked: " + coverage.PackagesNotChecked + "."));
            }

            notes.AddRange(coverage.Overrides.Select(o => ("warning", "Override in effect: " + o + ".")));
            if (notes.Count > 0)
            {
                b.Append(", \"toolExecutionNotifications\": [").Append(string.Join(",", notes.Select(n => " { \"level\": " + Q(n.Level) + ", \"message\": { \"text\": " + Q(n.Text) + " } }"))).Append(" ]");
            }

            b.Append(" } ],\n");
            b.Append("      \"originalUriBaseIds\": { \"SRCROOT\": { \"uri\": ").Append(Q(rootUri)).Append(" } },\n");
            b.Append("      \"results\": [");
            for (var i = 0; i < findings.Count; i++)
            {
                var f = findings[i];
                // Code scanning wants every result located: a finding about the whole compilation points at the project.
                var file = string.IsNullOrEmpty(f.File) ? projectPath : f.File!;
                b.Append(i == 0 ? "\n" : ",\n").Append("        {\n");
                b.Append("          \"ruleId\": ").Append(Q(f.RuleId)).Append(", \"ruleIndex\": ").Append(ruleIndex[f.RuleId].ToString(CultureInfo.InvariantCulture)).Append(",\n");
                b.Append("          \"level\": ").Append(Q(f.Level)).Append(",\n");
                b.Append("          \"message\": { \"text\": ").Append(Q(f.Message)).Append(" },\n");
                b.Append("          \"locations\": [ { \"physicalLocation\": { \"artifactLocation\": ").Append(Artifact(file, root))
                    .Append(", \"region\": { \"startLine\": ").Append(Math.Max(1, f.Line).ToString(CultureInfo.InvariantCulture))
                    .Append(", \"startColumn\": ").Append(Math.Max(1, f.Column).ToString(CultureInfo.InvariantCulture)).Append(" } } } ],\n");
                b.Append("          \"properties\": {");
                // The finding whole: every field the analyzer or the task attached, under its SARIF name.
                var props = new List<string>();
                if (f.Property(FindingProperties.DecisionLink) == null && f.HelpUri != null && !RuleLinks.IsRulePage(f.HelpUri, rulesUrl))
                {
                    props.Add("\"decisionLink\": " + Q(f.HelpUri));
                }

                foreach (var p in f.Properties.Where(p => p.Key.StartsWith(FindingProperties.Prefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    props.Add(Q(FindingProperties.SarifName(p.Key)) + ": " + Q(p.Value));
                }

                if (f.Suppressed)
                {
                    props.Add("\"suppressedInSource\": true");
                }

                b.Append(props.Count == 0 ? "" : " " + string.Join(", ", props) + " ").Append("}\n        }");
            }

            b.Append(findings.Count == 0 ? "],\n" : "\n      ],\n");
            b.Append("      \"properties\": {");
            b.Append(string.Join(",", runProperties.Select(p => "\n        " + Q(p.Key) + ": " + Q(p.Value))));
            b.Append(",\n        \"checks\": { \"code\": ").Append(Q(coverage.CodeNotAnalysed == null ? "analysed" : "not analysed: " + coverage.CodeNotAnalysed))
                .Append(", \"packages\": ").Append(Q(coverage.PackagesNotChecked == null ? "checked" : "not checked: " + coverage.PackagesNotChecked))
                .Append(", \"complete\": ").Append(coverage.Complete ? "true" : "false").Append(" }");
            b.Append(",\n        \"overrides\": [").Append(string.Join(", ", coverage.Overrides.Select(Q))).Append("]");
            b.Append(",\n        \"enforcedBy\": ").Append(Q(coverage.EnforcedBy));
            b.Append(",\n        \"layers\": [").Append(string.Join(",", coverage.Layers.Select(l =>
                "\n          { \"id\": " + Q(l.Id) + ", \"version\": " + Q(l.Version) + ", \"layer\": " + Q(Policy.Model.PolicyLayers.Name(l.Layer))
                + ", \"sha256\": " + Q(l.Sha256) + ", \"file\": " + Q(l.FilePath) + " }"))).Append(coverage.Layers.Count == 0 ? "]" : "\n        ]");
            b.Append("\n      }\n    }\n  ]\n}\n");
            return b.ToString();
        }

        /// <summary>One project's log as <see cref="Write"/> wrote it.</summary>
        public sealed class ProjectLog
        {
            public string ProjectPath { get; set; } = "";
            public string Policy { get; set; } = "";
            public string Date { get; set; } = "";
            public string Audience { get; set; } = "";
            public string EnforcedBy { get; set; } = "";

            /// <summary>True only when the log says every check ran (run property checks.complete and the invocation).</summary>
            public bool Complete { get; set; }

            /// <summary>What did not run and the overrides in effect, as the log's notifications say them.</summary>
            public List<string> Notes { get; } = new();

            public List<string> Overrides { get; } = new();

            /// <summary>The layers used: id, version, layer, SHA-256.</summary>
            public List<(string Id, string Version, string Layer, string Sha256)> Layers { get; } = new();

            public List<LoggedFinding> Findings { get; } = new();
        }

        /// <summary>Reads a log this class wrote (for reports over many projects); null when it is not one.</summary>
        public static ProjectLog? Read(string path)
        {
            JsonNode root;
            try
            {
                root = JsonParser.Parse(File.ReadAllText(path));
            }
            catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }

            if ((root as JsonObject)?.Find("runs")?.Value is not JsonArray { Items.Count: > 0 } runs || runs.Items[0] is not JsonObject run
                || Text(Obj(Obj(run, "tool"), "driver"), "name") != "PolicyAnalyzers")
            {
                return null;
            }

            var runProperties = Obj(run, "properties");
            var log = new ProjectLog
            {
                ProjectPath = Text(runProperties, "project") ?? path,
                Policy = Text(runProperties, "policy") ?? "",
                Date = Text(runProperties, "policyDate") ?? "",
                Audience = Text(runProperties, "audience") ?? "",
                EnforcedBy = Text(runProperties, "enforcedBy") ?? "",
            };
            var invocation = (run.Find("invocations")?.Value as JsonArray)?.Items.FirstOrDefault() as JsonObject;
            log.Complete = Obj(runProperties, "checks")?.Find("complete")?.Value is JsonLiteral { Kind: JsonKind.True }
                && invocation?.Find("executionSuccessful")?.Value is JsonLiteral { Kind: JsonKind.True };
            foreach (var note in (invocation?.Find("toolExecutionNotifications")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
            {
                if (Text(Obj(note as JsonObject, "message"), "text") is { } text)
                {
                    log.Notes.Add(text);
                }
            }

            foreach (var item in (runProperties?.Find("overrides")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
            {
                if (item is JsonString s)
                {
                    log.Overrides.Add(s.Value);
                }
            }

            foreach (var item in (runProperties?.Find("layers")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
            {
                if (item is JsonObject l)
                {
                    log.Layers.Add((Text(l, "id") ?? "", Text(l, "version") ?? "", Text(l, "layer") ?? "", Text(l, "sha256") ?? ""));
                }
            }

            var baseUri = Text(Obj(Obj(run, "originalUriBaseIds"), "SRCROOT"), "uri");
            foreach (var item in (run.Find("results")?.Value as JsonArray)?.Items ?? new List<JsonNode>())
            {
                if (item is not JsonObject result || Text(result, "ruleId") is not { } ruleId)
                {
                    continue;
                }

                var finding = new LoggedFinding { RuleId = ruleId, Level = Text(result, "level") ?? "warning", Message = Text(Obj(result, "message"), "text") ?? "" };
                var physical = Obj((result.Find("locations")?.Value as JsonArray)?.Items.FirstOrDefault() as JsonObject, "physicalLocation");
                var artifact = Obj(physical, "artifactLocation");
                if (Text(artifact, "uri") is { } uri)
                {
                    var absolute = Text(artifact, "uriBaseId") == "SRCROOT" && baseUri != null ? new Uri(new Uri(baseUri), uri) : Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u : null;
                    finding.File = absolute?.IsFile == true ? absolute.LocalPath : uri;
                }

                var region = Obj(physical, "region");
                finding.Line = Number(region, "startLine");
                finding.Column = Number(region, "startColumn");
                var properties = Obj(result, "properties");
                finding.HelpUri = Text(properties, "decisionLink");
                foreach (var p in properties?.Properties ?? new List<JsonProperty>())
                {
                    if (p.Value is JsonString value && p.Name.Length > 0 && p.Name != "suppressedInSource")
                    {
                        finding.Properties[FindingProperties.FromSarifName(p.Name)] = value.Value;
                    }
                }

                log.Findings.Add(finding);
            }

            return log;
        }

        private static JsonObject? Obj(JsonObject? o, string name) => o?.Find(name)?.Value as JsonObject;

        private static string? Text(JsonObject? o, string name) => (o?.Find(name)?.Value as JsonString)?.Value;

        private static int Number(JsonObject? o, string name)
            => o?.Find(name)?.Value is JsonLiteral { Kind: JsonKind.Number } n && int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

        private static string Artifact(string file, string root)
        {
            var full = Path.GetFullPath(file);
            var prefix = Path.GetFullPath(root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                return "{ \"uri\": " + Q(new Uri(full).AbsoluteUri) + " }";
            }

            var relative = full.Substring(prefix.Length).Split('/', '\\').Select(Uri.EscapeDataString);
            return "{ \"uri\": " + Q(string.Join("/", relative)) + ", \"uriBaseId\": \"SRCROOT\" }";
        }

        // The rule's friendly name, from the catalogue: "PA1001" -> "ApiUse".
        private static string Name(string id) => RuleCatalogue.Find(id)?.Name ?? id;

        private static string Q(string s) => JsonText.Quote(s);
    }
}
