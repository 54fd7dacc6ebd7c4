using System.Text.Json;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>
/// An organisation's repository as it rolls PolicyAnalyzers out (central package management, a GlobalPackageReference,
/// a locked organisation layer that enforces audience and checks, set in Directory.Build.props), and a developer who
/// edits only their own project to get out of the mandatory Dutch measure. Every way out is a CI build that fails.
/// </summary>
[Collection("feed")]
public sealed class EnforcementEndToEndTests
{
    private readonly PackageFeedFixture _feed;

    public EnforcementEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    private const string OrgPolicy = """
        {
          "policy": {
            "id": "contoso-security", "version": "2026.11.30", "publisher": "Contoso security office", "lastUpdated": "2026-11-30",
            "layer": "organisation", "allowWaiversFrom": [ "project" ], "waiverApprovers": [ "CISO office" ],
            "enforce": { "audience": "nl-central-government" }
          }
        }
        """;

    private const string Program = """
        public static class Program
        {
            public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create());
        }
        """;

    /// <summary>The repository: org files by the security team, App.csproj by the developer (extra properties/items).</summary>
    private Consumer Repository(string name, string properties = "", string items = "")
    {
        var consumer = new Consumer(_feed, "enforce-" + name).Write("Program.cs", Program)
            .Write("org.policy.json", OrgPolicy)
            .Write("Directory.Packages.props", """
                <Project>
                  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>
                    <GlobalPackageReference Include="PolicyAnalyzers" Version="$VERSION$" />
                    <PackageVersion Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                  </ItemGroup>
                </Project>
                """)
            .Write("Directory.Build.props", """
                <Project>
                  <PropertyGroup>
                    <PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>
                    <PolicyAnalyzersOrganisationPolicyFile>$(MSBuildThisFileDirectory)org.policy.json</PolicyAnalyzersOrganisationPolicyFile>
                  </PropertyGroup>
                </Project>
                """);
        return consumer.Project(properties, """<PackageReference Include="Kaspersky.Fixture.Scanning" />""" + "\n" + items);
    }

    private static BuildResult CI(Consumer consumer, params string[] extra)
        => consumer.Build(new[] { "-p:ContinuousIntegrationBuild=true", "-p:PolicyAnalyzersDate=2026-11-30" }.Concat(extra).ToArray());

    private static string Summary(BuildResult build) => build.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("PolicyAnalyzers: App: "));

    private static JsonElement OurSarif(Consumer consumer)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "policyanalyzers.sarif"))).RootElement.GetProperty("runs")[0];

    [Fact]
    public void The_organisation_set_up_fails_CI_on_the_mandatory_measure_and_reports_what_ran()
    {
        var consumer = Repository("baseline");
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.NotEmpty(build.Lines("PA1001"));
        Assert.Single(build.Lines("PA1003"));
        Assert.DoesNotContain("PA2", build.Output);
        var summary = Summary(build);
        Assert.Contains("(code analysed, packages checked; policy policyanalyzers-baseline 2026.11.30 [baseline, sha256 ", summary);
        Assert.Contains(" + contoso-security 2026.11.30 [organisation, sha256 ", summary);
        Assert.Contains("audience nl-central-government; date 2026-11-30).", summary);
        var run = OurSarif(consumer);
        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal("contoso-security 2026.11.30, layer organisation", run.GetProperty("properties").GetProperty("enforcedBy").GetString());
        var layers = run.GetProperty("properties").GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(Sha256(Path.Combine(consumer.Directory, "org.policy.json")), layers[1].GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("enabled", "<PolicyAnalyzersEnabled>false</PolicyAnalyzersEnabled>", "PA2001", "PolicyAnalyzersEnabled is false, but policy contoso-security 2026.11.30, layer organisation")]
    [InlineData("packages", "<PolicyAnalyzersCheckPackages>false</PolicyAnalyzersCheckPackages>", "PA2002", "PolicyAnalyzersCheckPackages is false")]
    [InlineData("escalation", "<PolicyAnalyzersEscalateInCI>false</PolicyAnalyzersEscalateInCI><NoWarn>$(NoWarn);PA1001;PA1003</NoWarn>", "PA2005", "PolicyAnalyzersEscalateInCI is false")]
    [InlineData("audience", "<PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>", "PA2006", "PolicyAnalyzersAudience is 'nl-vital-sector', but policy contoso-security 2026.11.30, layer organisation")]
    [InlineData("baseline-off", "<PolicyAnalyzersIncludeShippedPolicy>false</PolicyAnalyzersIncludeShippedPolicy>", "PA2008", "PolicyAnalyzersIncludeShippedPolicy is false")]
    public void A_project_setting_against_an_enforced_one_is_a_located_CI_error_and_the_checks_run_anyway(string name, string property, string id, string message)
    {
        var consumer = Repository(name, property);
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        var line = Assert.Single(build.Lines(id));
        var element = property.Substring(1, property.IndexOf('>') - 1);
        Assert.StartsWith(consumer.At("App.csproj", "<" + element + ">") + ": error " + id + ": " + message, line);
        // Undone where it can be: the vendor findings are still errors, the summary says everything ran.
        Assert.NotEmpty(build.Lines("PA1003"));
        Assert.Contains(build.Lines("PA1001"), l => l.Contains(": error PA1001:"));
        Assert.Contains("code analysed, packages checked", Summary(build));
    }

    [Fact]
    public void Analyzers_turned_off_are_errors_and_the_report_says_code_was_not_analysed()
    {
        var consumer = Repository("no-analyzers", "<PolicyAnalyzersCheckPackages>false</PolicyAnalyzersCheckPackages><RunAnalyzers>false</RunAnalyzers>");
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.StartsWith(consumer.At("App.csproj", "<RunAnalyzers>") + ": error PA2003: RunAnalyzers is false", Assert.Single(build.Lines("PA2003")));
        Assert.Single(build.Lines("PA2002"));
        var summary = Summary(build);
        Assert.DoesNotContain("no findings (", summary);
        Assert.Contains("NOT checked: code (RunAnalyzers or RunAnalyzersDuringBuild is false)", summary);
        Assert.False(OurSarif(consumer).GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void A_target_that_removes_the_analyzers_is_found_from_the_compilers_own_log()
    {
        var consumer = Repository("removed", items: """
            </ItemGroup>
              <Target Name="DropPolicyAnalyzers" BeforeTargets="CoreCompile">
                <ItemGroup>
                  <Analyzer Remove="@(Analyzer)" Condition="$([System.String]::Copy('%(Filename)').StartsWith('PolicyAnalyzers'))" />
                </ItemGroup>
              </Target>
              <ItemGroup>
            """);
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Empty(build.Lines("PA1001"));
        Assert.StartsWith(consumer.At("App.csproj", "<Analyzer Remove=") + ": error PA2003: The compiler ran no PolicyAnalyzers analyzer for this project", Assert.Single(build.Lines("PA2003")));
        var summary = Summary(build);
        Assert.DoesNotContain("no findings", summary);
        Assert.Contains("NOT checked: code (the compiler ran no PolicyAnalyzers analyzer", summary);
        var run = OurSarif(consumer);
        Assert.False(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.StartsWith("not analysed: ", run.GetProperty("properties").GetProperty("checks").GetProperty("code").GetString());
    }

    [Fact]
    public void A_severity_that_turns_a_mandatory_rule_off_is_located_in_the_editorconfig()
    {
        var consumer = Repository("editorconfig").Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.PA1001.severity = none\n");
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.StartsWith(Path.Combine(consumer.Directory, ".editorconfig") + "(4,1): error PA2004: A severity setting turns PA1001 off", Assert.Single(build.Lines("PA2004")));
        Assert.Contains("overrides in effect: PA1001 off by a severity setting", Summary(build));
    }

    [Fact]
    public void A_fail_open_CI_build_is_refused()
    {
        var consumer = Repository("fail-open", "<PolicyAnalyzersFailOpen>true</PolicyAnalyzersFailOpen><PolicyAnalyzersFailOpenInCI>true</PolicyAnalyzersFailOpenInCI><PolicyAnalyzersPolicyFile>broken.policy.json</PolicyAnalyzersPolicyFile>")
            .Write("broken.policy.json", "{ \"policy\": ");
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Single(build.Lines("PA2007"));
        Assert.Contains(build.Lines("PA0003"), l => l.Contains(": error PA0003:"));
    }

    [Fact]
    public void A_project_policy_cannot_weaken_the_baseline_nor_claim_a_higher_layer()
    {
        var consumer = Repository("weaken", "<PolicyAnalyzersPolicyFile>mine.policy.json</PolicyAnalyzersPolicyFile>").Write("mine.policy.json", WeakeningPolicy("baseline"));
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        var refusals = build.Lines("PA0009");
        Assert.Contains(refusals, l => l.StartsWith(Path.Combine(consumer.Directory, "mine.policy.json") + "(2,") && l.Contains("declares layer 'baseline' but is configured in the project place"));
        Assert.Contains(refusals, l => l.Contains("Measure 'nl-2018-kaspersky-antivirus'") && l.Contains("may not redefine it"));
        Assert.Contains(build.Lines("PA1001"), l => l.Contains(": error PA1001:"));
    }

    [Fact]
    public void A_waiver_the_developer_approved_themself_waives_nothing()
    {
        var consumer = Repository("self-waiver", "<PolicyAnalyzersPolicyFile>waivers.policy.json</PolicyAnalyzersPolicyFile>").Write("waivers.policy.json", """
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-30", "layer": "baseline" },
              "waivers": [ { "id": "W-me", "vendor": "kaspersky", "project": "App", "reason": "I need it", "approvedBy": "me", "reference": "none", "expires": "2030-01-01" } ]
            }
            """);
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Lines("PA0009"), l => l.Contains("Waiver 'W-me' in policy app-waivers 1, layer project is approved by 'me', who is not among the approvers the locked policy contoso-security 2026.11.30, layer organisation"));
        Assert.Contains("0 waived", Summary(build));
        Assert.Contains(build.Lines("PA1001"), l => l.Contains(": error PA1001:"));
    }

    [Fact]
    public void An_edited_copy_of_the_baseline_is_never_used_under_its_name()
    {
        var shipped = Path.Combine(_feed.Packages, "policyanalyzers", _feed.Version.ToLowerInvariant(), "policy", "policyanalyzers.policy.json");
        var consumer = Repository("baseline-copy", "<PolicyAnalyzersShippedPolicyFile>edited-baseline.json</PolicyAnalyzersShippedPolicyFile>");
        CI(consumer); // restores the package, so its baseline can be copied
        consumer.Write("edited-baseline.json", File.ReadAllText(shipped).Replace("\"phase-out\"", "\"advise\""));
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Lines("PA0011"), l => l.Contains("error PA0011: Policy file '" + Path.Combine(consumer.Directory, "edited-baseline.json") + "' is configured as the shipped baseline"));
        Assert.Contains(build.Lines("PA1001"), l => l.Contains(": error PA1001:"));
        Assert.Equal(Sha256(shipped), OurSarif(consumer).GetProperty("properties").GetProperty("layers")[0].GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    [InlineData("directory")]
    [InlineData("huge")]
    public void A_hostile_policy_path_is_a_located_error_at_once(string kind)
    {
        var consumer = Repository("hostile-" + kind);
        var path = kind switch
        {
            "fifo" => MakeFifo(Path.Combine(consumer.Directory, "pipe.policy.json")),
            "dev-zero" => "/dev/zero",
            "directory" => consumer.Directory,
            _ => MakeHuge(Path.Combine(consumer.Directory, "huge.policy.json")),
        };
        var started = DateTime.UtcNow;
        var build = CI(consumer, "-p:PolicyAnalyzersPolicyFile=" + path);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), "the build finished");
        Assert.NotEqual(0, build.ExitCode);
        var line = Assert.Single(build.Lines("PA0002"));
        Assert.Contains(kind switch
        {
            "fifo" => "is not a regular file (a pipe or device that gives no data and no end)",
            "dev-zero" => "is not a regular file (it reports size 0 but yields data, as a device does)",
            "directory" => "is a directory, not a file",
            _ => "policy files larger than 16 MiB are not read",
        }, line);
        Assert.NotEmpty(build.Lines("PA1001")); // the other layers still protect
    }

    private (int ExitCode, string Output) Verify(Consumer consumer, params string[] extra)
        => DotNet.RunTool(_feed.ToolPath, "policyanalyzers", consumer.Directory, new[] { "verify", "--root", consumer.Directory }.Concat(extra).ToArray());

    [Fact]
    public void The_verifier_confirms_a_build_in_which_every_check_ran_with_the_required_policy()
    {
        var consumer = Repository("verify-ok");
        CI(consumer);
        var (code, output) = Verify(consumer, "--require", Path.Combine(consumer.Directory, "org.policy.json"), "--markdown", Path.Combine(consumer.Directory, "verify.md"));
        Assert.True(code == 0, output);
        Assert.Contains("**All 1 project(s) verified**", output);
        Assert.Contains($"Required policy: contoso-security 2026.11.30 (sha256 `{Sha256(Path.Combine(consumer.Directory, "org.policy.json"))}`), enforcing audience `nl-central-government`.", output);
        Assert.Contains("| App | verified | every check ran; 3 finding(s), 1 vendor package(s) confirmed from the restore output; audience nl-central-government;", output);
        Assert.Equal(output, File.ReadAllText(Path.Combine(consumer.Directory, "verify.md")));
    }

    [Fact]
    public void A_project_that_excludes_the_package_passes_its_build_and_fails_the_verifier()
    {
        var consumer = Repository("exclude-assets", items: """<PackageReference Include="PolicyAnalyzers" ExcludeAssets="all" />""");
        var build = CI(consumer);
        Assert.True(build.ExitCode == 0, build.Output); // nothing of PolicyAnalyzers runs: only NuGet's NU1504 says anything
        Assert.Contains("NU1504", build.Output);
        var (code, output) = Verify(consumer, "--require", Path.Combine(consumer.Directory, "org.policy.json"));
        Assert.Equal(1, code);
        Assert.Contains("| App | **FAILED** | no PolicyAnalyzers log: the package is not referenced, its build assets are excluded, or the project was not built |", output);
    }

    [Fact]
    public void With_an_organisation_policy_package_excluding_PolicyAnalyzers_fails_the_build_itself()
    {
        var consumer = new Consumer(_feed, "enforce-policy-package").Write("Program.cs", Program)
            .Project("", """
                <PackageReference Include="Contoso.Security.Policy" Version="2026.11.2" />
                        <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" ExcludeAssets="all" />
                        <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
                """);
        var build = CI(consumer);
        Assert.NotEqual(0, build.ExitCode);
        Assert.StartsWith(consumer.ProjectPath + " : error PA2009: This project uses an organisation policy package, but PolicyAnalyzers is not active in it", Assert.Single(build.Lines("PA2009")));
        Assert.Equal(1, Verify(consumer).ExitCode);
    }

    [Fact]
    public void A_project_that_swaps_the_organisation_policy_for_its_own_fails_the_verifier()
    {
        var consumer = Repository("own-org", "<PolicyAnalyzersOrganisationPolicyFile>own.policy.json</PolicyAnalyzersOrganisationPolicyFile><PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>")
            .Write("own.policy.json", """{ "policy": { "id": "contoso-security", "version": "2026.11.30", "publisher": "me", "lastUpdated": "2026-11-30" } }""");
        var build = CI(consumer);
        Assert.Equal(0, build.ExitCode); // advice for the vital sector: warnings only
        var (code, output) = Verify(consumer, "--require", Path.Combine(consumer.Directory, "org.policy.json"));
        Assert.Equal(1, code);
        Assert.Contains($"did not use contoso-security 2026.11.30 (sha256 {Sha256(Path.Combine(consumer.Directory, "org.policy.json"))}); used: policyanalyzers-baseline 2026.11.30", output);
    }

    [Fact]
    public void Analyzers_turned_off_without_enforcement_pass_the_build_and_fail_the_verifier()
    {
        var consumer = Repository("verify-no-analyzers", "<RunAnalyzers>false</RunAnalyzers><PolicyAnalyzersOrganisationPolicyFile></PolicyAnalyzersOrganisationPolicyFile><PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>");
        var build = CI(consumer);
        Assert.Equal(0, build.ExitCode);
        Assert.Contains("NOT checked: code (RunAnalyzers or RunAnalyzersDuringBuild is false)", Summary(build));
        var (code, output) = Verify(consumer);
        Assert.Equal(1, code);
        Assert.Contains("| App | **FAILED** | not every check ran: Code was not analysed: RunAnalyzers or RunAnalyzersDuringBuild is false.", output);
    }

    private static string MakeFifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", path);
        process.WaitForExit();
        return path;
    }

    private static string MakeHuge(string path)
    {
        using var stream = File.Create(path);
        stream.SetLength(17L * 1024 * 1024);
        return path;
    }

    private static string WeakeningPolicy(string layer) => $$"""
        {
          "policy": { "id": "mine", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-30", "layer": "{{layer}}" },
          "measures": [
            { "id": "nl-2018-kaspersky-antivirus", "decision": "nl-2018-kaspersky-precaution", "vendors": [ "kaspersky" ], "productScope": "nothing",
              "audiences": [ { "audience": "nl-central-government", "action": "advise" } ] }
          ]
        }
        """;

    private static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
