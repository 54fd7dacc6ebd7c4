using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Policy.Tests;

public class JsonParserTests
{
    [Fact]
    public void Records_line_and_column_of_values_and_names()
    {
        var root = (JsonObject)JsonParser.Parse("{\n  \"a\": [1, true],\n  \"b\": \"x\"\n}");
        var b = root.Find("b")!;
        Assert.Equal((3, 3), (b.NamePosition.Line, b.NamePosition.Column));
        Assert.Equal((3, 8), (b.Value.Position.Line, b.Value.Position.Column));
        var array = (JsonArray)root.Find("a")!.Value;
        Assert.Equal(JsonKind.True, array.Items[1].Kind);
        Assert.Equal(12, array.Items[1].Position.Column);
    }

    [Fact]
    public void Accepts_byte_order_mark_comments_and_trailing_commas()
    {
        var root = (JsonObject)JsonParser.Parse("\uFEFF// policy\n{ /* c */ \"a\": \"\\u0041\\n\", }");
        Assert.Equal("A\n", ((JsonString)root.Find("a")!.Value).Value);
        Assert.Equal(2, root.Position.Line);
    }

    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}", 1, 10, "Duplicate property 'a'")]
    [InlineData("{\n  \"a\": tru }", 2, 8, "did you mean 'true'")]
    [InlineData("{\"a\": [1, 2}", 1, 12, "Expected ',' or ']'")]
    [InlineData("{\"a\": \"open\n\"}", 1, 12, "not closed before the end of the line")]
    [InlineData("", 1, 1, "empty")]
    [InlineData("{} {}", 1, 4, "after the end")]
    [InlineData("{\"a\": 01x}", 1, 9, "Expected ',' or '}'")]
    public void Reports_syntax_errors_with_position(string text, int line, int column, string message)
    {
        var e = Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
    }

    [Fact]
    public void Bounds_nesting_depth_instead_of_overflowing_the_stack()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(text));
        Assert.Contains("nested more than 64", e.Message);
    }

    // Small objects are checked name by name, large ones (16 properties and more) against a set per depth: both must
    // see every earlier name of their own object and none of a sibling's or a nested one's.
    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void Finds_a_duplicate_property_among_any_number_and_keeps_objects_apart(int properties)
    {
        string Object(int count, string inner = "") => "{" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"p{i}\": " + (i == 1 && inner.Length > 0 ? inner : "1"))) + "}";

        // Siblings and nested objects with the same names are not duplicates.
        var nested = Object(properties, Object(properties, Object(properties)));
        var root = (JsonObject)JsonParser.Parse("{\"list\": [" + nested + ", " + nested + "]}");
        var list = (JsonArray)root.Find("list")!.Value;
        Assert.Equal(2, list.Items.Count);
        Assert.Equal(properties, ((JsonObject)list.Items[1]).Properties.Count);

        // The last name repeats the first, in the outer and in the innermost object.
        var outer = Object(properties)[..^1] + ", \"p0\": 2}";
        var e = Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(outer));
        Assert.Contains("Duplicate property 'p0'", e.Message);
        Assert.Equal(outer.LastIndexOf("\"p0\"", StringComparison.Ordinal) + 1, e.Position.Column);
        var inner = Object(properties, Object(properties)[..^1] + ", \"p0\": 2}");
        Assert.Contains("Duplicate property 'p0'", Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(inner)).Message);
    }
}
