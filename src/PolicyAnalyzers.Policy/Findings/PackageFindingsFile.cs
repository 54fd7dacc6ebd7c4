using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>One package finding as the build task hands it to the analyzer: place, severity, sentence and the
    /// finding's fields (<see cref="Finding.Properties"/>, plus the package and the frameworks that bring it).</summary>
    public sealed class PackageFindingEntry
    {
        public string Id { get; set; } = DiagnosticIds.Package;
        public FindingSeverity Severity { get; set; }
        public string File { get; set; } = "";

        /// <summary>1-based; 0 when the finding concerns the project file as a whole.</summary>
        public int Line { get; set; }

        public int Column { get; set; }
        public string HelpLink { get; set; } = "";
        public string Message { get; set; } = "";

        /// <summary>The finding's fields by name (<see cref="FindingProperties"/>).</summary>
        public List<KeyValuePair<string, string>> Properties { get; set; } = new();

        /// <summary>The assemblies code compiles against from the package (names without .dll): an editor shows the
        /// finding where code uses them.</summary>
        public IReadOnlyList<string> Assemblies { get; set; } = new string[0];

        public string? Property(string name)
        {
            foreach (var p in Properties)
            {
                if (p.Key == name)
                {
                    return p.Value;
                }
            }

            return null;
        }

        public string? Waiver => Property(FindingProperties.Waiver);
        public string Vendor => Property(FindingProperties.Vendor) ?? "";
        public string Measure => Property(FindingProperties.Measure) ?? "";

        /// <summary>The package, "Id Version".</summary>
        public string Package => Property(FindingProperties.Package) ?? "";
    }

    /// <summary>
    /// The package findings file (obj/…/policyanalyzers.packages.json): written by the build task before
    /// compilation, read by the analyzer so package findings reach editors and the compiler's log, reported once.
    /// </summary>
    public static class PackageFindingsFile
    {
        public static string Write(IEnumerable<PackageFindingEntry> entries)
        {
            var b = new StringBuilder("{\n  \"version\": 2,\n  \"findings\": [");
            var first = true;
            foreach (var e in entries)
            {
                b.Append(first ? "\n    " : ",\n    ").Append("{ \"id\": ").Append(JsonText.Quote(e.Id))
                    .Append(", \"severity\": ").Append(JsonText.Quote(SeverityLevels.Name(e.Severity)))
                    .Append(", \"file\": ").Append(JsonText.Quote(e.File))
                    .Append(", \"line\": ").Append(e.Line.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"column\": ").Append(e.Column.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"helpLink\": ").Append(JsonText.Quote(e.HelpLink))
                    .Append(", \"assemblies\": [").Append(string.Join(", ", e.Assemblies.Select(JsonText.Quote))).Append(']')
                    .Append(", \"properties\": {").Append(string.Join(",", e.Properties.Select(p => " " + JsonText.Quote(p.Key) + ": " + JsonText.Quote(p.Value)))).Append(" }");
                b.Append(", \"message\": ").Append(JsonText.Quote(e.Message)).Append(" }");
                first = false;
            }

            return b.Append(first ? "]\n}\n" : "\n  ]\n}\n").ToString();
        }

        /// <summary>The entries, or null when the text is not a findings file (then nothing is reported from it).</summary>
        public static List<PackageFindingEntry>? Read(string text)
        {
            JsonNode root;
            try
            {
                root = JsonParser.Parse(text);
            }
            catch (JsonSyntaxException)
            {
                return null;
            }

            if (root is not JsonObject o || o.Find("findings")?.Value is not JsonArray findings)
            {
                return null;
            }

            var result = new List<PackageFindingEntry>();
            foreach (var item in findings.Items)
            {
                if (item is not JsonObject f || Text(f, "message") is not { } message || Text(f, "file") is not { } file)
                {
                    continue;
                }

                result.Add(new PackageFindingEntry
                {
                    Id = Text(f, "id") ?? DiagnosticIds.Package,
                    Severity = SeverityLevels.Parse(Text(f, "severity")),
                    File = file,
                    Line = Number(f, "line"),
                    Column = Number(f, "column"),
                    HelpLink = Text(f, "helpLink") ?? "",
                    Message = message,
                    Properties = (f.Find("properties")?.Value as JsonObject)?.Properties.Where(p => p.Value is JsonString).Select(p => new KeyValuePair<string, string>(p.Name, ((JsonString)p.Value).Value)).ToList() ?? new List<KeyValuePair<string, string>>(),
                    Assemblies = f.Find("assemblies")?.Value is JsonArray list ? list.Items.OfType<JsonString>().Select(a => a.Value).ToList() : new List<string>(),
                });
            }

            return result;
        }

        private static string? Text(JsonObject o, string name) => (o.Find(name)?.Value as JsonString)?.Value;

        private static int Number(JsonObject o, string name)
            => o.Find(name)?.Value is JsonLiteral { Kind: JsonKind.Number } n && Reading.DecimalDigits.Parse(n.Text) is { } v ? v : 0;
    }
}
