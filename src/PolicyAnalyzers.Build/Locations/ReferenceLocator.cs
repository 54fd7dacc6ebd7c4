using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Build.Locations
{
    /// <summary>
    /// Finds the element that brings a package or project into the build: the PackageReference in the project file,
    /// else in Directory.Build.props/targets, else the PackageVersion or GlobalPackageReference in
    /// Directory.Packages.props; and where a property is set or an item removed. Files are read once, with line
    /// information.
    /// </summary>
    internal sealed class ReferenceLocator
    {
        private readonly List<(string File, List<(string Element, string Include, int Line, int Column)> Elements)> _files = new();

        public ReferenceLocator(IEnumerable<string> files)
        {
            foreach (var file in files)
            {
                if (!string.IsNullOrEmpty(file) && File.Exists(file))
                {
                    _files.Add((file, ReadElements(file)));
                }
            }
        }

        public SourceLocation? FindPackage(string id)
            => Find(e => (e.Element == "PackageReference" || e.Element == "GlobalPackageReference") && Same(e.Include, id))
               ?? Find(e => e.Element == "PackageVersion" && Same(e.Include, id));

        public SourceLocation? FindProject(string projectName)
            => Find(e => e.Element == "ProjectReference"
                && Same(Path.GetFileNameWithoutExtension(e.Include.Replace('\\', '/')), projectName));

        /// <summary>The last element that sets the property, in the order the files were given (evaluation order).</summary>
        public SourceLocation? FindProperty(string name)
        {
            SourceLocation? last = null;
            foreach (var (file, elements) in _files)
            {
                foreach (var e in elements)
                {
                    if (e.Include.Length == 0 && string.Equals(e.Element, name, StringComparison.OrdinalIgnoreCase))
                    {
                        last = new SourceLocation(file, e.Line, e.Column);
                    }
                }
            }

            return last;
        }

        /// <summary>The first element that removes items of a type (e.g. &lt;Analyzer Remove="..."/&gt; in a target).</summary>
        public SourceLocation? FindRemoval(string itemType)
            => Find(e => e.Include.StartsWith(RemovalMark, StringComparison.Ordinal) && string.Equals(e.Element, itemType, StringComparison.OrdinalIgnoreCase));

        private const string RemovalMark = "\u0000remove:";

        private SourceLocation? Find(Func<(string Element, string Include, int Line, int Column), bool> predicate)
        {
            foreach (var (file, elements) in _files)
            {
                foreach (var e in elements)
                {
                    if (predicate(e))
                    {
                        return new SourceLocation(file, e.Line, e.Column);
                    }
                }
            }

            return null;
        }

        private static bool Same(string a, string b) => string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);

        private static List<(string, string, int, int)> ReadElements(string file)
        {
            var result = new List<(string, string, int, int)>();
            try
            {
                using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                var info = (IXmlLineInfo)reader;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    var include = reader.GetAttribute("Include") ?? reader.GetAttribute("Update");
                    if (include != null)
                    {
                        foreach (var part in include.Split(';'))
                        {
                            result.Add((reader.LocalName, part, info.LineNumber, info.LinePosition - 1)); // point at the "<", not the name
                        }
                    }
                    else if (reader.GetAttribute("Remove") is { } removed)
                    {
                        result.Add((reader.LocalName, RemovalMark + removed, info.LineNumber, info.LinePosition - 1));
                    }
                    else
                    {
                        result.Add((reader.LocalName, "", info.LineNumber, info.LinePosition - 1)); // a property, or any other element
                    }
                }
            }
            catch (XmlException)
            {
                // MSBuild has already parsed these files; an unreadable one only costs the precise line.
            }
            catch (IOException)
            {
            }

            return result;
        }
    }
}
