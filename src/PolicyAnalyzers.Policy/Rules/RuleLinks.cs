using System;
using System.IO;

namespace PolicyAnalyzers.Policy.Rules
{
    /// <summary>
    /// Where a rule's page is. The package ships the pages (docs/rules/ in the package folder), so by default a link
    /// opens the page on the machine that built; PolicyAnalyzersRulesUrl points them at an organisation's own site.
    /// </summary>
    public static class RuleLinks
    {
        /// <summary>The project's pages, used only when no page ships beside this assembly (e.g. a shadow copy).</summary>
        public const string ProjectBaseUrl = "https://github.com/policyanalyzers/policyanalyzers/blob/main/docs/rules/";

        private static readonly Lazy<string> Shipped = new(FindShipped);

        /// <summary>The configured base URL, or the pages that ship beside this assembly.</summary>
        public static string Base(string? configured)
        {
            var value = configured?.Trim();
            return string.IsNullOrEmpty(value) ? Shipped.Value : value!.EndsWith("/", StringComparison.Ordinal) ? value : value + "/";
        }

        public static string Page(string id, string? configured = null) => Base(configured) + id + ".md";

        /// <summary>True for a link to a rule page (as opposed to a decision's).</summary>
        public static bool IsRulePage(string link, string? configured = null)
            => link.StartsWith(Base(configured), StringComparison.Ordinal) || link.StartsWith(ProjectBaseUrl, StringComparison.Ordinal);

        // The package: analyzers/dotnet/cs/ and tasks/<tfm>/ sit two or three folders below the docs.
        private static string FindShipped()
        {
            try
            {
                var dir = Path.GetDirectoryName(typeof(RuleLinks).Assembly.Location);
                for (var i = 0; i < 4 && !string.IsNullOrEmpty(dir); i++, dir = Path.GetDirectoryName(dir))
                {
                    var rules = Path.Combine(dir!, "docs", "rules");
                    if (File.Exists(Path.Combine(rules, DiagnosticIds.ApiUse + ".md")))
                    {
                        return FileUri(rules + Path.DirectorySeparatorChar);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException || e is UriFormatException)
            {
            }

            return ProjectBaseUrl;
        }

        // A folder's file: link. System.Uri costs a fresh compiler process about 5 ms the first time (its assembly and
        // tables), and every build asks for the pages when the analyzers load: a plain path (letters, digits, . - _ ~
        // and separators, as a package cache's usually is) is written as Uri would write it; anything else goes to Uri.
        internal static string FileUri(string path)
        {
            var windowsDrive = path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
            if (!windowsDrive && !(path.Length > 0 && path[0] == '/'))
            {
                return new Uri(path).AbsoluteUri;
            }

            for (var i = windowsDrive ? 2 : 0; i < path.Length; i++)
            {
                var c = path[i];
                if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_' or '~' or '/' or '\\')
                    || (c == '\\' && !windowsDrive) || (c == '.' && i + 1 < path.Length && path[i + 1] is '.' or '/' or '\\' && (i == 0 || path[i - 1] is '/' or '\\')))
                {
                    return new Uri(path).AbsoluteUri; // escapes, dot segments, a backslash in a Unix name
                }
            }

            return (windowsDrive ? "file:///" : "file://") + path.Replace('\\', '/');
        }
    }
}
