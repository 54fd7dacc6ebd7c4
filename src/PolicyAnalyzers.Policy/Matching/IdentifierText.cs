using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyAnalyzers.Policy.Matching
{
    /// <summary>
    /// Normal forms of the texts evidence is compared in, shared by the policy reader (to check entries) and the
    /// matchers (to compare). All are single passes over the text; nothing backtracks.
    /// </summary>
    public static class IdentifierText
    {
        /// <summary>The words (runs of letters and digits) of a text, lower-cased: "AO Kaspersky Lab, Inc." gives
        /// ao, kaspersky, lab, inc.</summary>
        public static List<string> Words(string text)
        {
            var words = new List<string>();
            var b = new StringBuilder();
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    b.Append(char.ToLowerInvariant(c));
                }
                else if (b.Length > 0)
                {
                    words.Add(b.ToString());
                    b.Clear();
                }
            }

            if (b.Length > 0)
            {
                words.Add(b.ToString());
            }

            return words;
        }

        /// <summary>A SHA-256 fingerprint as 64 upper-case hex digits (colons and spaces dropped), or null.</summary>
        public static string? Fingerprint(string text)
        {
            var b = new StringBuilder(64);
            foreach (var c in text)
            {
                if (c == ':' || c == ' ')
                {
                    continue;
                }

                if (!Uri.IsHexDigit(c) || b.Length == 64)
                {
                    return null;
                }

                b.Append(char.ToUpperInvariant(c));
            }

            return b.Length == 64 ? b.ToString() : null;
        }

        /// <summary>A DNS host name lower-cased without a trailing dot, or null when the text is not one.</summary>
        public static string? Host(string text)
        {
            var host = text.Trim().TrimEnd('.').ToLowerInvariant();
            if (host.Length == 0 || host.Length > 253)
            {
                return null;
            }

            var labelLength = 0;
            foreach (var c in host)
            {
                if (c == '.')
                {
                    if (labelLength == 0)
                    {
                        return null;
                    }

                    labelLength = 0;
                }
                else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
                {
                    if (++labelLength > 63)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }

            return labelLength == 0 ? null : host;
        }

        /// <summary>
        /// The host an endpoint string names: the host of an absolute URI with an authority ("https://x.y/z"), or
        /// the string itself when it is a bare host name with at least one dot. Null otherwise.
        /// </summary>
        public static string? EndpointHost(string text)
        {
            if (text.Length < 4 || text.Length > 2048)
            {
                return null;
            }

            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns ? Host(uri.Host) : null;
            }

            return text.IndexOf('.') > 0 && text.IndexOf(' ') < 0 ? Host(text) : null;
        }

        /// <summary>
        /// A native library name as the loader would look for it on any platform: without directory, without
        /// ".dll", ".dylib" or ".so[.N…]", and without a leading "lib" ("/opt/v/libscan.so.1" gives "scan").
        /// </summary>
        public static string NativeLibraryName(string name)
        {
            var slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
            var file = slash >= 0 ? name.Substring(slash + 1) : name;
            var so = file.IndexOf(".so", StringComparison.OrdinalIgnoreCase);
            if (so > 0 && (so + 3 == file.Length || file[so + 3] == '.'))
            {
                file = file.Substring(0, so);
            }
            else if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            {
                file = file.Substring(0, file.Length - 4);
            }
            else if (file.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase))
            {
                file = file.Substring(0, file.Length - 6);
            }

            return file.Length > 3 && file.StartsWith("lib", StringComparison.Ordinal) ? file.Substring(3) : file;
        }

        /// <summary>A repository URL compared by prefix: lower case, no ".git", no trailing slash.</summary>
        public static string RepositoryUrl(string url)
        {
            var u = url.Trim().ToLowerInvariant();
            if (u.EndsWith(".git", StringComparison.Ordinal))
            {
                u = u.Substring(0, u.Length - 4);
            }

            return u.TrimEnd('/');
        }
    }
}
