using System.Text.Json;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

/// <summary>The JSON schema editors validate against and the reader the build uses must accept the same fields.</summary>
public class SchemaAgreementTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy", "schema", "policy.schema.json"))).RootElement;

    public static IEnumerable<object[]> IdentifierFields()
        => Schema.GetProperty("$defs").GetProperty("identifiers").GetProperty("properties").EnumerateObject().Select(p => new object[] { p.Name });

    public static IEnumerable<object[]> MeasureFields()
        => Schema.GetProperty("properties").GetProperty("measures").GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => new object[] { p.Name });

    [Theory]
    [MemberData(nameof(IdentifierFields))]
    public void Every_identifier_kind_in_the_schema_is_read(string field)
    {
        var text = PolicyText.Minimal.Replace("\"identify\": {", $"\"identify\": {{ \"{field}\": [], ");
        Assert.DoesNotContain(PolicyReader.Read("p.json", text).Problems, p => p.Message.Contains("Unknown field"));
    }

    [Theory]
    [MemberData(nameof(MeasureFields))]
    public void Every_measure_field_in_the_schema_is_read(string field)
    {
        Assert.DoesNotContain(PolicyReader.Read("p.json", PolicyText.Minimal).Problems, p => p.Message.Contains($"Unknown field '{field}'"));
        var message = PolicyReader.Read("p.json", PolicyText.Minimal.Replace("\"productScope\":", "\"notAField\": 1, \"productScope\":")).Problems.Single().Message;
        Assert.Contains(field, message); // the reader's list of allowed fields names every schema field
    }

    public static IEnumerable<object[]> HeaderAndWaiverFields()
        => Schema.GetProperty("properties").GetProperty("policy").GetProperty("properties").EnumerateObject().Select(p => new object[] { "policy", p.Name })
            .Concat(Schema.GetProperty("properties").GetProperty("waivers").GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => new object[] { "waiver", p.Name }));

    [Theory]
    [MemberData(nameof(HeaderAndWaiverFields))]
    public void Every_header_and_waiver_field_in_the_schema_is_read(string where, string field)
    {
        var text = where == "policy"
            ? PolicyText.Minimal.Replace("\"lastUpdated\": \"2026-01-01\"", "\"lastUpdated\": \"2026-01-01\", \"notAField\": 1")
            : PolicyText.Minimal.Replace("\"measures\":", "\"waivers\": [ { \"id\": \"w\", \"vendor\": \"acme\", \"reason\": \"r\", \"approvedBy\": \"a\", \"reference\": \"t\", \"expires\": \"2030-01-01\", \"notAField\": 1 } ], \"measures\":");
        Assert.Contains(field, PolicyReader.Read("p.json", text).Problems.Single().Message);
    }
}
