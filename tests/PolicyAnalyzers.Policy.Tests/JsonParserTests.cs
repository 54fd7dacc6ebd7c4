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
    // In an array of strings, which is read in place (JsonStringItems), as anywhere.
    [InlineData("{\"a\": [\"x\", \"open]}", 1, 13, "end of file inside a string")]
    [InlineData("{\"a\": [\"x\", \"tab\there\"]}", 1, 17, "Control character U+0009")]
    [InlineData("{\"a\": [\"x\" \"y\"]}", 1, 12, "Expected ',' or ']'")]
    public void Reports_syntax_errors_with_position(string text, int line, int column, string message)
    {
        var e = Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
    }

    // Arrays of strings without escapes keep their items as places in the text (JsonStringItems); any other array, or
    // one that turns out to hold an escape or another kind of value, is read as nodes. Both must read alike.
    [Theory]
    [InlineData("[\"a\", \"bc\",\n   \"\", \"d e\"]", true)]
    [InlineData("[\"a\", \"b\\u0041\", \"c\"]", false)]
    [InlineData("[\"a\", \"b\", 3, \"c\"]", false)]
    [InlineData("[\"a\", [\"b\", \"c\"], \"d\"]", false)]
    [InlineData("[\"a\", \"b\", { \"x\": [\"y\"] }]", false)]
    [InlineData("[]", false)]
    public void Arrays_of_strings_read_in_place_read_as_nodes_do(string array, bool inPlace)
    {
        var text = "{\n  \"list\": " + array + "\n}";
        var items = ((JsonArray)((JsonObject)JsonParser.Parse(text)).Find("list")!.Value).Items;
        Assert.Equal(inPlace, items is JsonStringItems);

        // Each item where it is written, and its value, as a reading of the text by hand finds them.
        var expected = Values(array);
        Assert.Equal(expected.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var offset = text.IndexOf(array, StringComparison.Ordinal) + expected[i].At;
            var line = text[..offset].Count(c => c == '\n') + 1;
            var column = offset - (text.LastIndexOf('\n', offset - 1) + 1) + 1;
            Assert.Equal((line, column, offset), (items[i].Position.Line, items[i].Position.Column, items[i].Position.Offset));
            if (expected[i].Value is { } value)
            {
                Assert.Equal(value, ((JsonString)items[i]).Value);
            }
        }

        if (items is JsonStringItems places)
        {
            Assert.Equal(expected.Select(e => e.Value), Enumerable.Range(0, places.Count).Select(places.ValueOf));
            Assert.Same(items[1], items[1]);
            Assert.Equal(expected.Count, items.Count());
            Assert.Throws<ArgumentOutOfRangeException>(() => items[items.Count]);
        }

        // The top-level items of a JSON array: where each starts, and a string's value.
        static List<(int At, string? Value)> Values(string array)
        {
            var found = new List<(int, string?)>();
            for (int i = 1, depth = 0; i < array.Length; i++)
            {
                var c = array[i];
                if (c == '"')
                {
                    var end = i + 1;
                    while (array[end] != '"')
                    {
                        end++;
                    }

                    if (depth == 0)
                    {
                        found.Add((i, array[(i + 1)..end].Replace("\\u0041", "A")));
                    }

                    i = end;
                }
                else if (c is '[' or '{')
                {
                    found.AddRange(depth++ == 0 ? new[] { (i, (string?)null) } : Array.Empty<(int, string?)>());
                }
                else if (c is ']' or '}')
                {
                    depth--;
                }
                else if (char.IsDigit(c) && depth == 0)
                {
                    found.Add((i, null));
                }
            }

            return found;
        }
    }

    [Theory]
    [InlineData(64, null)]
    [InlineData(65, "nested more than 64")]
    public void Strings_in_the_innermost_array_count_towards_the_depth(int arrays, string? error)
    {
        var text = new string('[', arrays) + "\"x\", \"y\"" + new string(']', arrays);
        if (error == null)
        {
            var node = JsonParser.Parse(text);
            for (var i = 1; i < arrays; i++)
            {
                node = ((JsonArray)node).Items[0];
            }

            Assert.Equal("y", ((JsonString)((JsonArray)node).Items[1]).Value);
        }
        else
        {
            Assert.Contains(error, Assert.Throws<JsonSyntaxException>(() => JsonParser.Parse(text)).Message);
        }
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
