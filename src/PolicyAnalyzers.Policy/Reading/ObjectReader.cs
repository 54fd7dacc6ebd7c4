using System.Collections.Generic;
using PolicyAnalyzers.Policy.Json;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>Reads the fields of one JSON object against a fixed list of allowed names, reporting unknown
    /// fields, missing required ones and wrong types with their positions.</summary>
    internal sealed class ObjectReader
    {
        private readonly JsonObject _object;
        private readonly string _filePath;
        private readonly string _what;
        private readonly List<PolicyProblem> _problems;

        public ObjectReader(JsonNode node, string filePath, string what, string[] allowed, List<PolicyProblem> problems)
        {
            _filePath = filePath;
            _what = what;
            _problems = problems;
            if (node is JsonObject obj)
            {
                _object = obj;
                foreach (var property in obj.Properties)
                {
                    if (System.Array.IndexOf(allowed, property.Name) < 0)
                    {
                        Report(property.NamePosition, $"Unknown field '{property.Name}' in {what}. Allowed fields: {string.Join(", ", allowed)}. Remove it or check its spelling.");
                    }
                }
            }
            else
            {
                _object = new JsonObject(node.Position, new JsonProperty[0]);
                Report(node.Position, $"Expected {what} to be an object but found {JsonNode.KindName(node.Kind)}.");
                IsValid = false;
            }
        }

        public bool IsValid { get; } = true;

        public SourceLocation Location => At(_object.Position);

        public SourceLocation At(TextPosition position) => new SourceLocation(_filePath, position.Line, position.Column);

        public void Report(TextPosition position, string message)
            => _problems.Add(new PolicyProblem(PolicyProblemKind.Invalid, _filePath, position.Line, position.Column, message));

        public JsonProperty? Property(string name) => _object.Find(name);

        public string RequiredString(string name)
        {
            var property = _object.Find(name);
            if (property == null)
            {
                if (IsValid)
                {
                    Report(_object.Position, $"Missing required field '{name}' in {_what}.");
                }

                return "";
            }

            return StringValue(property);
        }

        public string? OptionalString(string name)
        {
            var property = _object.Find(name);
            if (property == null || property.Value.Kind == JsonKind.Null)
            {
                return null;
            }

            return StringValue(property);
        }

        public bool OptionalBool(string name, bool whenAbsent = false)
        {
            var property = _object.Find(name);
            if (property == null || property.Value.Kind == JsonKind.Null)
            {
                return whenAbsent;
            }

            if (property.Value.Kind != JsonKind.True && property.Value.Kind != JsonKind.False)
            {
                Report(property.Value.Position, $"Field '{name}' in {_what} must be true or false but is {JsonNode.KindName(property.Value.Kind)}.");
                return whenAbsent;
            }

            return property.Value.Kind == JsonKind.True;
        }

        public string RequiredDate(string name)
        {
            var property = _object.Find(name);
            var value = RequiredString(name);
            if (property != null && value.Length > 0)
            {
                CheckDate(property, value);
            }

            return value;
        }

        public string? OptionalDate(string name)
        {
            var property = _object.Find(name);
            var value = OptionalString(name);
            if (property != null && value != null)
            {
                CheckDate(property, value);
            }

            return value;
        }

        public string RequiredLink(string name)
        {
            var property = _object.Find(name);
            var value = RequiredString(name);
            if (property != null && value.Length > 0
                && !HttpLink.IsAbsolute(value))
            {
                Report(property.Value.Position, $"Field '{name}' must be an absolute http(s) link, but is '{value}'.");
            }

            return value;
        }

        public IReadOnlyList<IdentifierEntry> StringArray(string name, bool required = false)
        {
            var property = _object.Find(name);
            if (property == null)
            {
                if (required && IsValid)
                {
                    Report(_object.Position, $"Missing required field '{name}' in {_what}.");
                }

                return new IdentifierEntry[0];
            }

            if (property.Value is not JsonArray array)
            {
                Report(property.Value.Position, $"Field '{name}' must be an array of strings but is {JsonNode.KindName(property.Value.Kind)}.");
                return new IdentifierEntry[0];
            }

            if (array.Items is JsonStringItems strings)
            {
                return new IdentifierEntryList(strings, _filePath);
            }

            var result = new List<IdentifierEntry>(array.Items.Count);
            foreach (var item in array.Items)
            {
                if (item is JsonString s)
                {
                    result.Add(new IdentifierEntry(s.Value, _filePath, s.Position.Line, s.Position.Column));
                }
                else
                {
                    Report(item.Position, $"Each item of '{name}' must be a string, but this is {JsonNode.KindName(item.Kind)}.");
                }
            }

            return result;
        }

        public IReadOnlyList<JsonNode> ObjectArray(string name, bool required = false)
        {
            var property = _object.Find(name);
            if (property == null)
            {
                if (required && IsValid)
                {
                    Report(_object.Position, $"Missing required field '{name}' in {_what}.");
                }

                return new JsonNode[0];
            }

            if (property.Value is not JsonArray array)
            {
                Report(property.Value.Position, $"Field '{name}' must be an array but is {JsonNode.KindName(property.Value.Kind)}.");
                return new JsonNode[0];
            }

            return array.Items;
        }

        private string StringValue(JsonProperty property)
        {
            if (property.Value is JsonString s)
            {
                if (s.Value.Trim().Length == 0)
                {
                    Report(s.Position, $"Field '{property.Name}' in {_what} must not be empty.");
                }

                return s.Value;
            }

            Report(property.Value.Position, $"Field '{property.Name}' in {_what} must be a string but is {JsonNode.KindName(property.Value.Kind)}.");
            return "";
        }

        private void CheckDate(JsonProperty property, string value)
        {
            if (Findings.PolicyDate.ParseExact(value) == null)
            {
                Report(property.Value.Position, $"Field '{property.Name}' must be a date written as YYYY-MM-DD, but is '{value}'.");
            }
        }
    }
}
