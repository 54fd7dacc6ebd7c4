using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
            foreach (var handle in md.TypeReferences)
            {
                var name = FullName(md, handle);
                if (leading.Contains(name) || vendor.LeadsByDerivation(name))
                {
                    return true;
                }
            }

            foreach (var handle in md.TypeDefinitions)
            {
                var name = FullName(md, handle);
                if (leading.Contains(name) || vendor.LeadsByDerivation(name))
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

                var name = FullName(md, handle);
                if (leading.Contains(name) || vendor.LeadsByValue(name))
                {
                    continue;
                }

                var derives = !type.BaseType.IsNil && bases.Of(md, type.BaseType);
                foreach (var implementation in type.GetInterfaceImplementations())
                {
                    derives = derives || bases.Of(md, md.GetInterfaceImplementation(implementation).Interface);
                }

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
            // The types whose members are read, by row: name and full name (null: not visible, or reached through itself).
            var typeNames = new string?[md.GetTableRowCount(TableIndex.TypeDef) + 1];
            var fullNames = new string?[typeNames.Length];
            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                if (!Visible(md, type))
                {
                    continue;
                }

                // A leading type's own members are reached through it (its name or a value of it), as the symbol walk
                // stops at such a type: listing "Create" of Scanner would make every Tuple.Create be bound.
                var fullName = FullName(md, handle);
                if (leading.Contains(fullName) || vendor.LeadsByValue(fullName))
                {
                    continue;
                }

                var typeName = StripArity(md.GetString(type.Name));
                typeNames[MetadataTokens.GetRowNumber(handle)] = typeName;
                fullNames[MetadataTokens.GetRowNumber(handle)] = fullName;
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = md.GetMethodDefinition(methodHandle);
                    // Property and event accessors are judged with their property or event.
                    if (!Visible(method.Attributes) || IsAccessor(md, method) || !Carries(method.DecodeSignature(signatures, null)))
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
                        names.Member(name, !Public(method.Attributes), typeName, fullName);
                    }
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = md.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & FieldAttributes.FieldAccessMask) is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem
                        && field.DecodeSignature(signatures, null))
                    {
                        names.Member(md.GetString(field.Name), (field.Attributes & FieldAttributes.FieldAccessMask) != FieldAttributes.Public, typeName, fullName);
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
                if (typeNames[row] is not { } typeName)
                {
                    continue;
                }

                var signature = property.DecodeSignature(signatures, null);
                if (Carries(signature))
                {
                    if (signature.ParameterTypes.Length > 0)
                    {
                        names.Type(typeName); // an indexer: through a value of the type
                    }
                    else
                    {
                        names.Member(md.GetString(property.Name), !(Public(md, accessors.Getter) || Public(md, accessors.Setter)), typeName, fullNames[row]!);
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
                if (typeNames[row] is { } typeName && signatures.Of(md, e.Type))
                {
                    names.Member(md.GetString(e.Name), !Public(md, adder), typeName, fullNames[row]!);
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

            var name = md.GetString(method.Name);
            return name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal)
                || name.StartsWith("add_", StringComparison.Ordinal) || name.StartsWith("remove_", StringComparison.Ordinal);
        }

        private static bool Carries(MethodSignature<bool> signature)
        {
            if (signature.ReturnType)
            {
                return true;
            }

            foreach (var parameter in signature.ParameterTypes)
            {
                if (parameter)
                {
                    return true;
                }
            }

            return false;
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

        /// <summary>Whether a type in a signature is, or is built from, a type that leads to a listed API. Each type
        /// definition and reference of the assembly is judged once per pass (a signature names the same few often).</summary>
        private sealed class Mentions : ISignatureTypeProvider<bool, object?>
        {
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

            public bool Of(MetadataReader md, EntityHandle handle) => handle.Kind switch
            {
                HandleKind.TypeDefinition => GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
                HandleKind.TypeReference => GetTypeFromReference(md, (TypeReferenceHandle)handle, 0),
                HandleKind.TypeSpecification => GetTypeFromSpecification(md, null, (TypeSpecificationHandle)handle, 0),
                _ => false,
            };

            private bool Leads(string name) => _leading.Contains(name) || (_derivation ? _vendor.LeadsByDerivation(name) : _vendor.LeadsByValue(name));

            public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
                => Judge(_definitions, MetadataTokens.GetRowNumber(handle), reader, handle);

            public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
                => Judge(_references, MetadataTokens.GetRowNumber(handle), reader, handle);

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

            public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments)
            {
                if (genericType)
                {
                    return true;
                }

                foreach (var argument in typeArguments)
                {
                    if (argument)
                    {
                        return true;
                    }
                }

                return false;
            }

            public bool GetFunctionPointerType(MethodSignature<bool> signature) => Carries(signature);

            public bool GetArrayType(bool elementType, ArrayShape shape) => elementType;

            public bool GetSZArrayType(bool elementType) => elementType;

            public bool GetByReferenceType(bool elementType) => elementType;

            public bool GetPointerType(bool elementType) => elementType;

            public bool GetPinnedType(bool elementType) => elementType;

            public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => unmodifiedType;

            public bool GetGenericMethodParameter(object? genericContext, int index) => false;

            public bool GetGenericTypeParameter(object? genericContext, int index) => false;

            public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;
        }
    }
}
