using System.Collections.Generic;

namespace PolicyAnalyzers.Policy.Json
{
    /// <summary>Kinds of JSON values.</summary>
    public enum JsonKind { Object, Array, String, Number, True, False, Null }

    /// <summary>A JSON value that remembers where it was written (1-based line and column), so every
    /// problem found later can point at the exact spot in the file.</summary>
    public abstract class JsonNode
    {
        protected JsonNode(JsonKind kind, TextPosition position)
        {
            Kind = kind;
            Position = position;
        }

        public JsonKind Kind { get; }
        public TextPosition Position { get; }

        public static string KindName(JsonKind kind) => kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "a number",
            JsonKind.True or JsonKind.False => "a boolean",
            _ => "null",
        };
    }

    public sealed class JsonObject : JsonNode
    {
        public JsonObject(TextPosition position, IReadOnlyList<JsonProperty> properties) : base(JsonKind.Object, position)
            => Properties = properties;

        public IReadOnlyList<JsonProperty> Properties { get; }

        public JsonProperty? Find(string name)
        {
            foreach (var p in Properties)
            {
                if (p.Name == name)
                {
                    return p;
                }
            }

            return null;
        }
    }

    public sealed class JsonProperty
    {
        public JsonProperty(string name, TextPosition namePosition, JsonNode value)
        {
            Name = name;
            NamePosition = namePosition;
            Value = value;
        }

        public string Name { get; }
        public TextPosition NamePosition { get; }
        public JsonNode Value { get; }
    }

    public sealed class JsonArray : JsonNode
    {
        public JsonArray(TextPosition position, IReadOnlyList<JsonNode> items) : base(JsonKind.Array, position) => Items = items;

        public IReadOnlyList<JsonNode> Items { get; }
    }

    public sealed class JsonString : JsonNode
    {
        public JsonString(TextPosition position, string value) : base(JsonKind.String, position) => Value = value;

        public string Value { get; }
    }

    /// <summary>Numbers, booleans and null keep their raw text; the policy format never computes with them.</summary>
    public sealed class JsonLiteral : JsonNode
    {
        public JsonLiteral(JsonKind kind, TextPosition position, string text) : base(kind, position) => Text = text;

        public string Text { get; }
    }
}
