using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>Deadlines, waivers, fail-open and pinned hashes as the analyzer reports them.</summary>
public class LifecycleAnalyzerTests
{
    private const string Use = "class C { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }";

    private static string Policy(string waivers = "", string deadline = "")
        => AnalyzerTestSetup.Policy
            .Replace("{ \"audience\": \"gov\", \"action\": \"phase-out\" }", "{ \"audience\": \"gov\", \"action\": \"phase-out\"" + deadline + " }")
            .Replace("\"measures\": [", (waivers.Length > 0 ? "\"waivers\": [ " + waivers + " ],\n  " : "") + "\"measures\": [");

    private const string ApiWaiver = """{ "id": "W-7", "project": "TestProject", "api": "T:Acme.Scanning.Scanner", "reason": "Migration in progress.", "approvedBy": "CISO office", "reference": "SEC-7", "expires": "2027-03-31" }""";

    private static string Config(string date) => $"build_property.PolicyAnalyzersDate = {date}\nbuild_property.MSBuildProjectName = TestProject";

    [Fact]
    public async Task Before_the_deadline_a_binding_phase_out_warns_with_the_days_left()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(Use, policy: Policy(deadline: ", \"deadline\": \"2026-12-31\""), extraGlobalConfig: Config("2026-11-27"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out by 31 December 2026 (34 days left) (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task After_the_deadline_the_same_use_is_an_error()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(Use, policy: Policy(deadline: ", \"deadline\": \"2026-12-31\""), extraGlobalConfig: Config("2027-01-02"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("'Acme.Scanning.Scanner.Create()' is Acme software, which Government had to phase out by 31 December 2026 (passed 2 days ago) (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_valid_waiver_shows_the_finding_as_information_with_the_waiver_id_as_a_property()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(Use, policy: Policy(ApiWaiver), extraGlobalConfig: Config("2027-03-31"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("Waived until 2027-03-31 by 'W-7' (CISO office): 'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_lapsed_waiver_leaves_the_finding_at_full_severity_with_a_note()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(Use, policy: Policy(ApiWaiver), extraGlobalConfig: Config("2027-04-01"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("Waiver 'W-7' lapsed on 2027-03-31: 'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_waiver_for_another_project_does_not_apply()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(Use, policy: Policy(ApiWaiver.Replace("TestProject", "OtherProject")), extraGlobalConfig: Config("2027-01-01"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fail_open_turns_a_broken_policy_into_a_warning()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", policy: "{\n  \"policy\": [1,\n}", extraGlobalConfig: "build_property.PolicyAnalyzersEffectiveFailOpen = true");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0003", DiagnosticSeverity.Warning)
            .WithSpan(AnalyzerTestSetup.PolicyPath, 3, 1, 3, 1)
            .WithArguments("The policy file is not valid JSON: Unexpected character '}'; a value was expected. (PolicyAnalyzersFailOpen is set, so this is a warning; CI builds fail closed.)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_pinned_hash_mismatch_is_an_error_even_when_failing_open()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }",
            extraGlobalConfig: "build_property.PolicyAnalyzersEffectiveFailOpen = true\nbuild_property.PolicyAnalyzersPinMismatches = /policy/org.policy.json|aa11|bb22");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0007", DiagnosticSeverity.Error)
            .WithSpan("/policy/org.policy.json", 1, 1, 1, 1)
            .WithArguments("Policy file '/policy/org.policy.json' has SHA-256 bb22, but the project pins aa11 (PolicyAnalyzersPin). The file may have been changed or replaced, so it is not used and this build fails. Restore the published policy, or update the pin after reviewing the change (e.g. with 'sha256sum')."));
        await test.RunAsync();
    }
}

public class PackageFindingAnalyzerTests
{
    private const string Findings = """
        { "version": 1, "findings": [
          { "id": "PA1003", "severity": "error", "file": "/src/App.csproj", "line": 11, "column": 5, "helpLink": "https://example.org/decisions/d1", "vendor": "acme", "measure": "m1", "message": "Package 'Acme.Engine 1.0.0' (direct reference) belongs to vendor Acme." },
          { "id": "PA1003", "severity": "info", "file": "/src/App.csproj", "line": 12, "column": 5, "helpLink": "https://example.org/decisions/d1", "vendor": "acme", "measure": "m1", "waiver": "W-1", "message": "Waived by 'W-1' until 2030-01-01. Package 'Acme.Tools 1.0.0'." }
        ] }
        """;

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<PackageFindingAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier> Create(string findings)
    {
        var test = AnalyzerTestSetup.Create<PackageFindingAnalyzer>("class C { }");
        test.TestState.AdditionalFiles.Add(("/obj/policyanalyzers.packages.json", findings));
        test.TestState.AnalyzerConfigFiles.Add(("/obj/.globalconfig", """
            is_global = true
            global_level = 1

            [/obj/policyanalyzers.packages.json]
            build_metadata.AdditionalFiles.PolicyAnalyzersKind = packages
            """));
        return test;
    }

    [Fact]
    public async Task Package_findings_from_the_build_are_reported_where_the_task_located_them_with_the_decision_link()
    {
        var test = Create(Findings);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1003", DiagnosticSeverity.Error).WithSpan("/src/App.csproj", 11, 5, 11, 5)
            .WithArguments("Package 'Acme.Engine 1.0.0' (direct reference) belongs to vendor Acme."));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1003", DiagnosticSeverity.Info).WithSpan("/src/App.csproj", 12, 5, 12, 5)
            .WithArguments("Waived by 'W-1' until 2030-01-01. Package 'Acme.Tools 1.0.0'."));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{ \"findings\": [ 1, { \"message\": 2 }, { \"file\": \"/x\" } ] }")]
    public async Task A_damaged_findings_file_reports_nothing_and_breaks_nothing(string findings)
    {
        await Create(findings).RunAsync();
    }
}
