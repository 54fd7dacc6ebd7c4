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
}
