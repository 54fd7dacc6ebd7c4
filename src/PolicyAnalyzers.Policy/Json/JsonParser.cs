using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PolicyAnalyzers.Policy.Json
{
    /// <summary>
    /// A small strict JSON parser (RFC 8259, plus // and /* */ comments and trailing commas, as in .NET config
    /// files) that records the line and column of every value and property name. Hand-written because
    /// System.Text.Json keeps no positions in its document model and is not safe to load in every analyzer host.
    /// Runs in linear time, rejects duplicate property names and bounds the nesting depth.
    /// </summary>
    public sealed class JsonParser
    {
        public const int MaxDepth = 64;

        private readonly string _text;

        // The items and properties of the arrays and objects being read, innermost last: each is copied out to an
        // array of its exact size when it closes, so a large policy's lists are not grown (and copied) item by item.
        private readonly List<JsonNode> _items = new();
        private readonly List<JsonProperty> _properties = new();

        // The places of the plain strings of the arrays being read (JsonStringItems), innermost last, four numbers each.
        private readonly List<int> _stringPlaces = new();

        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private JsonParser(string text) => _text = text;

        /// <summary>Parses one JSON document; throws <see cref="JsonSyntaxException"/> with a position on error.</summary>
        public static JsonNode Parse(string text)
        {
            var parser = new JsonParser(text);
            if (parser._text.Length > 0 && parser._text[0] == '\uFEFF')
            {
                parser._pos = 1;
                parser._lineStart = 1;
            }

            parser.SkipTrivia();
            if (parser.AtEnd)
            {
                throw new JsonSyntaxException("The file is empty; expected a JSON object.", parser.Here);
            }

            var root = parser.ParseValue(0);
            parser.SkipTrivia();
            if (!parser.AtEnd)
            {
                throw new JsonSyntaxException($"Unexpected '{parser.Current}' after the end of the JSON document.", parser.Here);
            }

            return root;
        }

        private bool AtEnd => _pos >= _text.Length;

        private char Current => _text[_pos];

        private TextPosition Here => new TextPosition(_line, _pos - _lineStart + 1, _pos);

        private JsonNode ParseValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new JsonSyntaxException($"The JSON is nested more than {MaxDepth} levels deep.", Here);
            }

            if (AtEnd)
            {
                throw new JsonSyntaxException("Unexpected end of file; a value was expected.", Here);
            }

            var start = Here;
            switch (Current)
            {
                case '{': return ParseObject(start, depth);
                case '[': return ParseArray(start, depth);
                case '"': return new JsonString(start, ParseString());
                case 't': return ParseKeyword("true", JsonKind.True, start);
                case 'f': return ParseKeyword("false", JsonKind.False, start);
                case 'n': return ParseKeyword("null", JsonKind.Null, start);
                default:
                    if (Current == '-' || (Current >= '0' && Current <= '9'))
                    {
                        return ParseNumber(start);
                    }

                    throw new JsonSyntaxException($"Unexpected character '{Printable(Current)}'; a value was expected.", start);
            }
        }

        private JsonObject ParseObject(TextPosition start, int depth)
        {
            _pos++;
            var first = _properties.Count;
            while (true)
            {
                SkipTrivia();
                if (AtEnd)
                {
                    throw new JsonSyntaxException($"Unexpected end of file; the object opened at line {start.Line}, column {start.Column} is not closed.", Here);
                }

                if (Current == '}')
                {
                    _pos++;
                    return new JsonObject(start, Take(_properties, first));
                }

                if (Current != '"')
                {
                    throw new JsonSyntaxException($"Expected a property name in double quotes but found '{Printable(Current)}'.", Here);
                }

                var namePosition = Here;
                var name = ParseString();
                if (IsDuplicate(name, first, depth))
                {
                    throw new JsonSyntaxException($"Duplicate property '{name}' in one object.", namePosition);
                }

                SkipTrivia();
                Expect(':');
                SkipTrivia();
                var value = ParseValue(depth + 1);
                _properties.Add(new JsonProperty(name, namePosition, value));
                SkipTrivia();
                if (!AtEnd && Current == ',')
                {
                    _pos++;
                    continue;
                }

                if (!AtEnd && Current == '}')
                {
                    continue;
                }

                throw new JsonSyntaxException(AtEnd
                    ? $"Unexpected end of file; the object opened at line {start.Line}, column {start.Column} is not closed."
                    : $"Expected ',' or '}}' but found '{Printable(Current)}'.", Here);
            }
        }

        // An object of a policy has a dozen properties at most: compared one by one. One of thousands (a hostile file)
        // is checked against a set of its names made once it is that large, one set per depth, so the parse stays linear.
        private readonly HashSet<string>?[] _largeObjectNames = new HashSet<string>?[MaxDepth + 2];

        private bool IsDuplicate(string name, int first, int depth)
        {
            var count = _properties.Count - first;
            if (count < 16)
            {
                for (var i = first; i < _properties.Count; i++)
                {
                    if (_properties[i].Name == name)
                    {
                        return true;
                    }
                }

                return false;
            }

            var names = _largeObjectNames[depth];
            if (count == 16 || names == null)
            {
                names = _largeObjectNames[depth] = new HashSet<string>(System.StringComparer.Ordinal);
                for (var i = first; i < _properties.Count; i++)
                {
                    names.Add(_properties[i].Name);
                }
            }

            return !names.Add(name);
        }

        private static T[] Take<T>(List<T> pending, int first)
        {
            var taken = new T[pending.Count - first];
            pending.CopyTo(first, taken, 0, taken.Length);
            pending.RemoveRange(first, taken.Length);
            return taken;
        }

        private JsonArray ParseArray(TextPosition start, int depth)
        {
            _pos++;
            var first = _items.Count;
            var firstPlace = _stringPlaces.Count;
            var plain = depth + 1 <= MaxDepth; // every item so far a string without escapes, kept as its place
            while (true)
            {
                SkipTrivia();
                if (AtEnd)
                {
                    throw new JsonSyntaxException($"Unexpected end of file; the array opened at line {start.Line}, column {start.Column} is not closed.", Here);
                }

                if (Current == ']')
                {
                    _pos++;
                    return plain && _stringPlaces.Count > firstPlace
                        ? new JsonArray(start, new JsonStringItems(_text, Take(_stringPlaces, firstPlace)))
                        : new JsonArray(start, Take(_items, first));
                }

                if (plain && !(Current == '"' && TryPlainString()))
                {
                    // Another kind of item: those before it become nodes, and it and the rest are read as nodes.
                    plain = false;
                    var places = new JsonStringItems(_text, Take(_stringPlaces, firstPlace));
                    for (var i = 0; i < places.Count; i++)
                    {
                        _items.Add(places[i]);
                    }
                }

                if (!plain)
                {
                    _items.Add(ParseValue(depth + 1));
                }

                SkipTrivia();
                if (!AtEnd && Current == ',')
                {
                    _pos++;
                    continue;
                }

                if (!AtEnd && Current == ']')
                {
                    continue;
                }

                throw new JsonSyntaxException(AtEnd
                    ? $"Unexpected end of file; the array opened at line {start.Line}, column {start.Column} is not closed."
                    : $"Expected ',' or ']' but found '{Printable(Current)}'.", Here);
            }
        }

        // A string without escapes at the current quote: its place is kept (value start, length, line, column) and true
        // returned; false, with nothing read, for any other (ParseString reads it, or reports what is wrong with it).
        private bool TryPlainString()
        {
            var quote = _pos;
            for (var i = quote + 1; i < _text.Length; i++)
            {
                var c = _text[i];
                if (c == '"')
                {
                    _stringPlaces.Add(quote + 1);
                    _stringPlaces.Add(i - quote - 1);
                    _stringPlaces.Add(_line);
                    _stringPlaces.Add(quote - _lineStart + 1);
                    _pos = i + 1;
                    return true;
                }

                if (c == '\\' || c < ' ')
                {
                    return false;
                }
            }

            return false;
        }

        private string ParseString()
        {
            var start = Here;
            _pos++;
            StringBuilder? builder = null;
            var runStart = _pos;
            while (true)
            {
                if (AtEnd)
                {
                    throw new JsonSyntaxException("Unexpected end of file inside a string.", start);
                }

                var c = Current;
                if (c == '"')
                {
                    string result;
                    if (builder == null)
                    {
                        result = _text.Substring(runStart, _pos - runStart);
                    }
                    else
                    {
                        builder.Append(_text, runStart, _pos - runStart);
                        result = builder.ToString();
                    }

                    _pos++;
                    return result;
                }

                if (c < ' ')
                {
                    throw new JsonSyntaxException(c == '\n'
                        ? "A string is not closed before the end of the line."
                        : $"Control character U+{(int)c:X4} inside a string must be escaped.", Here);
                }

                if (c == '\\')
                {
                    builder ??= new StringBuilder();
                    builder.Append(_text, runStart, _pos - runStart);
                    builder.Append(ParseEscape());
                    runStart = _pos;
                    continue;
                }

                _pos++;
            }
        }

        private char ParseEscape()
        {
            var at = Here;
            _pos++;
            if (AtEnd)
            {
                throw new JsonSyntaxException("Unexpected end of file in an escape sequence.", at);
            }

            var c = Current;
            _pos++;
            switch (c)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException("Invalid \\u escape; four hexadecimal digits are required.", at);
                    }

                    _pos += 4;
                    return (char)code;
                default:
                    throw new JsonSyntaxException($"Invalid escape sequence '\\{Printable(c)}'.", at);
            }
        }

        private JsonLiteral ParseNumber(TextPosition start)
        {
            var begin = _pos;
            if (Current == '-')
            {
                _pos++;
            }

            var digits = ConsumeDigits();
            if (digits == 0)
            {
                throw new JsonSyntaxException("Invalid number.", start);
            }

            if (!AtEnd && Current == '.')
            {
                _pos++;
                if (ConsumeDigits() == 0)
                {
                    throw new JsonSyntaxException("Invalid number: digits must follow the decimal point.", start);
                }
            }

            if (!AtEnd && (Current == 'e' || Current == 'E'))
            {
                _pos++;
                if (!AtEnd && (Current == '+' || Current == '-'))
                {
                    _pos++;
                }

                if (ConsumeDigits() == 0)
                {
                    throw new JsonSyntaxException("Invalid number: digits must follow the exponent.", start);
                }
            }

            return new JsonLiteral(JsonKind.Number, start, _text.Substring(begin, _pos - begin));
        }

        private int ConsumeDigits()
        {
            var begin = _pos;
            while (!AtEnd && Current >= '0' && Current <= '9')
            {
                _pos++;
            }

            return _pos - begin;
        }

        private JsonLiteral ParseKeyword(string keyword, JsonKind kind, TextPosition start)
        {
            if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
            {
                throw new JsonSyntaxException($"Unexpected text; did you mean '{keyword}'? Strings need double quotes.", start);
            }

            _pos += keyword.Length;
            return new JsonLiteral(kind, start, keyword);
        }

        private void Expect(char c)
        {
            if (AtEnd || Current != c)
            {
                throw new JsonSyntaxException(AtEnd ? $"Unexpected end of file; expected '{c}'." : $"Expected '{c}' but found '{Printable(Current)}'.", Here);
            }

            _pos++;
        }

        private void SkipTrivia()
        {
            while (!AtEnd)
            {
                var c = Current;
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r')
                {
                    _pos++;
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    while (!AtEnd && Current != '\n')
                    {
                        _pos++;
                    }
                }
                else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
                {
                    var start = Here;
                    _pos += 2;
                    while (true)
                    {
                        if (AtEnd)
                        {
                            throw new JsonSyntaxException("A /* comment is not closed.", start);
                        }

                        if (Current == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                        {
                            _pos += 2;
                            break;
                        }

                        if (Current == '\n')
                        {
                            _line++;
                            _lineStart = _pos + 1;
                        }

                        _pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        private static string Printable(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : c.ToString();
    }
}
