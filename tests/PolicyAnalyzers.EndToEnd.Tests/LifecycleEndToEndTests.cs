using System.Security.Cryptography;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// The security team's flow in real builds: a policy package from a feed, pinned; deadlines crossed by fixing the
/// date; waivers before and after expiry; an unused waiver; a missing policy in CI.
/// </summary>
[Collection("feed")]
public sealed class LifecycleEndToEndTests
{
    private readonly PackageFeedFixture _feed;

    public LifecycleEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    private const string ProgramUsingVendor = """
        public static class Program
        {
            public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create());
        }
        """;

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    [Fact]
    public void A_pinned_policy_package_from_the_feed_applies_and_its_deadline_turns_warnings_into_errors()
    {
        var pin = Sha256(Path.Combine(_feed.PolicyTemplate, "contoso-security.policy.json"));
        var consumer = new Consumer(_feed, "policy-package").Write("Program.cs", ProgramUsingVendor)
            .Project("<PolicyAnalyzersAudience>contoso-production</PolicyAnalyzersAudience>", $"""
                <PackageReference Include="Contoso.Security.Policy" Version="2026.11.2" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                        <PolicyAnalyzersPin Include="contoso-security.policy.json" Sha256="{pin}" />
                """);

        // Only the policy package is referenced: PolicyAnalyzers and the organisation layer arrive through it.
        var before = consumer.Build("-p:PolicyAnalyzersDate=2027-06-01");
        Assert.Equal(0, before.ExitCode);
        Assert.DoesNotContain("PA0007", before.Output);
        const string phaseOut = "is Kaspersky software, which Contoso production systems must phase out by 30 June 2027";
        var api = Assert.Single(before.Lines("PA1001"));
        Assert.Contains($"warning PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Create()' {phaseOut} (29 days left) (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).", api);
        Assert.Equal("contoso-security 2026.11.2, layer organisation", before.Property(Assert.Single(before.SarifResults("PA1001")), "PolicyAnalyzersPolicyLayer"));
        Assert.Contains(before.Lines("PA1003"), l => l.Contains("warning PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0' " + phaseOut + " (29 days left)"));

        var after = consumer.Build("-p:PolicyAnalyzersDate=2027-07-01");
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("error PA1001: 'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software, which Contoso production systems had to phase out by 30 June 2027 (passed 1 day ago)", Assert.Single(after.Lines("PA1001")));
        Assert.Contains(after.Lines("PA1003"), l => l.Contains("error PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0'") && l.Contains("(passed 1 day ago)"));
    }

    [Fact]
    public void A_policy_file_replaced_in_the_package_folder_fails_its_pin_and_is_not_used()
    {
        var packages = Path.Combine(_feed.Root, "tamper-packages");
        var pin = Sha256(Path.Combine(_feed.PolicyTemplate, "contoso-security.policy.json"));
        var consumer = new Consumer(_feed, "tamper").Write("Program.cs", ProgramUsingVendor)
            .Project($"<PolicyAnalyzersAudience>contoso-production</PolicyAnalyzersAudience><RestorePackagesPath>{packages}</RestorePackagesPath>", $"""
                <PackageReference Include="Contoso.Security.Policy" Version="2026.11.2" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                        <PolicyAnalyzersPin Include="contoso-security.policy.json" Sha256="{pin}" />
                """);
        Assert.Equal(0, consumer.Build("-p:PolicyAnalyzersDate=2027-06-01").ExitCode);

        // Someone with access to the machine's package folder weakens the policy in place.
        var restored = Path.Combine(packages, "contoso.security.policy", "2026.11.2", "policy", "contoso-security.policy.json");
        File.WriteAllText(restored, File.ReadAllText(restored).Replace("\"phase-out\"", "\"advise\""));

        var build = consumer.Build("-p:PolicyAnalyzersDate=2027-07-01");
        Assert.NotEqual(0, build.ExitCode);
        var pa0007 = Assert.Single(build.Lines("PA0007"));
        Assert.Contains($"error PA0007: Policy file '{restored}' has SHA-256 {Sha256(restored)}, but the project pins {pin} (PolicyAnalyzersPin).", pa0007);
        Assert.DoesNotContain("advised against", build.Output); // the replaced file is never read
    }

    [Fact]
    public void Waivers_show_findings_as_information_until_they_expire_and_an_unused_one_is_reported()
    {
        var consumer = new Consumer(_feed, "waivers").Write("Program.cs", ProgramUsingVendor)
            .Write("waivers.policy.json", """
                {
                  "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
                  "waivers": [
                    { "id": "W-1", "vendor": "kaspersky", "project": "App", "reason": "Scanner replacement ordered", "approvedBy": "CISO office", "reference": "SEC-1", "expires": "2027-01-31" },
                    { "id": "W-2", "project": "App", "package": "Kaspersky.Fixture.Engine", "reason": "No longer used", "approvedBy": "CISO office", "reference": "SEC-2", "expires": "2027-12-31" }
                  ]
                }
                """)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", """
                <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                        <PolicyAnalyzersPolicy Include="waivers.policy.json" />
                """);

        var valid = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15");
        Assert.Equal(0, valid.ExitCode);
        Assert.DoesNotContain("AD0001", valid.Output);
        Assert.Empty(valid.Lines("PA1001"));
        Assert.Empty(valid.Lines("PA1002"));
        Assert.Empty(valid.Lines("PA1003"));
        // Shown, not silenced: the compiler's log holds the code and package findings as notes.
        var waivedApi = Assert.Single(valid.SarifResults("PA1001"));
        Assert.Equal("note", waivedApi.GetProperty("level").GetString());
        Assert.StartsWith("Waived until 2027-01-31 by 'W-1' (CISO office): 'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software", waivedApi.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(("W-1", "valid"), (valid.Property(waivedApi, "PolicyAnalyzersWaiver"), valid.Property(waivedApi, "PolicyAnalyzersWaiverState")));
        var waivedPackage = Assert.Single(valid.SarifResults("PA1003"));
        Assert.Equal("note", waivedPackage.GetProperty("level").GetString());
        Assert.StartsWith("Waived until 2027-01-31 by 'W-1'", waivedPackage.GetProperty("message").GetProperty("text").GetString());
        // W-2 names a package the project does not use: reported where it is written.
        var unused = Assert.Single(valid.Lines("PA0008"));
        Assert.StartsWith(consumer.At("waivers.policy.json", "\"W-2\"") + ": warning PA0008: Waiver 'W-2' (project 'App', package 'Kaspersky.Fixture.Engine'; SEC-2, expires 2027-12-31) matched no finding in project App on 2027-01-15.", unused);
        Assert.DoesNotContain("'W-1'", string.Join("\n", valid.Lines("PA0008")));

        var lapsed = consumer.Build("-p:PolicyAnalyzersDate=2027-02-01");
        Assert.NotEqual(0, lapsed.ExitCode);
        Assert.StartsWith("Waiver 'W-1' lapsed on 2027-01-31: 'Kaspersky.Fixture.Scanning.Scanner.Create()' is Kaspersky software", Assert.Single(lapsed.Lines("PA1001")).Split(": error PA1001: ")[1]);
        Assert.Contains(lapsed.Lines("PA1003"), l => l.Contains("error PA1003: Waiver 'W-1' lapsed on 2027-01-31"));
    }

    [Fact]
    public void A_missing_policy_fails_closed_in_CI_even_where_the_project_chose_fail_open_locally()
    {
        var consumer = new Consumer(_feed, "fail-closed").Write("Program.cs", "public static class Program { public static void Main() { } }")
            .Project("<PolicyAnalyzersPolicyFile>central/contoso.policy.json</PolicyAnalyzersPolicyFile><PolicyAnalyzersFailOpen>true</PolicyAnalyzersFailOpen>",
                """<PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />""");

        var local = consumer.Build();
        Assert.Equal(0, local.ExitCode);
        Assert.Contains("warning PA0001: Policy file '" + Path.Combine(consumer.Directory, "central", "contoso.policy.json") + "' does not exist.", Assert.Single(local.Lines("PA0001")));

        var ci = consumer.Build("-p:ContinuousIntegrationBuild=true");
        Assert.NotEqual(0, ci.ExitCode);
        Assert.Contains("error PA0001: Policy file", Assert.Single(ci.Lines("PA0001")));
    }

    [Fact]
    public void Opt_in_freshness_check_names_a_newer_policy_package_and_an_unreachable_feed_never_breaks_the_build()
    {
        var consumer = new Consumer(_feed, "freshness").Write("Program.cs", "public static class Program { public static void Main() { } }")
            .Project("<PolicyAnalyzersAudience>contoso-production</PolicyAnalyzersAudience>", """<PackageReference Include="Contoso.Security.Policy" Version="2026.11.2" />""");
        var build = consumer.Build("-p:PolicyAnalyzersCheckPolicyUpdates=true");
        Assert.Equal(0, build.ExitCode);
        Assert.Contains($"warning PA0010: Policy package 'contoso.security.policy' 2026.11.2 is in use, but 2026.12.1 is available on feed '{_feed.Feed}'.", Assert.Single(build.Lines("PA0010")));

        // Without the opt-in, nothing is asked.
        Assert.Empty(consumer.Build().Lines("PA0010"));

        // A feed that refuses: one message, the build passes, the other feed's answer stands.
        consumer.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e" value="{_feed.Feed}" />
                <add key="down" value="http://127.0.0.1:9/v3/index.json" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        var offline = consumer.Build("--no-restore", "-p:PolicyAnalyzersCheckPolicyUpdates=true", "-p:PolicyAnalyzersOnlineCacheHours=0", "-p:PolicyAnalyzersOnlineTimeoutSeconds=5");
        Assert.Equal(0, offline.ExitCode);
        Assert.Single(offline.Lines("PA0010"));
        Assert.Contains("PolicyAnalyzers could not check every feed for a newer policy package (feed 'http://127.0.0.1:9/v3/index.json' ", offline.Output);
    }
}
