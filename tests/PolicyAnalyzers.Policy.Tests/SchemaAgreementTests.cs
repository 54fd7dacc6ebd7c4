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
}
