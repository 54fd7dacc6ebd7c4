using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

using PolicyAnalyzers.Shared;

namespace PolicyAnalyzers.Packages.Evidence
{
    /// <summary>
    /// Reads publisher evidence from a package already restored to a package folder, offline: the nuspec and the
    /// signature through NuGet.Packaging (never by hand), the assemblies through System.Reflection.Metadata. A
    /// damaged file becomes a problem in the evidence; nothing here throws.
    /// </summary>
    public static class PackageEvidenceReader
    {
        // Bounds against hostile packages: assemblies are read from their headers only, and only this many.
        private const int MaxAssemblies = 64;
        private const long MaxAssemblyBytes = 256L * 1024 * 1024;

        // Long-lived MSBuild nodes (IDE, node reuse) check the same packages build after build; restored packages
        // do not change, and a file that does (tampering) changes the key, so the evidence is read again.
        private const int CacheCapacity = 20000;
        private static readonly ConcurrentDictionary<string, PackageEvidence> Cache = new(StringComparer.Ordinal);

        public static PackageEvidence? Read(IReadOnlyList<string> packageFolders, string id, string version, string? libraryPath, IReadOnlyList<string> files, bool readAssemblies)
        {
            var folder = Locate(packageFolders, libraryPath ?? (id + "/" + version).ToLowerInvariant());
            if (folder == null)
            {
                return null; // not restored here (e.g. a project-local source): nothing to read, nothing to claim
            }

            var key = CacheKey(folder, id, version, readAssemblies);
            if (Cache.TryGetValue(key, out var known))
            {
                return known;
            }

            var evidence = ReadUncached(folder, id, version, files, readAssemblies);
            if (Cache.Count >= CacheCapacity)
            {
                Cache.Clear();
            }

            Cache[key] = evidence;
            return evidence;
        }

        private static string CacheKey(string folder, string id, string version, bool readAssemblies)
        {
            var nupkg = new FileInfo(Path.Combine(folder, $"{id}.{version}.nupkg".ToLowerInvariant()));
            var nuspec = new FileInfo(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"));
            return string.Join("|", folder, readAssemblies ? "a" : "-",
                nupkg.Exists ? nupkg.Length + "@" + nupkg.LastWriteTimeUtc.Ticks : "none",
                nuspec.Exists ? nuspec.Length + "@" + nuspec.LastWriteTimeUtc.Ticks : "none");
        }

        private static PackageEvidence ReadUncached(string folder, string id, string version, IReadOnlyList<string> files, bool readAssemblies)
        {
            var evidence = new PackageEvidence();
            ReadNuspec(folder, id, evidence);
            ReadSignature(folder, id, version, evidence);
            if (readAssemblies)
            {
                ReadAssemblies(folder, files, evidence);
            }

            return evidence;
        }

        private static string? Locate(IReadOnlyList<string> packageFolders, string libraryPath)
        {
            foreach (var root in packageFolders)
            {
                var candidate = Path.Combine(root, libraryPath.Replace('/', Path.DirectorySeparatorChar));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static void ReadNuspec(string folder, string id, PackageEvidence evidence)
        {
            var path = Path.Combine(folder, id.ToLowerInvariant() + ".nuspec");
            if (!File.Exists(path))
            {
                evidence.Problems.Add($"the nuspec '{path}' is missing");
                return;
            }

            try
            {
                var nuspec = new NuspecReader(path);
                evidence.Authors = Blank(nuspec.GetAuthors());
                evidence.Owners = Blank(nuspec.GetOwners());
                evidence.Copyright = Blank(nuspec.GetCopyright());
                evidence.RepositoryUrl = Blank(nuspec.GetRepositoryMetadata()?.Url);
                evidence.ProjectUrl = Blank(nuspec.GetProjectUrl());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                evidence.Problems.Add($"the nuspec '{path}' cannot be read ({e.Message})");
            }
        }

        private static void ReadSignature(string folder, string id, string version, PackageEvidence evidence)
        {
            var nupkg = Path.Combine(folder, $"{id}.{version}.nupkg".ToLowerInvariant());
            if (!File.Exists(nupkg))
            {
                return; // restore keeps the .nupkg; without it there is no signature to read
            }

            try
            {
                using var reader = new PackageArchiveReader(nupkg);
                var signature = reader.GetPrimarySignatureAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (signature == null)
                {
                    return;
                }

                var primaryOwners = signature is IRepositorySignature repository ? repository.PackageOwners ?? Array.Empty<string>() : (IReadOnlyList<string>)Array.Empty<string>();
                Add(evidence, signature.Type == SignatureType.Repository ? "repository signature" : "author signature", signature.SignerInfo.Certificate, primaryOwners);
                var countersignature = RepositoryCountersignature.GetRepositoryCountersignature(signature);
                if (countersignature != null)
                {
                    Add(evidence, "repository countersignature", countersignature.SignerInfo.Certificate, countersignature.PackageOwners ?? Array.Empty<string>());
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                evidence.Problems.Add($"the signature of '{nupkg}' cannot be read ({e.Message})");
            }
        }

        private static void Add(PackageEvidence evidence, string kind, X509Certificate2? certificate, IReadOnlyList<string> owners)
        {
            if (certificate == null)
            {
                return;
            }

            using var sha = SHA256.Create();
            evidence.Signatures.Add(new SignatureEvidence(kind, certificate.Subject, Hex(sha.ComputeHash(certificate.RawData), upper: true), owners));
        }

        private static void ReadAssemblies(string folder, IReadOnlyList<string> files, PackageEvidence evidence)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in files)
            {
                if (evidence.Assemblies.Count >= MaxAssemblies)
                {
                    break;
                }

                if (!(file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
                    || file.EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase) || !seen.Add(Path.GetFileName(file)))
                {
                    continue; // the same assembly under several target frameworks is one piece of evidence
                }

                var path = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
                try
                {
                    if (ReadAssembly(path, file) is { } assembly)
                    {
                        evidence.Assemblies.Add(assembly);
                    }
                }
                catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    evidence.Problems.Add($"the assembly '{file}' cannot be read ({e.Message})");
                }
            }
        }

        /// <summary>
        /// An assembly's name, version, public key token, company and copyright from its metadata (never loaded);
        /// null for a native library, a file that is not an assembly, or one over the size limit.
        /// </summary>
        /// <exception cref="BadImageFormatException">The file is damaged.</exception>
        public static AssemblyEvidence? ReadAssembly(string path, string display)
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxAssemblyBytes)
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null; // a native library
            }

            var md = pe.GetMetadataReader();
            if (!md.IsAssembly)
            {
                return null;
            }

            var definition = md.GetAssemblyDefinition();
            var key = md.GetBlobBytes(definition.PublicKey);
            string? company = null, copyright = null;
            foreach (var (label, text) in AssemblyPublisherAttributes.Read(md))
            {
                company = label == "Company" ? text : company;
                copyright = label == "Copyright" ? text : copyright;
            }

            return new AssemblyEvidence(display, md.GetString(definition.Name), key.Length == 0 ? null : Token(key), company, copyright, definition.Version);
        }

        private static string Token(byte[] publicKey)
        {
            using var sha1 = SHA1.Create();
            var hash = sha1.ComputeHash(publicKey);
            var token = new byte[8];
            for (var i = 0; i < 8; i++)
            {
                token[i] = hash[hash.Length - 1 - i];
            }

            return Hex(token, upper: false);
        }

        private static string Hex(byte[] bytes, bool upper)
        {
            var digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();
    }
}
