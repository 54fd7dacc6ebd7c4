using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>Keys and certificates made for one test run, so no vendor key or binary is ever committed.</summary>
internal static class TestSigning
{
    /// <summary>A self-signed code-signing certificate written as a password-protected PFX for 'dotnet nuget sign'.</summary>
    public static (string Fingerprint, string Subject) WriteCodeSigningPfx(string path, string subject, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (Convert.ToHexString(SHA256.HashData(certificate.RawData)), certificate.Subject);
    }

    /// <summary>
    /// A strong-name key file (.snk): the RSA key as a CryptoAPI PRIVATEKEYBLOB, which is what the compiler's
    /// AssemblyOriginatorKeyFile reads.
    /// </summary>
    public static void WriteStrongNameKey(string path)
    {
        using var rsa = RSA.Create(1024);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var bits = p.Modulus!.Length * 8;
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream);
        w.Write((byte)0x07);          // PRIVATEKEYBLOB
        w.Write((byte)0x02);          // version
        w.Write((ushort)0);
        w.Write(0x00002400u);         // CALG_RSA_SIGN
        w.Write(0x32415352u);         // "RSA2"
        w.Write((uint)bits);
        w.Write(Exponent(p.Exponent!));
        foreach (var (value, length) in new[] { (p.Modulus, bits / 8), (p.P!, bits / 16), (p.Q!, bits / 16), (p.DP!, bits / 16), (p.DQ!, bits / 16), (p.InverseQ!, bits / 16), (p.D!, bits / 8) })
        {
            var little = new byte[length];
            for (var i = 0; i < value.Length && i < length; i++)
            {
                little[i] = value[value.Length - 1 - i]; // big-endian in RSAParameters, little-endian in the blob
            }

            w.Write(little);
        }
    }

    private static uint Exponent(byte[] bigEndian)
    {
        uint e = 0;
        foreach (var b in bigEndian)
        {
            e = (e << 8) | b;
        }

        return e;
    }
}
