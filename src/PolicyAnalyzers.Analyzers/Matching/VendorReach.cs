using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace PolicyAnalyzers.Analyzers.Matching
{
    /// <summary>
    /// The files of a compilation that can reach a listed API at all. A listed namespace or type is used by its name;
    /// a listed member through a name or a value of its type. Such a value comes from a declaration whose signature
    /// is written with a vendor name (a wrapper's return type, a derived class's base, a record's parameter, a global
    /// using), or from a referenced assembly that exposes vendor types. So: a file reaches a vendor when its text
    /// mentions a vendor name or the name of a declaration that exposes one, repeated until nothing new is exposed.
    /// Every other file is skipped without a walk or a bind; which is most files of a project that uses a vendor in
    /// a few places, and where names like "Value" or "Create" would otherwise make every method be bound.
    /// </summary>
    internal sealed class VendorReach
    {
        // A vendor assembly referenced by more assemblies than this (a framework assembly listed by a policy) exposes
        // too much to index cheaply: then every file is analysed.
        private const int MaxExposingAssemblies = 16;

        // More assemblies built against the vendor than this (a framework type listed in a project on a framework
        // whose every assembly refers to it) are not read at all: then every file is analysed.
        private const int MaxCandidateAssemblies = 48;

        private static readonly HashSet<string> NoNames = new(StringComparer.Ordinal);
        private static readonly HashSet<int> NoHashes = new();
        private readonly HashSet<SyntaxTree>? _files;

        private VendorReach(HashSet<SyntaxTree>? files, HashSet<string> names, HashSet<int> nameHashes)
        {
            _files = files;
            Names = names;
            NameHashes = nameHashes;
        }

        /// <summary>True when every file and every member can reach a listed API (a global using names one, or the
        /// exposure is too wide to index): then nothing may be skipped.</summary>
        public bool EveryFile => _files == null;

        /// <summary>The names that reach: listed namespaces, types and extension methods, and the declarations
        /// (source or referenced) that expose a listed type. Code that mentions none of them uses no listed member.</summary>
        public HashSet<string> Names { get; }

        /// <summary>The <see cref="SourceIdentifiers.Hash(string)"/> values of <see cref="Names"/>.</summary>
        public HashSet<int> NameHashes { get; }

        public bool Reaches(SyntaxTree tree) => _files == null || _files.Contains(tree);

        public static VendorReach Compute(Compilation compilation, VendorNameSet vendorNames, CancellationToken cancellationToken)
        {
            var memberEntries = new HashSet<string>(vendorNames.EntryMemberNames, StringComparer.Ordinal);
            var exposed = new ExposedNames(vendorNames.EntryNames.Where(n => !memberEntries.Contains(n)), memberEntries);
            if (!AddExposedByAssemblies(compilation, vendorNames, exposed, cancellationToken))
            {
                return new VendorReach(null, NoNames, NoHashes);
            }

            var names = exposed.All;

            var hashes = SourceIdentifiers.Hashes(names);
            var unreached = new List<UnreachedFile>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                unreached.Add(new UnreachedFile(tree, SourceIdentifiers.Of(tree, cancellationToken)));
            }

            var reached = new HashSet<SyntaxTree>();

            // A file that names a type of which only static members are listed reaches them there, but hands nothing
            // on: its declarations are read only if it also names something that leads by value.
            var staticHashes = SourceIdentifiers.Hashes(vendorNames.StaticTypeNames);
            if (staticHashes.Count > 0)
            {
                foreach (var file in unreached)
                {
                    if (file.Identifiers.MentionsAny(staticHashes))
                    {
                        reached.Add(file.Tree);
                    }
                }
            }

            var pending = new List<ExposingDeclaration>();
            bool grew;
            do
            {
                grew = false;
                for (var i = unreached.Count - 1; i >= 0; i--)
                {
                    var file = unreached[i];
                    if (file.Identifiers.MentionsAny(hashes))
                    {
                        reached.Add(file.Tree);
                        RemoveAt(unreached, i);
                        pending.AddRange(file.Identifiers.Declarations(file.Tree, cancellationToken));
                    }
                }

                for (var i = pending.Count - 1; i >= 0; i--)
                {
                    var declaration = pending[i];
                    if (!declaration.SignatureMentions(exposed.Types))
                    {
                        continue;
                    }

                    if (declaration.ReachesEveryFile)
                    {
                        return new VendorReach(null, NoNames, NoHashes);
                    }

                    RemoveAt(pending, i);
                    foreach (var name in declaration.Names)
                    {
                        if (declaration.NamesTypes ? exposed.Type(name) : exposed.Member(name))
                        {
                            hashes.Add(SourceIdentifiers.Hash(name));
                            grew = true;
                        }
                    }
                }
            }
            while (grew); // also once every file is reached: members are judged by the names too

            return new VendorReach(reached, names, hashes); // the hashes of every name added, as the names
        }

        // A class, not a value tuple: a list of value tuples is compiled at run time in every fresh compiler process.
        private sealed class UnreachedFile
        {
            public UnreachedFile(SyntaxTree tree, SourceIdentifiers identifiers)
            {
                Tree = tree;
                Identifiers = identifiers;
            }

            public SyntaxTree Tree { get; }

            public SourceIdentifiers Identifiers { get; }
        }

        // Order does not matter here: the last item takes the removed one's place.
        private static void RemoveAt<T>(List<T> list, int index)
        {
            list[index] = list[list.Count - 1];
            list.RemoveAt(list.Count - 1);
        }

        // Public types and members of referenced assemblies (the vendor's own and those built against it) whose
        // signatures hand out a value that leads to a listed API: their names expose it as a source declaration's would.
        // Read from metadata where the compiler has it (MetadataExposure), from symbols otherwise (a project reference).
        private static bool AddExposedByAssemblies(Compilation compilation, VendorNameSet vendorNames, ExposedNames names, CancellationToken cancellationToken)
        {
            if (vendorNames.Assemblies.Count == 0)
            {
                return true;
            }

            var key = AssemblyExposure.KeyOf(compilation, vendorNames);
            var exposure = key == null ? null : AssemblyExposure.Find(vendorNames.Index, key);
            if (exposure == null)
            {
                exposure = ExposedByMetadata(compilation, vendorNames, cancellationToken);
                if (key != null && exposure.Symbols.Count == 0)
                {
                    AssemblyExposure.Keep(vendorNames.Index, key, exposure);
                }
            }

            if (!exposure.Complete)
            {
                return false;
            }

            names.Types.UnionWith(exposure.Names.Types);
            names.All.UnionWith(exposure.Names.All);
            names.Inherited.UnionWith(exposure.Names.Inherited);
            var exposes = new TypeExposure(vendorNames, exposure.Leading);
            foreach (var assembly in exposure.Symbols)
            {
                AddExposedBy(assembly.GlobalNamespace, exposes, names, cancellationToken);
            }

            return true;
        }

        // The metadata part: types derived from leading ones and members that hand one out, in the assemblies that
        // can expose any (the vendor's and those built against it); the other referenced assemblies are left as symbols.
        private static AssemblyExposure ExposedByMetadata(Compilation compilation, VendorNameSet vendorNames, CancellationToken cancellationToken)
        {
            var names = new ExposedNames(Array.Empty<string>(), Array.Empty<string>());
            var leading = new HashSet<string>(StringComparer.Ordinal);
            var vendorAssemblyNames = new HashSet<string>(vendorNames.Assemblies.Select(a => a.Identity.Name), StringComparer.OrdinalIgnoreCase);
            var (files, symbols) = BuiltAgainst(compilation, vendorAssemblyNames);
            if (files.Count + symbols.Count > MaxCandidateAssemblies)
            {
                return new AssemblyExposure(false, names, leading, symbols);
            }

            // Types derived from leading ones lead too, also across assemblies: until no assembly adds one. Only an
            // assembly that defines or refers to a leading type can hand one out.
            List<MetadataReader> exposing;
            bool added;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                exposing = files.Where(md => MetadataExposure.MayExpose(md, vendorNames, leading)).ToList();
                added = false;
                foreach (var md in exposing)
                {
                    added |= MetadataExposure.AddDerived(md, vendorNames, leading, names);
                }
            }
            while (added);

            if (exposing.Count + symbols.Count > MaxExposingAssemblies)
            {
                return new AssemblyExposure(false, names, leading, symbols);
            }

            foreach (var md in exposing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                MetadataExposure.AddMembers(md, vendorNames, leading, names);
            }

            // A protected member is used inside a type derived from its own, also through types of assemblies built
            // against its assembly in between: their names expose it.
            if (names.Inherited.Count > 0)
            {
                var (inheriting, other) = BuiltAgainst(compilation, new HashSet<string>(exposing.Select(md => md.GetString(md.GetAssemblyDefinition().Name)), StringComparer.OrdinalIgnoreCase));
                if (inheriting.Count + other.Count > MaxCandidateAssemblies)
                {
                    return new AssemblyExposure(false, names, leading, symbols);
                }

                leading.UnionWith(names.Inherited);
                do
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    added = false;
                    foreach (var md in inheriting.Where(md => MetadataExposure.MayExpose(md, vendorNames, leading)))
                    {
                        added |= MetadataExposure.AddDerived(md, vendorNames, leading, names);
                    }
                }
                while (added);

                symbols.AddRange(other);
            }

            return new AssemblyExposure(true, names, leading, symbols);
        }

        // The referenced assemblies among those named and those built against them (a reference by name, cheap to
        // ask), read from metadata where the compiler has it; a facade declares no type but <Module> (it forwards them).
        private static (List<MetadataReader> Files, List<IAssemblySymbol> Symbols) BuiltAgainst(Compilation compilation, HashSet<string> assemblyNames)
        {
            var files = new List<MetadataReader>();
            var symbols = new List<IAssemblySymbol>();
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (!(assemblyNames.Contains(assembly.Identity.Name) || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => assemblyNames.Contains(r.Name)))))
                {
                    continue;
                }

                // A facade's type table holds <Module> alone; asked of the table, not of the symbol's type names, which
                // the compiler does not otherwise make for a referenced assembly (7 ms for netstandard.dll).
                if (compilation.GetMetadataReference(assembly) is { } reference && MetadataExposure.Read(reference) is { } reader)
                {
                    if (reader.TypeDefinitions.Count > 1)
                    {
                        files.Add(reader);
                    }
                }
                else if (assembly.TypeNames.Any(t => t != "<Module>"))
                {
                    symbols.Add(assembly);
                }
            }

            return (files, symbols);
        }

        private static void AddExposedBy(INamespaceOrTypeSymbol container, TypeExposure exposes, ExposedNames names, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in container.GetMembers())
            {
                if (member.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
                {
                    continue; // not usable from the compilation (InternalsVisibleTo aside)
                }

                switch (member)
                {
                    case INamespaceSymbol ns:
                        AddExposedBy(ns, exposes, names, cancellationToken);
                        break;
                    case INamedTypeSymbol type when exposes.Vendor(type):
                        // Listed, or derived from a listed type: used by its name, and its members through it.
                        names.Type(type.Name);
                        break;
                    case INamedTypeSymbol type:
                        if (exposes.Signature(type.DelegateInvokeMethod))
                        {
                            names.Type(type.Name);
                        }

                        AddExposedBy(type, exposes, names, cancellationToken);
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.DelegateInvoke } method when exposes.Signature(method):
                        names.Member(method.Name);
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } op when exposes.Signature(op):
                        names.Type(op.ContainingType.Name);
                        break;
                    case IPropertySymbol { IsIndexer: true } indexer when exposes.Vendor(indexer.Type) || indexer.Parameters.Any(p => exposes.Vendor(p.Type)):
                        names.Type(indexer.ContainingType.Name);
                        break;
                    case IPropertySymbol property when exposes.Vendor(property.Type):
                        names.Member(property.Name);
                        break;
                    case IFieldSymbol field when exposes.Vendor(field.Type):
                        names.Member(field.Name);
                        break;
                    case IEventSymbol e when exposes.Vendor(e.Type):
                        names.Member(e.Name);
                        break;
                }
            }
        }

        /// <summary>Whether a type is, contains, or derives from a type whose values lead to a listed API.</summary>
        private sealed class TypeExposure
        {
            private readonly VendorNameSet _vendor;
            private readonly HashSet<string> _leading;
            private readonly Dictionary<ITypeSymbol, bool> _known = new(SymbolEqualityComparer.Default);

            public TypeExposure(VendorNameSet vendor, HashSet<string> leading)
            {
                _vendor = vendor;
                _leading = leading;
            }

            // A base type leads also when only static members of it are listed: the derived type's name reaches them.
            private bool Derives(INamedTypeSymbol? type)
            {
                var id = type?.OriginalDefinition.GetDocumentationCommentId();
                return type != null && ((id != null && id.Length > 2 && _vendor.LeadsByDerivation(id.Substring(2))) || Vendor(type));
            }

            public bool Signature(IMethodSymbol? method) => method != null && (Vendor(method.ReturnType) || method.Parameters.Any(p => Vendor(p.Type)));

            public bool Vendor(ITypeSymbol? type)
            {
                switch (type)
                {
                    case null:
                        return false;
                    case IArrayTypeSymbol array:
                        return Vendor(array.ElementType);
                    case IPointerTypeSymbol pointer:
                        return Vendor(pointer.PointedAtType);
                    case INamedTypeSymbol named:
                        if (_known.TryGetValue(named, out var known))
                        {
                            return known;
                        }

                        _known[named] = false; // a type that mentions itself (class Node : IComparable<Node>)
                        var id = named.OriginalDefinition.GetDocumentationCommentId();
                        var name = id != null && id.Length > 2 ? id.Substring(2) : "";
                        var result = _vendor.LeadsByValue(name) || _leading.Contains(name)
                            || named.TypeArguments.Any(Vendor) || Derives(named.BaseType) || named.Interfaces.Any(Derives);
                        _known[named] = result;
                        return result;
                    default:
                        return false;
                }
            }
        }
    }
}
