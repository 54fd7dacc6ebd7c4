using System;
using System.Collections.Generic;
using System.IO;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Build.Waivers
{
    /// <summary>
    /// The waivers the analyzer's findings used, read from the compiler's SARIF 2.1 error log: each waived or
    /// lapsed finding carries the waiver id as the diagnostic property "PolicyAnalyzersWaiver".
    /// </summary>
    internal static class CompilerErrorLog
    {
        public const string WaiverProperty = "PolicyAnalyzersWaiver";

        /// <summary>The waiver ids, or null when the log is absent or not SARIF 2.1 (then nothing can be concluded).</summary>
        public static HashSet<string>? UsedWaivers(string? path)
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return null;
            }

            JsonNode root;
            try
            {
                root = JsonParser.Parse(File.ReadAllText(path));
            }
            catch (Exception e) when (e is JsonSyntaxException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }

            if (root is not JsonObject log || (log.Find("version")?.Value as JsonString)?.Value != "2.1.0" || log.Find("runs")?.Value is not JsonArray runs)
            {
                return null;
            }

            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var run in runs.Items)
            {
                if ((run as JsonObject)?.Find("results")?.Value is not JsonArray results)
                {
                    continue;
                }

                foreach (var result in results.Items)
                {
                    var properties = ((result as JsonObject)?.Find("properties")?.Value as JsonObject)?.Find("customProperties")?.Value as JsonObject;
                    if (properties?.Find(WaiverProperty)?.Value is JsonString id)
                    {
                        used.Add(id.Value);
                    }
                }
            }

            return used;
        }
    }
}
