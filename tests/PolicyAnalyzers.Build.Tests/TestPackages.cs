using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Versioning;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>
/// Real packages for the task to inspect, made with NuGet's own package builder and signing code and laid out as
/// restore lays them out in a global packages folder.
/// </summary>
internal static class TestPackages
{
    public sealed record Spec(string Id, string Version, string Authors, string? Copyright = null, string? RepositoryUrl = null,
        X509Certificate2? SignWith = null, string? AssemblyPath = null, string? Owners = null,
        X509Certificate2? RepositorySignWith = null, string[]? RepositoryOwners = null);

    /// <summary>A self-signed code-signing certificate, as a vendor's (or a test's) signing certificate.</summary>
    public static X509Certificate2 CreateCodeSigningCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    // A signing request disposes its certificate; each request gets its own copy so a test can sign many packages.
    private static X509Certificate2 Copy(X509Certificate2 certificate)
        => X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);

    private static async Task Sign(string input, string output, SignPackageRequest request)
    {
        using var options = SigningOptions.CreateFromFilePaths(input, output, overwrite: true, new X509SignatureProvider(timestampProvider: null), NullLogger.Instance);
        await SigningUtility.SignAsync(options, request, CancellationToken.None);
    }

    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    /// <summary>Writes the package into packageFolder/id/version/ and returns its 'libraries' entry for an assets file.</summary>
    public static async Task<string> RestoreInto(string packageFolder, Spec spec)
    {
        var builder = new PackageBuilder { Id = spec.Id, Version = NuGetVersion.Parse(spec.Version), Description = "Test package." };
        builder.Authors.Add(spec.Authors);
        builder.Copyright = spec.Copyright;
        if (spec.Owners != null)
        {
            builder.Owners.Add(spec.Owners);
        }
        if (spec.RepositoryUrl != null)
        {
            builder.Repository = new RepositoryMetadata("git", spec.RepositoryUrl, "", "");
        }

        var assemblyTarget = spec.AssemblyPath == null ? null : "lib/netstandard2.0/" + Path.GetFileName(spec.AssemblyPath);
        if (spec.AssemblyPath != null)
        {
            builder.Files.Add(new PhysicalPackageFile { SourcePath = spec.AssemblyPath, TargetPath = assemblyTarget! });
        }
        else
        {
            var placeholder = Path.Combine(packageFolder, "_._");
            Directory.CreateDirectory(packageFolder);
            File.WriteAllText(placeholder, "");
            builder.Files.Add(new PhysicalPackageFile { SourcePath = placeholder, TargetPath = "lib/netstandard2.0/_._" });
        }

        var lower = spec.Id.ToLowerInvariant();
        var dir = Path.Combine(packageFolder, lower, spec.Version);
        Directory.CreateDirectory(dir);
        var nupkg = Path.Combine(dir, $"{lower}.{spec.Version}.nupkg");
        var unsigned = nupkg + ".unsigned";
        using (var stream = File.Create(unsigned))
        {
            builder.Save(stream);
        }

        // Author signature, then a repository signature: a countersignature on a signed package, else a primary one.
        if (spec.SignWith != null)
        {
            using var request = new AuthorSignPackageRequest(Copy(spec.SignWith), NuGet.Common.HashAlgorithmName.SHA256);
            await Sign(unsigned, nupkg + ".author", request);
            File.Move(nupkg + ".author", unsigned, overwrite: true);
        }

        if (spec.RepositorySignWith != null)
        {
            using var request = new RepositorySignPackageRequest(Copy(spec.RepositorySignWith), NuGet.Common.HashAlgorithmName.SHA256, NuGet.Common.HashAlgorithmName.SHA256,
                new Uri("https://feed.example/v3/index.json"), spec.RepositoryOwners ?? Array.Empty<string>());
            await Sign(unsigned, nupkg + ".repository", request);
            File.Move(nupkg + ".repository", unsigned, overwrite: true);
        }

        File.Move(unsigned, nupkg, overwrite: true);

        using (var reader = new PackageArchiveReader(nupkg))
        using (var nuspec = reader.GetNuspec())
        using (var file = File.Create(Path.Combine(dir, lower + ".nuspec")))
        {
            nuspec.CopyTo(file);
        }

        var files = new List<string> { $"{lower}.{spec.Version}.nupkg", $"{lower}.nuspec" };
        if (spec.AssemblyPath != null)
        {
            Directory.CreateDirectory(Path.Combine(dir, "lib", "netstandard2.0"));
            File.Copy(spec.AssemblyPath, Path.Combine(dir, assemblyTarget!));
            files.Add(assemblyTarget!);
        }

        return $"\"{spec.Id}/{spec.Version}\": {{ \"type\": \"package\", \"path\": \"{lower}/{spec.Version}\", \"files\": [ {string.Join(", ", files.Select(f => "\"" + f + "\""))} ] }}";
    }
}
