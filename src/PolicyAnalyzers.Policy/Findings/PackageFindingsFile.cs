using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Policy.Findings
{
    /// <summary>One package finding as the build task hands it to the analyzer.</summary>
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
        public string? Waiver { get; set; }
        public string Vendor { get; set; } = "";
        public string Measure { get; set; } = "";

        /// <summary>The package, "Id Version", and the assemblies code compiles against from it (names without .dll):
        /// an editor shows the finding where code uses them.</summary>
        public string Package { get; set; } = "";

        public IReadOnlyList<string> Assemblies { get; set; } = new string[0];
    }

    /// <summary>
    /// The package findings file (obj/…/policyanalyzers.packages.json): written by the build task before
    /// compilation, read by the analyzer so package findings reach editors and the compiler's log, reported once.
    /// </summary>
    public static class PackageFindingsFile
    {
        public static string Write(IEnumerable<PackageFindingEntry> entries)
        {
            var b = new StringBuilder("{\n  \"version\": 1,\n  \"findings\": [");
            var first = true;
            foreach (var e in entries)
            {
                b.Append(first ? "\n    " : ",\n    ").Append("{ \"id\": ").Append(JsonText.Quote(e.Id))
                    .Append(", \"severity\": ").Append(JsonText.Quote(e.Severity.ToString().ToLowerInvariant()))
                    .Append(", \"file\": ").Append(JsonText.Quote(e.File))
                    .Append(", \"line\": ").Append(e.Line.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"column\": ").Append(e.Column.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"helpLink\": ").Append(JsonText.Quote(e.HelpLink))
                    .Append(", \"vendor\": ").Append(JsonText.Quote(e.Vendor))
                    .Append(", \"measure\": ").Append(JsonText.Quote(e.Measure))
                    .Append(", \"package\": ").Append(JsonText.Quote(e.Package))
                    .Append(", \"assemblies\": [").Append(string.Join(", ", e.Assemblies.Select(JsonText.Quote))).Append(']');
                if (e.Waiver != null)
                {
                    b.Append(", \"waiver\": ").Append(JsonText.Quote(e.Waiver));
                }

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
                    Severity = Text(f, "severity") switch { "error" => FindingSeverity.Error, "info" => FindingSeverity.Info, _ => FindingSeverity.Warning },
                    File = file,
                    Line = Number(f, "line"),
                    Column = Number(f, "column"),
                    HelpLink = Text(f, "helpLink") ?? "",
                    Message = message,
                    Waiver = Text(f, "waiver"),
                    Vendor = Text(f, "vendor") ?? "",
                    Measure = Text(f, "measure") ?? "",
                    Package = Text(f, "package") ?? "",
                    Assemblies = f.Find("assemblies")?.Value is JsonArray list ? list.Items.OfType<JsonString>().Select(a => a.Value).ToList() : new List<string>(),
                });
            }

            return result;
        }

        private static string? Text(JsonObject o, string name) => (o.Find(name)?.Value as JsonString)?.Value;

        private static int Number(JsonObject o, string name)
            => o.Find(name)?.Value is JsonLiteral { Kind: JsonKind.Number } n && int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
