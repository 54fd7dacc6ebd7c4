using System.Text.RegularExpressions;

namespace PolicyAnalyzers.EndToEnd.Tests;

[CollectionDefinition("feed")]
public sealed class FeedCollection : ICollectionFixture<PackageFeedFixture>
{
}

[Collection("feed")]
public sealed class PackageEndToEndTests
{
    private const string NlDecisionLink = "https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab";
    private readonly PackageFeedFixture _feed;

    public PackageEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    private const string ProgramUsingVendor = """
        using Kaspersky.Fixture.Scanning;
        public static class Program
        {
            public static void Main()
            {
                var result = Scanner.Create().Scan("/tmp");
                System.Console.WriteLine(result.Clean);
                System.Console.WriteLine(Contoso.ScanWrapper.SafeScanner.Describe());
            }
        }
        """;

    private const string VendorReferences = """
        <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                <PackageReference Include="Contoso.ScanWrapper" Version="2.0.0" />
        """;

    [Fact]
    public void Central_government_build_fails_with_every_kind_of_finding_linked_to_the_decision()
    {
        var consumer = new Consumer(_feed, "central").Write("Program.cs", ProgramUsingVendor)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", VendorReferences);
        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output); // a task that threw

        // PA1001: API use, at the source position, as an error, with the decision link.
        var api = build.Lines("PA1001");
        Assert.Contains(api, l => l.StartsWith(Path.Combine(consumer.Directory, "Program.cs") + "(1,7): error PA1001: 'Kaspersky.Fixture.Scanning' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        Assert.Contains(api, l => l.Contains("(6,30): error PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Create()'"));
        Assert.Contains(api, l => l.Contains("(6,39): error PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Scan(string)'"));
        Assert.Contains(api, l => l.Contains("(7,41): error PA1001: 'Kaspersky.Fixture.Scanning.ScanResult.Clean'"));
        // One sentence, the decision link once: the compiler prints the help link after it.
        Assert.All(api, l => Assert.EndsWith("(Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). (" + NlDecisionLink + ")", l));
        Assert.All(api, l => Assert.Single(System.Text.RegularExpressions.Regex.Matches(l, "https://")));
        var sarifApi = build.SarifResults("PA1001");
        Assert.Equal(4, sarifApi.Count); // using, Create, Scan, Clean: 'Scanner' in 'Scanner.Create()' is part of the Create finding
        Assert.All(sarifApi, r => Assert.Equal(NlDecisionLink, build.HelpUri(r)));
        Assert.All(build.SarifResults("PA1002"), r => Assert.Equal(NlDecisionLink, build.HelpUri(r)));

        // PA1002: referenced vendor assemblies, including the one that arrives transitively.
        var assemblies = build.Lines("PA1002");
        Assert.Contains(assemblies, l => l.Contains("error PA1002: Referenced assembly 'Kaspersky.Fixture.Scanning 1.0.0.0' is Kaspersky software"));
        Assert.Contains(assemblies, l => l.Contains("error PA1002: Referenced assembly 'Kaspersky.Fixture.Engine 1.0.0.0' is Kaspersky software"));

        // PA1003: packages, located at the PackageReference line that brings them in, the transitive one with its path.
        var packages = build.Lines("PA1003");
        Assert.Equal(2, packages.Count);
        Assert.Contains(packages, l => l.StartsWith(consumer.At("App.csproj", "<PackageReference Include=\"Kaspersky.Fixture.Scanning\"") + ": error PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0' is Kaspersky software, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        Assert.Contains(packages, l => l.StartsWith(consumer.At("App.csproj", "<PackageReference Include=\"Contoso.ScanWrapper\"") + ": error PA1003: Package 'Kaspersky.Fixture.Engine 1.0.0' (via Contoso.ScanWrapper 2.0.0) is Kaspersky software")
            && l.EndsWith("(Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). (" + NlDecisionLink + ")")); // the link once: the compiler's help link
        // The detail is in the compiler's log: what matched, the whole path.
        var direct = build.SarifResults("PA1003").Single(r => build.Property(r, "PolicyAnalyzersPackage") == "Kaspersky.Fixture.Scanning 1.0.0");
        Assert.Equal("package id pattern 'Kaspersky.*'; assembly lib/netstandard2.0/Kaspersky.Fixture.Scanning.dll named 'Kaspersky.Fixture.Scanning' (pattern 'Kaspersky.*')", build.Property(direct, "PolicyAnalyzersMatchedBy"));
        var transitive = build.SarifResults("PA1003").Single(r => build.Property(r, "PolicyAnalyzersPackage") == "Kaspersky.Fixture.Engine 1.0.0");
        Assert.Equal("App -> Contoso.ScanWrapper 2.0.0 -> Kaspersky.Fixture.Engine 1.0.0", build.Property(transitive, "PolicyAnalyzersChain"));
        Assert.Equal(NlDecisionLink, build.Property(transitive, "PolicyAnalyzersDecisionLink"));

        // Errors are not forgotten by an incremental build: the check runs again until they are fixed.
        var again = consumer.Build();
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal(2, again.Lines("PA1003").Count);
    }

    [Fact]
    public void A_build_on_dotnet_runs_the_precompiled_analyzers_and_finds_the_same()
    {
        // The package carries ReadyToRun images for linux-x64, win-x64 and osx-arm64: where a build's compiler runs on
        // .NET on one of them it loads those; an editor's design-time build, other hosts and
        // PolicyAnalyzersReadyToRun=false get the IL assemblies.
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var precompiledHere = new[] { "linux-x64", "win-x64", "osx-arm64" }.Contains(rid);
        var consumer = new Consumer(_feed, "readytorun").Write("Program.cs", ProgramUsingVendor)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", VendorReferences);

        var precompiled = consumer.Build("-v:d");
        var il = consumer.Build("-v:d", "-t:Rebuild", "-p:PolicyAnalyzersReadyToRun=false");
        var designTime = consumer.Build("-v:d", "-t:Rebuild", "-p:DesignTimeBuild=true");

        static string[] Analyzers(BuildResult build)
            => Regex.Matches(build.Output, @"/analyzer:(\S*PolicyAnalyzers\.\w+\.dll)").Select(m => m.Groups[1].Value.Replace('\\', '/')).Distinct().Order().ToArray();
        var root = $"{_feed.Packages.Replace('\\', '/')}/policyanalyzers/{_feed.Version}/";
        Assert.Equal(new[] { "PolicyAnalyzers.Analyzers.dll", "PolicyAnalyzers.CodeFixes.dll", "PolicyAnalyzers.Policy.dll" }.Select(f => root + (precompiledHere ? $"readytorun/{rid}/" : "analyzers/dotnet/cs/") + f),
            Analyzers(precompiled));
        var ilAnalyzers = new[] { "PolicyAnalyzers.Analyzers.dll", "PolicyAnalyzers.CodeFixes.dll", "PolicyAnalyzers.Policy.dll" }.Select(f => root + "analyzers/dotnet/cs/" + f);
        Assert.Equal(ilAnalyzers, Analyzers(il));
        Assert.Equal(ilAnalyzers, Analyzers(designTime));

        // The folder is the package's own: a project that names another (to run analyzers of its own instead) gets
        // the package's analyzers all the same.
        var redirected = new Consumer(_feed, "readytorun-elsewhere").Write("Program.cs", ProgramUsingVendor)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience><PolicyAnalyzersReadyToRun>false</PolicyAnalyzersReadyToRun><_PolicyAnalyzersReadyToRunFolder>/tmp/elsewhere/</_PolicyAnalyzersReadyToRunFolder>", VendorReferences)
            .Build("-v:d");
        Assert.Equal(ilAnalyzers, Analyzers(redirected));

        Assert.NotEqual(0, precompiled.ExitCode);
        Assert.DoesNotContain("AD0001", precompiled.Output);
        Assert.Equal(4, precompiled.SarifResults("PA1001").Count); // using, Create, Scan, Clean
        foreach (var id in new[] { "PA1001", "PA1002", "PA1003" })
        {
            Assert.Equal(il.Lines(id), precompiled.Lines(id));
        }
    }

    [Fact]
    public void Advised_audience_gets_warnings_and_NoWarn_silences_the_package_check()
    {
        var consumer = new Consumer(_feed, "vital").Write("Program.cs", ProgramUsingVendor)
            .Project("<PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience><NoWarn>$(NoWarn);PA1002</NoWarn>", VendorReferences);
        var build = consumer.Build();

        Assert.Equal(0, build.ExitCode);
        Assert.All(build.Lines("PA1001"), l => Assert.Contains("warning PA1001", l));
        Assert.Contains(build.Lines("PA1001"), l => l.Contains("which Dutch organisations with vital services and processes should not use"));
        Assert.All(build.Lines("PA1003"), l => Assert.Contains("warning PA1003", l));
        Assert.Equal(2, build.Lines("PA1003").Count);
        Assert.Empty(build.Lines("PA1002"));

        // A no-op build does no policy work: the package check is skipped as up to date.
        var again = consumer.Build("-v:n");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Skipping target \"PolicyAnalyzersCheckPackages\" because all output files are up-to-date", again.Output);

        var silenced = consumer.Build("-p:NoWarn=PA1003%3BPA1001%3BPA1002");
        Assert.Equal(0, silenced.ExitCode);
        Assert.Empty(silenced.Lines("PA1003"));
        Assert.Empty(silenced.Lines("PA1001"));
    }

    [Fact]
    public void Central_package_management_and_a_custom_policy_from_Directory_Build_props()
    {
        var consumer = new Consumer(_feed, "cpm")
            .Write("Directory.Packages.props", """
                <Project>
                  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>
                    <GlobalPackageReference Include="PolicyAnalyzers" Version="$VERSION$" />
                    <PackageVersion Include="Contoso.ScanWrapper" Version="2.0.0" />
                  </ItemGroup>
                </Project>
                """)
            .Write("Directory.Build.props", """
                <Project>
                  <PropertyGroup>
                    <PolicyAnalyzersPolicyFile>$(MSBuildThisFileDirectory)org.policy.json</PolicyAnalyzersPolicyFile>
                    <PolicyAnalyzersAudience>contoso-production</PolicyAnalyzersAudience>
                  </PropertyGroup>
                </Project>
                """)
            .Write("org.policy.json", """
                {
                  "policy": { "id": "contoso-security", "version": "2026.11.1", "publisher": "Contoso security office", "lastUpdated": "2026-11-01" },
                  "audiences": [ { "id": "contoso-production", "name": "Contoso production systems" } ],
                  "measures": [
                    { "id": "contoso-no-kaspersky", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ],
                      "audiences": [ { "audience": "contoso-production", "action": "prohibit" } ] }
                  ]
                }
                """)
            .Write("Program.cs", "public static class Program { public static void Main() => System.Console.WriteLine(Contoso.ScanWrapper.SafeScanner.Describe()); }")
            .Project("", """<PackageReference Include="Contoso.ScanWrapper" />""");
        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        var package = Assert.Single(build.Lines("PA1003"));
        Assert.StartsWith(consumer.At("App.csproj", "<PackageReference Include=\"Contoso.ScanWrapper\"") + ": error PA1003: Package 'Kaspersky.Fixture.Engine 1.0.0' (via Contoso.ScanWrapper 2.0.0) is Kaspersky software, which Contoso production systems may not use", package);
        Assert.Empty(build.Lines("PA1001"));
    }

    [Fact]
    public void Broken_policy_is_a_located_error_and_nothing_crashes()
    {
        var consumer = new Consumer(_feed, "broken")
            .Write("bad.policy.json", "{\n  \"policy\": { \"id\": \"x\", \"version\": \"1\", \"publisher\": \"p\", \"lastUpdated\": \"2026-01-01\", \"colour\": \"red\" },\n  \"vendors\": [ }")
            .Write("Program.cs", "public static class Program { public static void Main() { } }")
            .Project("<PolicyAnalyzersPolicyFile>bad.policy.json;missing.policy.json</PolicyAnalyzersPolicyFile>",
                """<PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />""");
        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.DoesNotContain("MSB4018", build.Output);
        var syntax = Assert.Single(build.Lines("PA0003"));
        Assert.StartsWith(Path.Combine(consumer.Directory, "bad.policy.json") + "(3,16): error PA0003: The policy file is not valid JSON: Unexpected character '}'", syntax);
        var missing = Assert.Single(build.Lines("PA0001"));
        Assert.Contains("Policy file '" + Path.Combine(consumer.Directory, "missing.policy.json") + "' does not exist.", missing);
    }
}
