using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyAnalyzers.Tool.Output
{
    /// <summary>A located message, as compilers print them: "file(line,col): severity code: message".</summary>
    internal sealed record ToolDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message)
    {
        public override string ToString()
            => (File.Length == 0 ? "" : Line > 0 ? $"{File}({Line},{Column}): " : File + ": ") + $"{Severity} {Code}: {Message}";
    }

    /// <summary>Writes a command's result for people (text) or machines (JSON, camelCase, stable field names).</summary>
    internal static class ToolReport
    {
        private static readonly JsonSerializerOptions Json = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        };

        public static bool IsJson(string? format) => string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);

        public static void WriteJson(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Json));

        public static void WriteLines(TextWriter output, IEnumerable<string> lines)
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }
        }
    }
}
