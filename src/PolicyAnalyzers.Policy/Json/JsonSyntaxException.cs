using System;

namespace PolicyAnalyzers.Policy.Json
{
    /// <summary>Raised by <see cref="JsonParser"/> for text that is not JSON; never escapes the policy library.</summary>
    public sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, TextPosition position) : base(message) => Position = position;

        public TextPosition Position { get; }
    }
}
