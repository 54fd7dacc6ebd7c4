using System;

namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>
    /// Whether a policy's link (a decision, a repository) is an absolute http(s) URL. A plain link (lower-case
    /// scheme, a DNS name of letters, digits and hyphens, an optional port, then only characters RFC 3986 allows, no
    /// brackets, '%' with two hex digits) is one without asking System.Uri, whose first use costs milliseconds in
    /// every fresh compiler process that reads an organisation's policy; anything else is judged by System.Uri.
    /// </summary>
    public static class HttpLink
    {
        public static bool IsAbsolute(string value)
            => IsPlain(value) ?? (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http"));

        /// <summary>True for a plain http(s) link; null when System.Uri must judge.</summary>
        private static bool? IsPlain(string value)
        {
            var at = value.StartsWith("https://", StringComparison.Ordinal) ? 8 : value.StartsWith("http://", StringComparison.Ordinal) ? 7 : -1;
            if (at < 0 || value.Length > 2048)
            {
                return null;
            }

            // Host: labels of letters, digits and inner hyphens, separated by single dots.
            var labelStart = at;
            for (; at < value.Length && value[at] != '/' && value[at] != ':' && value[at] != '?' && value[at] != '#'; at++)
            {
                var c = value[at];
                if (c == '.')
                {
                    if (at == labelStart || value[at - 1] == '-')
                    {
                        return null;
                    }

                    labelStart = at + 1;
                }
                else if (!(IsAsciiLetterOrDigit(c) || (c == '-' && at > labelStart)))
                {
                    return null;
                }
            }

            // The last label starts with a letter (a numeric host, an IP address, is for System.Uri).
            if (at == labelStart || value[at - 1] == '-' || at - labelStart > 63 || !IsAsciiLetter(value[labelStart]))
            {
                return null;
            }

            // Port: one to five digits, at most 65535.
            if (at < value.Length && value[at] == ':')
            {
                var port = 0;
                var digits = 0;
                for (at++; at < value.Length && value[at] >= '0' && value[at] <= '9'; at++, digits++)
                {
                    port = digits < 6 ? port * 10 + (value[at] - '0') : port;
                }

                if (digits == 0 || digits > 5 || port > 65535 || (at < value.Length && value[at] != '/' && value[at] != '?' && value[at] != '#'))
                {
                    return null;
                }
            }

            // Path, query and fragment.
            for (; at < value.Length; at++)
            {
                var c = value[at];
                if (c == '%')
                {
                    if (at + 2 >= value.Length || !IsHex(value[at + 1]) || !IsHex(value[at + 2]))
                    {
                        return null;
                    }

                    at += 2;
                }
                else if (!(IsAsciiLetterOrDigit(c) || "-._~:/?#@!$&'()*+,;=".IndexOf(c) >= 0))
                {
                    return null;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
