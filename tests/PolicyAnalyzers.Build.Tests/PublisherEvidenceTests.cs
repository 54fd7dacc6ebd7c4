using System.Security.Cryptography.X509Certificates;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

using static PolicyAnalyzers.Build.Tests.TaskFindings;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>PA1003 by who published a package: nuspec, signature, assemblies inside. Real packages, real signatures.</summary>
public sealed class PublisherEvidenceTests : IDisposable
{
    private static readonly string ShippedPolicy = Path.Combine(AppContext.BaseDirectory, "policy", "policyanalyzers.policy.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("pa-evidence-").FullName;
    private string Packages => Path.Combine(_dir, "packages");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // An organisation layer: a vendor recognised only by publisher evidence, under a measure of the shipped decision.
    private static string OrgPolicy(string fingerprint) => $$"""
        {
          "policy": { "id": "contoso-security", "version": "2026.11.1", "publisher": "Contoso security", "lastUpdated": "2026-11-01" },
          "vendors": [ { "id": "testvendor", "name": "Test Vendor", "legalEntities": [ "Test Vendor GmbH" ],
            "identify": { "publishers": [ "Test Vendor GmbH" ], "certificateFingerprints": [ "{{fingerprint}}" ],
                          "publicKeyTokens": [ "8d05b1bb7a6fdb6c" ], "repositories": [ "https://git.example/testvendor" ] } } ],
          "measures": [ { "id": "contoso-testvendor", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "testvendor" ],
            "audiences": [ { "audience": "nl-central-government", "action": "prohibit" } ] } ]
        }
        """;

    private async Task<(RecordingBuildEngine Engine, CheckVendorPackages Task)> Run(string orgPolicy, params TestPackages.Spec[] packages)
    {
        var libraries = new List<string>();
        foreach (var p in packages)
        {
            libraries.Add(await TestPackages.RestoreInto(Packages, p));
        }

        var targets = string.Join(",\n", packages.Select(p => $"\"{p.Id}/{p.Version}\": {{ \"type\": \"package\" }}"));
        var deps = string.Join(",\n", packages.Select(p => $"\"{p.Id}\": {{ \"target\": \"Package\", \"version\": \"[{p.Version}, )\" }}"));
        var assets = $$"""
            {
              "version": 3,
              "targets": { "net8.0": { {{targets}} } },
              "libraries": { {{string.Join(",\n", libraries)}} },
              "packageFolders": { "{{Packages.Replace("\\", "\\\\")}}/": {} },
              "project": { "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": { {{deps}} } } } }
            }
            """;
        var assetsPath = Path.Combine(_dir, "project.assets.json");
        File.WriteAllText(assetsPath, assets);
        var project = Path.Combine(_dir, "App.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n" + string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />\n")) + "  </ItemGroup>\n</Project>\n");
        var org = Path.Combine(_dir, "org.policy.json");
        File.WriteAllText(org, orgPolicy);
        var engine = new RecordingBuildEngine();
        var task = new CheckVendorPackages
        {
            BuildEngine = engine,
            PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }), new TaskItem(org) },
            ProjectPath = project,
            ProjectAssetsFile = assetsPath,
            TargetFramework = "net8.0",
            Audience = "nl-central-government",
        };
        task.Execute();
        return (engine, task);
    }

    [Fact]
    public async Task Innocently_named_package_is_found_by_nuspec_authors_and_copyright_in_one_finding()
    {
        var (engine, task) = await Run(OrgPolicy(new string('0', 64)),
            new TestPackages.Spec("Contoso.Telemetry", "1.0.0", "AO Kaspersky Lab", Copyright: "© 2024 AO Kaspersky Lab"),
            new TestPackages.Spec("Contoso.Logging", "2.0.0", "Contoso Ltd", Copyright: "© Contoso Ltd"));
        var finding = Assert.Single(engine.Errors);
        Assert.Equal(("PA1003", 3), (finding.Code, finding.LineNumber));
        Assert.StartsWith("Package 'Contoso.Telemetry 1.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out", finding.Message);
        Assert.Equal("nuspec authors: AO Kaspersky Lab; nuspec copyright: © 2024 AO Kaspersky Lab", MatchedBy(task, "Contoso.Telemetry"));
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public async Task Signed_package_is_found_by_certificate_fingerprint_and_subject()
    {
        using var certificate = TestPackages.CreateCodeSigningCertificate("CN=Test Vendor Code Signing, O=Test Vendor GmbH, C=DE");
        var fingerprint = TestPackages.Fingerprint(certificate);
        var (engine, task) = await Run(OrgPolicy(fingerprint),
            new TestPackages.Spec("Helpful.Utilities", "3.1.0", "Helpful People", SignWith: certificate),
            new TestPackages.Spec("Other.Signed", "1.0.0", "Other", SignWith: TestPackages.CreateCodeSigningCertificate("CN=Other Publisher")));
        var finding = Assert.Single(engine.Errors);
        Assert.StartsWith("Package 'Helpful.Utilities 3.1.0' is Test Vendor software, which Dutch central government (Rijksoverheid) may not use", finding.Message);
        Assert.Equal($"author signature by certificate CN=Test Vendor Code Signing, O=Test Vendor GmbH, C=DE, SHA-256 {fingerprint}", MatchedBy(task, "Helpful.Utilities"));
        Assert.Equal("Helpful.Utilities", Assert.Single(task.Findings).ItemSpec);
        Assert.Equal("testvendor", task.Findings[0].GetMetadata("Vendor"));
    }

    [Fact]
    public async Task Repository_signature_owners_are_evidence_whether_primary_or_countersignature()
    {
        using var author = TestPackages.CreateCodeSigningCertificate("CN=Unrelated Author");
        using var repository = TestPackages.CreateCodeSigningCertificate("CN=Feed Repository Signing");
        var policy = OrgPolicy(new string('0', 64)).Replace("\"publishers\": [ \"Test Vendor GmbH\" ]", "\"packageOwners\": [ \"testvendor-official\" ]");
        var (engine, task) = await Run(policy,
            new TestPackages.Spec("Plain.Countersigned", "1.0.0", "Someone", SignWith: author, RepositorySignWith: repository, RepositoryOwners: new[] { "testvendor-official", "helper" }),
            new TestPackages.Spec("Plain.RepositorySigned", "1.0.0", "Someone", RepositorySignWith: repository, RepositoryOwners: new[] { "testvendor-official" }),
            new TestPackages.Spec("Plain.OtherOwner", "1.0.0", "Someone", RepositorySignWith: repository, RepositoryOwners: new[] { "someone-else" }));
        Assert.Equal(2, engine.Errors.Count);
        Assert.Equal("repository countersignature owners: testvendor-official, helper", MatchedBy(task, "Plain.Countersigned"));
        Assert.Equal("repository signature owners: testvendor-official", MatchedBy(task, "Plain.RepositorySigned"));
    }

    [Fact]
    public async Task Assembly_inside_a_package_is_found_by_its_public_key_token_and_repository_by_url()
    {
        var assembly = typeof(FactAttribute).Assembly.Location; // a real strong-named assembly (token 8d05b1bb7a6fdb6c)
        var (engine, task) = await Run(OrgPolicy(new string('0', 64)),
            new TestPackages.Spec("Neutral.Name", "1.0.0", "Someone", RepositoryUrl: "https://git.example/testvendor/neutral.git", AssemblyPath: assembly));
        var finding = Assert.Single(engine.Errors);
        Assert.StartsWith("Package 'Neutral.Name 1.0.0' is Test Vendor software", finding.Message);
        Assert.Equal("nuspec repository https://git.example/testvendor/neutral.git; assembly lib/netstandard2.0/xunit.core.dll with public key token 8d05b1bb7a6fdb6c", MatchedBy(task, "Neutral.Name"));
    }

    [Fact]
    public async Task A_policy_with_only_domains_finds_a_package_whose_repository_is_on_one()
    {
        const string domainsOnly = """
            {
              "policy": { "id": "contoso-security", "version": "2026.11.1", "publisher": "Contoso security", "lastUpdated": "2026-11-01" },
              "vendors": [ { "id": "testvendor", "name": "Test Vendor", "legalEntities": [ "Test Vendor GmbH" ], "identify": { "domains": [ "testvendor.example" ] } } ],
              "measures": [ { "id": "contoso-testvendor", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "testvendor" ],
                "audiences": [ { "audience": "nl-central-government", "action": "prohibit" } ] } ]
            }
            """;
        var (found, task) = await Run(domainsOnly, new TestPackages.Spec("Plain.Client", "1.0.0", "Someone", RepositoryUrl: "https://git.testvendor.example/client.git"));
        Assert.Contains(found.Errors, e => e.Message!.StartsWith("Package 'Plain.Client 1.0.0' is Test Vendor software"));
        Assert.Equal("nuspec repository https://git.testvendor.example/client.git", MatchedBy(task, "Plain.Client"));
    }

    [Fact]
    public async Task A_corrupt_package_archive_is_a_warning_and_its_id_is_still_checked()
    {
        var (engine, _) = await Run(OrgPolicy(new string('0', 64)), new TestPackages.Spec("Kaspersky.Fixture.Engine", "1.0.0", "Fixture"));
        Assert.Single(engine.Errors);
        var nupkg = Path.Combine(Packages, "kaspersky.fixture.engine", "1.0.0", "kaspersky.fixture.engine.1.0.0.nupkg");
        File.WriteAllBytes(nupkg, new byte[] { 0x50, 0x4b, 0x03, 0x04, 1, 2, 3 });
        var task = new CheckVendorPackages
        {
            BuildEngine = engine = new RecordingBuildEngine(),
            PolicyFiles = new[] { new TaskItem(ShippedPolicy, new Dictionary<string, string> { ["PolicyAnalyzersLayer"] = "0" }) },
            ProjectPath = Path.Combine(_dir, "App.csproj"),
            ProjectAssetsFile = Path.Combine(_dir, "project.assets.json"),
            TargetFramework = "net8.0",
            Audience = "nl-central-government",
        };
        Assert.False(task.Execute());
        Assert.StartsWith("Package 'Kaspersky.Fixture.Engine 1.0.0' is Kaspersky software", Assert.Single(engine.Errors).Message);
        Assert.Equal("package id pattern 'Kaspersky.*'", MatchedBy(task, "Kaspersky.Fixture.Engine"));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PA1008", warning.Code);
        Assert.Contains("Package 'Kaspersky.Fixture.Engine 1.0.0' could not be fully checked for publisher evidence: the signature of", warning.Message);
        Assert.Contains("Delete the package from the package folder and restore again.", warning.Message);
    }
}
