using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

public class AssemblyReferenceAnalyzerTests
{
    [Fact]
    public async Task Vendor_assembly_reference_is_reported_once()
    {
        var test = AnalyzerTestSetup.Create<AssemblyReferenceAnalyzer>("class C { }");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1002", DiagnosticSeverity.Error).WithArguments(
            "Referenced assembly 'Acme.Vendor 0.0.0.0' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }
}

public class PolicyProblemAnalyzerTests
{
    [Fact]
    public async Task Unknown_field_is_reported_in_the_policy_file()
    {
        var policy = AnalyzerTestSetup.Policy.Replace("\"publisher\": \"Tests\",", "\"publisher\": \"Tests\", \"owner\": 1,");
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", policy: policy);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0004", DiagnosticSeverity.Error)
            .WithSpan(AnalyzerTestSetup.PolicyPath, 2, 67, 2, 67)
            .WithArguments("Unknown field 'owner' in 'policy'. Allowed fields: id, version, publisher, lastUpdated, description, layer, locked, allowWaiversFrom, waiverApprovers, overrideBaseline, enforce. Remove it or check its spelling."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Malformed_json_is_reported_with_position()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", policy: "{\n  \"policy\": [1,\n}");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0003", DiagnosticSeverity.Error)
            .WithSpan(AnalyzerTestSetup.PolicyPath, 3, 1, 3, 1)
            .WithArguments("The policy file is not valid JSON: Unexpected character '}'; a value was expected."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Missing_policy_file_is_reported()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", extraGlobalConfig: "build_property.PolicyAnalyzersMissingPolicyFiles = /share/org.policy.json");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0001", DiagnosticSeverity.Error).WithArguments(
            "Policy file '/share/org.policy.json' does not exist. Check the path in PolicyAnalyzersPolicyFile (or the PolicyAnalyzersPolicy item), or restore the package that provides it."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Unknown_audience_is_a_warning()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", audience: "govt");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0005", DiagnosticSeverity.Warning).WithSpan(AnalyzerTestSetup.PolicyPath, 1, 1, 1, 1).WithArguments(
            "The project's audience 'govt' (PolicyAnalyzersAudience) is not defined by the policy; known audiences: gov, vital. Findings are reported as warnings until it is corrected."));
        await test.RunAsync();
    }

    // The shipped baseline alone is taken from its precomputed screen without reading it; anything that could make
    // it report a problem must leave that shortcut.
    [Theory]
    [InlineData("govt", "")]
    [InlineData("nl-central-government", "build_property.PolicyAnalyzersDate = 30-11-2026")]
    public async Task The_shipped_baseline_alone_still_reports_a_wrong_audience_or_date(string audience, string date)
    {
        var expected = PolicyAnalyzers.Policy.PolicySnapshot.Build(new[] { PolicyAnalyzers.Policy.Reading.PolicyReader.ReadConfigured(AnalyzerTestSetup.PolicyPath,
            PolicyAnalyzers.Policy.ShippedPolicy.Text, PolicyAnalyzers.Policy.Model.PolicyLayer.Baseline) }, audience, date.Length == 0 ? null : "30-11-2026").Problems.Single();
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", audience, PolicyAnalyzers.Policy.ShippedPolicy.Text, date, layer: 0);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(expected.Id, DiagnosticSeverity.Warning)
            .WithSpan(AnalyzerTestSetup.PolicyPath, 1, 1, 1, 1).WithArguments(expected.Message));
        await test.RunAsync();
    }

    [Fact]
    public async Task Other_content_in_the_baseline_place_is_reported()
    {
        var test = AnalyzerTestSetup.Create<PolicyProblemAnalyzer>("class C { }", "nl-central-government", AnalyzerTestSetup.Policy, layer: 0);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA0011", DiagnosticSeverity.Error).WithSpan(AnalyzerTestSetup.PolicyPath, 1, 1, 1, 1)
            .WithMessage($"Policy file '{AnalyzerTestSetup.PolicyPath}' is configured as the shipped baseline (PolicyAnalyzersShippedPolicyFile) but is not the baseline this PolicyAnalyzers ships (SHA-256 {PolicyAnalyzers.Policy.ShippedPolicy.Sha256}); the shipped baseline is used instead. Restore the package (delete its folder from the package cache) or remove the setting; add your own measures as an organisation layer."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_policy_never_crashes_the_api_analyzer()
    {
        // A broken policy is PA0003's business; the API analyzer must simply find nothing (no AD0001).
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("class C { object M() => Acme.Scanning.Scanner.Create(); }", policy: "{ \"policy\": ");
        await test.RunAsync();
    }
}
