using System.Collections.Generic;
using System.Reflection.Metadata;

namespace PolicyAnalyzers.Shared
{
    /// <summary>
    /// An assembly's AssemblyCompany and AssemblyCopyright, read from its metadata tables: nothing is loaded or bound.
    /// Compiled into the analyzers (which get the compiler's metadata of a reference) and the package check (which
    /// reads files), so both see the same texts; the compiler's own attribute decoding costs tens of milliseconds the
    /// first time in a process.
    /// </summary>
    internal static class AssemblyPublisherAttributes
    {
        /// <summary>("Company" or "Copyright", text) in the order the assembly declares them.</summary>
        public static List<(string Label, string Text)> Read(MetadataReader md)
        {
            var texts = new List<(string, string)>(2);
            if (!md.IsAssembly)
            {
                return texts;
            }

            foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                var name = AttributeName(md, attribute);
                // Compared in the string heap: a reference has dozens of attributes, and a string made of each name cost more than the rest.
                var label = name.IsNil ? null : md.StringComparer.Equals(name, "AssemblyCompanyAttribute") ? "Company" : md.StringComparer.Equals(name, "AssemblyCopyrightAttribute") ? "Copyright" : null;
                if (label != null && FirstStringArgument(md, attribute) is { } text)
                {
                    texts.Add((label, text));
                }
            }

            return texts;
        }

        private static StringHandle AttributeName(MetadataReader md, CustomAttribute attribute)
        {
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                return parent.Kind == HandleKind.TypeReference ? md.GetTypeReference((TypeReferenceHandle)parent).Name : default;
            }

            if (attribute.Constructor.Kind == HandleKind.MethodDefinition)
            {
                var type = md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                return md.GetTypeDefinition(type).Name;
            }

            return default;
        }

        // Blob of a (string) constructor: prolog 0x0001, then a SerString (compressed length + UTF-8, 0xFF for null).
        private static string? FirstStringArgument(MetadataReader md, CustomAttribute attribute)
        {
            var blob = md.GetBlobReader(attribute.Value);
            if (blob.Length < 3 || blob.ReadUInt16() != 1)
            {
                return null;
            }

            return blob.ReadSerializedString();
        }
    }
}
