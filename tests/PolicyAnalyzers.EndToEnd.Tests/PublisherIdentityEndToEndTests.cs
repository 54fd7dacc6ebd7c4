namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>Recognition by publisher: a signed package with an innocent id, a strong-named assembly, an endpoint.</summary>
[Collection("feed")]
public sealed class PublisherIdentityEndToEndTests
{
    private readonly PackageFeedFixture _feed;

    public PublisherIdentityEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    [Fact]
    public void Signed_package_with_an_innocent_id_and_a_vendor_endpoint_are_found_on_the_shipped_policy()
    {
        var consumer = new Consumer(_feed, "publisher")
            .Write("Program.cs", """
                using System;
                public static class Program
                {
                    private const string Telemetry = "https://ksn.kaspersky.com/telemetry";
                    public static void Main()
                    {
                        Console.WriteLine(Contoso.DeviceAgent.Agent.Status());
                        Console.WriteLine(new Uri(Telemetry));
                        Console.WriteLine(new Uri("https://example.org/"));
                    }
                }
                """)
            .Write("org.policy.json", $$"""
                {
                  "policy": { "id": "contoso-security", "version": "2026.11.2", "publisher": "Contoso security office", "lastUpdated": "2026-11-20", "overrideBaseline": [ "kaspersky" ] },
                  "vendors": [ { "id": "kaspersky", "name": "Kaspersky", "legalEntities": [ "AO Kaspersky Lab" ],
                    "identify": { "publishers": [ "AO Kaspersky Lab" ], "domains": [ "kaspersky.com" ], "publicKeyTokens": [ "{{_feed.AgentPublicKeyToken}}" ] } } ]
                }
                """)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>",
                """
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <PackageReference Include="Contoso.DeviceAgent" Version="1.0.0" />
                        <PolicyAnalyzersPolicy Include="org.policy.json" Layer="organisation" />
                """);
        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);

        // PA1003 on the signed package: one finding with the signature as evidence, located at its PackageReference.
        var package = Assert.Single(build.Lines("PA1003"));
        Assert.StartsWith(consumer.At("App.csproj", "<PackageReference Include=\"Contoso.DeviceAgent\"") + ": error PA1003: Package 'Contoso.DeviceAgent 1.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out", package);
        var evidence = build.Property(Assert.Single(build.SarifResults("PA1003")), "PolicyAnalyzersMatchedBy");
        Assert.Contains($"author signature by certificate {_feed.SigningSubject}, SHA-256 {_feed.SigningFingerprint}", evidence);
        Assert.Contains($"assembly lib/netstandard2.0/Contoso.DeviceAgent.dll with public key token {_feed.AgentPublicKeyToken}", evidence);

        // PA1002: the assembly, by the strong-name token made for this run.
        Assert.Contains(build.Lines("PA1002"), l => l.Contains("error PA1002: Referenced assembly 'Contoso.DeviceAgent 1.0.0.0' is Kaspersky software"));
        Assert.Contains(build.SarifResults("PA1002"), r => build.Property(r, "PolicyAnalyzersMatchedBy") == $"public key token {_feed.AgentPublicKeyToken}");

        // PA1007: the vendor endpoint where the constant is written; example.org is not reported.
        var endpoint = Assert.Single(build.Lines("PA1007"));
        Assert.StartsWith(consumer.At("Program.cs", "\"https://ksn.kaspersky.com/telemetry\"") + ": error PA1007: 'https://ksn.kaspersky.com/telemetry' is an endpoint of Kaspersky, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", endpoint);
        Assert.Contains("https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab", endpoint);
    }

    [Fact]
    public void Assembly_referenced_by_HintPath_is_found_by_its_strong_name_token()
    {
        var consumer = new Consumer(_feed, "hintpath")
            .Write("Program.cs", "public static class Program { public static void Main() => System.Console.WriteLine(Contoso.DeviceAgent.Agent.Status()); }")
            .Write("org.policy.json", $$"""
                {
                  "policy": { "id": "contoso-security", "version": "2026.11.2", "publisher": "Contoso security office", "lastUpdated": "2026-11-20", "overrideBaseline": [ "kaspersky" ] },
                  "vendors": [ { "id": "kaspersky", "name": "Kaspersky", "legalEntities": [ "AO Kaspersky Lab" ], "identify": { "publicKeyTokens": [ "{{_feed.AgentPublicKeyToken}}" ] } } ]
                }
                """)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>",
                $"""
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <Reference Include="Contoso.DeviceAgent"><HintPath>{_feed.AgentAssemblyPath}</HintPath></Reference>
                        <PolicyAnalyzersPolicy Include="org.policy.json" Layer="organisation" />
                """);
        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        var finding = Assert.Single(build.Lines("PA1002"));
        Assert.Contains("error PA1002: Referenced assembly 'Contoso.DeviceAgent 1.0.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out", finding);
        var result = Assert.Single(build.SarifResults("PA1002"));
        Assert.Equal($"Contoso.DeviceAgent, Version=1.0.0.0, Culture=neutral, PublicKeyToken={_feed.AgentPublicKeyToken}", build.Property(result, "PolicyAnalyzersAssembly"));
        Assert.Equal(_feed.AgentAssemblyPath, build.Property(result, "PolicyAnalyzersAssemblyPath"));
        Assert.Equal($"public key token {_feed.AgentPublicKeyToken}", build.Property(Assert.Single(build.SarifResults("PA1002")), "PolicyAnalyzersMatchedBy"));
        Assert.Empty(build.Lines("PA1003")); // no package is involved
    }
}
