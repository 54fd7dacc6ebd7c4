using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// The names by which a referenced assembly hands out a value that leads to a listed API: its visible types that
    /// derive from such a type, and its visible members whose signatures carry one (a return or parameter type, a
    /// field, property or event type, a generic argument). Read from the metadata tables and signature blobs the
    /// compiler already holds; no symbol is made, which for a framework assembly with thousands of types is the
    /// difference between a few milliseconds and a quarter of a second.
    /// </summary>
    internal static class MetadataExposure
    {
        /// <summary>The reference's metadata, or null when it cannot be read here (the caller walks its symbols).</summary>
        public static MetadataReader? Read(MetadataReference reference)
        {
            try
            {
                return reference is PortableExecutableReference file && file.GetMetadata() is AssemblyMetadata assembly
                    ? assembly.GetModules()[0].GetMetadataReader()
                    : null;
            }
            catch (Exception e) when (e is BadImageFormatException or System.IO.IOException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>Whether an assembly can hand out a leading type at all, or derive from one: it defines one or
        /// refers to one (a type reference in its tables). Most framework assemblies do neither and are not read further.</summary>
        public static bool MayExpose(MetadataReader md, VendorNameSet vendor, HashSet<string> leading)
        {
            // A type's own name and namespace are screened first, where the metadata has them: a framework assembly
            // has thousands of types, and a full name made for each cost more than the rest. A type that is one of the
            // names has its last segment among the screen's, or a namespace a prefix covers (a nested type's outer
            // type is in the same table).
            var segments = new HashSet<string>(vendor.LeadingSegments, StringComparer.Ordinal);
            foreach (var name in leading)
            {
                segments.Add(VendorNameSet.LastSegment(name));
            }

            var prefixes = vendor.ValuePrefixes;
            var namespaces = new string[prefixes.Count]; // each prefix without its '.'
            for (var i = 0; i < namespaces.Length; i++)
            {
                namespaces[i] = prefixes[i].Substring(0, prefixes[i].Length - 1);
            }

            foreach (var handle in md.TypeReferences)
            {
                var type = md.GetTypeReference(handle);
                if (MayBeOne(md, type.Name, type.Namespace, segments, prefixes, namespaces) && FullName(md, handle) is var name
                    && (leading.Contains(name) || vendor.LeadsByDerivation(name)))
                {
                    return true;
                }
            }

            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                if (MayBeOne(md, type.Name, type.Namespace, segments, prefixes, namespaces) && FullName(md, handle) is var name
                    && (leading.Contains(name) || vendor.LeadsByDerivation(name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayBeOne(MetadataReader md, StringHandle name, StringHandle ns, HashSet<string> segments, IReadOnlyList<string> prefixes, string[] namespaces)
        {
            if (segments.Contains(md.GetString(name)))
            {
                return true;
            }

            // "Ns." covers the namespace Ns and those in it.
            for (var i = 0; i < namespaces.Length; i++)
            {
                if (md.StringComparer.Equals(ns, namespaces[i]) || md.StringComparer.StartsWith(ns, prefixes[i]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds to <paramref name="leading"/> the full names of visible types that derive from a leading
        /// type. Returns true when one was added (types of other assemblies may then derive from it in turn).</summary>
        public static bool AddDerived(MetadataReader md, VendorNameSet vendor, HashSet<string> leading, ExposedNames names)
        {
            var bases = new Mentions(md, vendor, leading, derivation: true);
            var added = false;
            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                if (!Visible(md, type))
                {
                    continue;
                }

                var derives = !type.BaseType.IsNil && bases.Of(md, type.BaseType);
                foreach (var implementation in type.GetInterfaceImplementations())
                {
                    derives = derives || bases.Of(md, md.GetInterfaceImplementation(implementation).Interface);
                }

                // Named only when it derives: a framework assembly has thousands of types and few derive from a leading one.
                var name = derives ? FullName(md, handle) : "";
                derives = derives && !(leading.Contains(name) || vendor.LeadsByValue(name));
                if (derives)
                {
                    leading.Add(name);
                    names.Type(StripArity(md.GetString(type.Name)));
                    added = true;
                }
            }

            return added;
        }

        /// <summary>Adds the names of visible members whose signatures carry a leading type.</summary>
        public static void AddMembers(MetadataReader md, VendorNameSet vendor, HashSet<string> leading, ExposedNames names)
        {
            var signatures = new Mentions(md, vendor, leading, derivation: false);
            var types = new ReadTypes(md, vendor, leading);
            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                if (!Visible(md, type))
                {
                    continue;
                }

                var row = MetadataTokens.GetRowNumber(handle);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = md.GetMethodDefinition(methodHandle);
                    // Property and event accessors are judged with their property or event.
                    if (!Visible(method.Attributes) || IsAccessor(md, method) || !signatures.Method(md, method.Signature, out _)
                        || types.NameOf(row) is not { } typeName)
                    {
                        continue;
                    }

                    var name = md.GetString(method.Name);
                    // A delegate's Invoke, an operator or a conversion is used through the type's name or a value of it.
                    if (name == "Invoke" || name.StartsWith("op_", StringComparison.Ordinal) || name == ".ctor")
                    {
                        names.Type(typeName);
                    }
                    else
                    {
                        names.Member(name, !Public(method.Attributes), typeName, types.FullNameOf(row));
                    }
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = md.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & FieldAttributes.FieldAccessMask) is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem
                        && signatures.Field(md, field.Signature) && types.NameOf(row) is { } typeName)
                    {
                        names.Member(md.GetString(field.Name), (field.Attributes & FieldAttributes.FieldAccessMask) != FieldAttributes.Public, typeName, types.FullNameOf(row));
                    }
                }
            }

            // Properties and events are found from their accessors, whose type is found by a binary search, not from
            // their types: TypeDefinition.GetProperties searches the property map linearly, which for a framework
            // assembly's thousands of types took 40 ms of a build.
            foreach (var propertyHandle in md.PropertyDefinitions)
            {
                var property = md.GetPropertyDefinition(propertyHandle);
                var accessors = property.GetAccessors();
                if (!(Visible(md, accessors.Getter) || Visible(md, accessors.Setter)))
                {
                    continue;
                }

                var row = DeclaringRow(md, accessors.Getter.IsNil ? accessors.Setter : accessors.Getter);
                if (signatures.Method(md, property.Signature, out var parameters) && types.NameOf(row) is { } typeName)
                {
                    if (parameters > 0)
                    {
                        names.Type(typeName); // an indexer: through a value of the type
                    }
                    else
                    {
                        names.Member(md.GetString(property.Name), !(Public(md, accessors.Getter) || Public(md, accessors.Setter)), typeName, types.FullNameOf(row));
                    }
                }
            }

            foreach (var eventHandle in md.EventDefinitions)
            {
                var e = md.GetEventDefinition(eventHandle);
                var adder = e.GetAccessors().Adder;
                if (!Visible(md, adder))
                {
                    continue;
                }

                var row = DeclaringRow(md, adder);
                if (signatures.Of(md, e.Type) && types.NameOf(row) is { } typeName)
                {
                    names.Member(md.GetString(e.Name), !Public(md, adder), typeName, types.FullNameOf(row));
                }
            }
        }

        // The row of the type that declares an accessor (a binary search of the type table).
        private static int DeclaringRow(MetadataReader md, MethodDefinitionHandle accessor)
            => MetadataTokens.GetRowNumber(md.GetMethodDefinition(accessor).GetDeclaringType());

        private static bool IsAccessor(MetadataReader md, MethodDefinition method)
        {
            if ((method.Attributes & MethodAttributes.SpecialName) == 0)
            {
                return false;
            }

            // Compared in the string heap: the compiler's reader adds every string it decodes to a shared table.
            var name = method.Name;
            return md.StringComparer.StartsWith(name, "get_") || md.StringComparer.StartsWith(name, "set_")
                || md.StringComparer.StartsWith(name, "add_") || md.StringComparer.StartsWith(name, "remove_");
        }

        private static bool Visible(MetadataReader md, TypeDefinition type)
        {
            switch (type.Attributes & TypeAttributes.VisibilityMask)
            {
                case TypeAttributes.Public:
                    return true;
                case TypeAttributes.NestedPublic:
                case TypeAttributes.NestedFamily:
                case TypeAttributes.NestedFamORAssem:
                    return Visible(md, md.GetTypeDefinition(type.GetDeclaringType()));
                default:
                    return false;
            }
        }

        private static bool Visible(MethodAttributes attributes)
            => (attributes & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

        private static bool Visible(MetadataReader md, MethodDefinitionHandle accessor)
            => !accessor.IsNil && Visible(md.GetMethodDefinition(accessor).Attributes);

        private static bool Public(MethodAttributes attributes) => (attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public;

        private static bool Public(MetadataReader md, MethodDefinitionHandle accessor)
            => !accessor.IsNil && Public(md.GetMethodDefinition(accessor).Attributes);

        /// <summary>"Ns.Outer.Inner`1", as a documentation-comment id names a type (without "T:").</summary>
        public static string FullName(MetadataReader md, TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var name = md.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return FullName(md, declaring) + "." + name;
            }

            var ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private static string FullName(MetadataReader md, TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            var name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName(md, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
            }

            var ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private static string StripArity(string name)
        {
            var tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }

        /// <summary>The types whose members are read, judged by row when a member's signature first carries a leading
        /// type: visible, and not leading itself (a leading type's own members are reached through it, its name or a
        /// value of it, as the symbol walk stops at such a type: listing "Create" of Scanner would make every
        /// Tuple.Create be bound). Named only then: a framework assembly has thousands of types and few such members.</summary>
        private sealed class ReadTypes
        {
            private const byte Skipped = 1;
            private const byte Read = 2;

            private readonly MetadataReader _md;
            private readonly VendorNameSet _vendor;
            private readonly HashSet<string> _leading;
            private readonly byte[] _judged;
            private readonly string?[] _names;
            private readonly string?[] _fullNames;

            public ReadTypes(MetadataReader md, VendorNameSet vendor, HashSet<string> leading)
            {
                _md = md;
                _vendor = vendor;
                _leading = leading;
                _judged = new byte[md.GetTableRowCount(TableIndex.TypeDef) + 1];
                _names = new string?[_judged.Length];
                _fullNames = new string?[_judged.Length];
            }

            /// <summary>The type's name without arity when its members are read; null when they are not.</summary>
            public string? NameOf(int row)
            {
                if (_judged[row] == 0)
                {
                    var handle = MetadataTokens.TypeDefinitionHandle(row);
                    var type = _md.GetTypeDefinition(handle);
                    var fullName = FullName(_md, handle);
                    if (!Visible(_md, type) || _leading.Contains(fullName) || _vendor.LeadsByValue(fullName))
                    {
                        _judged[row] = Skipped;
                    }
                    else
                    {
                        _names[row] = StripArity(_md.GetString(type.Name));
                        _fullNames[row] = fullName;
                        _judged[row] = Read;
                    }
                }

                return _names[row];
            }

            /// <summary>The full name of a type <see cref="NameOf"/> gave a name for.</summary>
            public string FullNameOf(int row) => _fullNames[row]!;
        }

        /// <summary>Whether a type in a signature is, or is built from, a type that leads to a listed API. Each type
        /// definition and reference of the assembly is judged once per pass (a signature names the same few often).
        /// The signature blobs are read here rather than by the library's SignatureDecoder: its instantiation over
        /// this judgement (a value type) cannot be precompiled, and a fresh compiler process ran the whole read of a
        /// framework assembly's signatures in code compiled at run time without optimisation.</summary>
        private sealed class Mentions
        {
            // Deeper than this (nested generics, arrays of pointers) is no real signature: taken to carry one.
            private const int MaxDepth = 64;

            private readonly VendorNameSet _vendor;
            private readonly HashSet<string> _leading;
            private readonly byte[] _definitions;
            private readonly byte[] _references;
            private readonly bool _derivation;

            /// <param name="derivation">Judging base types: a type with listed static members counts too.</param>
            public Mentions(MetadataReader md, VendorNameSet vendor, HashSet<string> leading, bool derivation)
            {
                _vendor = vendor;
                _leading = leading;
                _derivation = derivation;
                _definitions = new byte[md.GetTableRowCount(TableIndex.TypeDef) + 1];
                _references = new byte[md.GetTableRowCount(TableIndex.TypeRef) + 1];
            }

            public bool Of(MetadataReader md, EntityHandle handle) => Of(md, handle, 0);

            /// <summary>Whether a method's (or property's) signature carries a leading type in its return or parameter
            /// types; <paramref name="parameters"/> is its parameter count. A blob that cannot be read to its end is
            /// malformed: taken to carry one (the names are then bound, never missed), as in the other readers below.</summary>
            public bool Method(MetadataReader md, BlobHandle signature, out int parameters)
            {
                try
                {
                    var blob = md.GetBlobReader(signature);
                    return Method(md, ref blob, 0, out parameters);
                }
                catch (BadImageFormatException)
                {
                    parameters = 0;
                    return true;
                }
            }

            /// <summary>Whether a field's signature carries a leading type.</summary>
            public bool Field(MetadataReader md, BlobHandle signature)
            {
                try
                {
                    var blob = md.GetBlobReader(signature);
                    blob.ReadSignatureHeader();
                    return Type(md, ref blob, 0);
                }
                catch (BadImageFormatException)
                {
                    return true;
                }
            }

            private bool Of(MetadataReader md, EntityHandle handle, int depth) => handle.Kind switch
            {
                HandleKind.TypeDefinition => Judge(_definitions, MetadataTokens.GetRowNumber(handle), md, handle),
                HandleKind.TypeReference => Judge(_references, MetadataTokens.GetRowNumber(handle), md, handle),
                HandleKind.TypeSpecification => Specification(md, (TypeSpecificationHandle)handle, depth),
                _ => false,
            };

            private bool Specification(MetadataReader md, TypeSpecificationHandle handle, int depth)
            {
                if (depth > MaxDepth)
                {
                    return true;
                }

                try
                {
                    var blob = md.GetBlobReader(md.GetTypeSpecification(handle).Signature);
                    return Type(md, ref blob, depth + 1);
                }
                catch (BadImageFormatException)
                {
                    return true;
                }
            }

            private bool Leads(string name) => _leading.Contains(name) || (_derivation ? _vendor.LeadsByDerivation(name) : _vendor.LeadsByValue(name));

            // judged[row]: 0 not yet, 1 no, 2 yes.
            private bool Judge(byte[] judged, int row, MetadataReader reader, EntityHandle handle)
            {
                if (judged[row] == 0)
                {
                    var name = handle.Kind == HandleKind.TypeDefinition ? FullName(reader, (TypeDefinitionHandle)handle) : FullName(reader, (TypeReferenceHandle)handle);
                    judged[row] = Leads(name) ? (byte)2 : (byte)1;
                }

                return judged[row] == 2;
            }

            // A method, property or function pointer signature: header, generic arity, parameter count, return type, parameters.
            private bool Method(MetadataReader md, ref BlobReader blob, int depth, out int parameters)
            {
                var header = blob.ReadSignatureHeader();
                if (header.IsGeneric)
                {
                    blob.ReadCompressedInteger();
                }

                parameters = blob.ReadCompressedInteger();
                var carries = Type(md, ref blob, depth);
                for (var i = 0; i < parameters; i++)
                {
                    carries |= Type(md, ref blob, depth);
                }

                return carries;
            }

            // One type of a signature (ECMA-335 II.23.2.12), read to its end; a custom modifier's type is not the value's.
            private bool Type(MetadataReader md, ref BlobReader blob, int depth)
            {
                if (depth > MaxDepth)
                {
                    return true;
                }

                switch (blob.ReadSignatureTypeCode())
                {
                    case SignatureTypeCode.RequiredModifier:
                    case SignatureTypeCode.OptionalModifier:
                        blob.ReadTypeHandle();
                        return Type(md, ref blob, depth + 1);
                    case SignatureTypeCode.Sentinel:
                    case SignatureTypeCode.Pointer:
                    case SignatureTypeCode.ByReference:
                    case SignatureTypeCode.SZArray:
                    case SignatureTypeCode.Pinned:
                        return Type(md, ref blob, depth + 1);
                    case SignatureTypeCode.Array:
                    {
                        var element = Type(md, ref blob, depth + 1);
                        blob.ReadCompressedInteger(); // rank
                        for (var sizes = blob.ReadCompressedInteger(); sizes > 0; sizes--)
                        {
                            blob.ReadCompressedInteger();
                        }

                        for (var bounds = blob.ReadCompressedInteger(); bounds > 0; bounds--)
                        {
                            blob.ReadCompressedSignedInteger();
                        }

                        return element;
                    }

                    case SignatureTypeCode.TypeHandle:
                        return Of(md, blob.ReadTypeHandle(), depth + 1);
                    case SignatureTypeCode.GenericTypeInstance:
                    {
                        var carries = Type(md, ref blob, depth + 1);
                        for (var arguments = blob.ReadCompressedInteger(); arguments > 0; arguments--)
                        {
                            carries |= Type(md, ref blob, depth + 1);
                        }

                        return carries;
                    }

                    case SignatureTypeCode.GenericTypeParameter:
                    case SignatureTypeCode.GenericMethodParameter:
                        blob.ReadCompressedInteger();
                        return false;
                    case SignatureTypeCode.FunctionPointer:
                        return Method(md, ref blob, depth + 1, out _);
                    case SignatureTypeCode.Invalid:
                        throw new BadImageFormatException();
                    default:
                        return false; // a primitive type, object, string, a typed reference, void
                }
            }
        }
    }
}
