using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PolicyAnalyzers.CodeFixes;

namespace PolicyAnalyzers.Analyzers.Tests;

public class AddWaiverCodeFixTests
{
    private const string Source = "class C { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }";
    private const string WaiverFile = "/repo/app.waivers.policy.json";

    private static string Expires => DateTime.UtcNow.Date.AddDays(AddWaiverCodeFix.DefaultDays).ToString("yyyy-MM-dd");

    private static CSharpCodeFixTest<ApiUseAnalyzer, AddWaiverCodeFix, DefaultVerifier> Create(string waivers, string fixedWaivers)
    {
        var test = new CSharpCodeFixTest<ApiUseAnalyzer, AddWaiverCodeFix, DefaultVerifier> { ReferenceAssemblies = ReferenceAssemblies.Net.Net80 };
        test.TestState.Sources.Add(Source);
        AnalyzerTestSetup.Configure(test.TestState, extraGlobalConfig: "build_property.MSBuildProjectName = TestProject");
        test.TestState.AdditionalFiles.Add((WaiverFile, waivers));
        test.FixedState.Sources.Add(Source);
        test.FixedState.InheritanceMode = StateInheritanceMode.Explicit;
        AnalyzerTestSetup.Configure(test.FixedState, extraGlobalConfig: "build_property.MSBuildProjectName = TestProject");
        test.FixedState.AdditionalFiles.Add((WaiverFile, fixedWaivers));

        var diagnostic = new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).");
        test.ExpectedDiagnostics.Add(diagnostic);
        test.FixedState.ExpectedDiagnostics.Add(diagnostic); // the waiver waits for approval: placeholders, and the file is no layer yet
        return test;
    }

    [Fact]
    public async Task Adds_a_waiver_request_for_the_api_to_the_waivers_array()
    {
        await Create(
            """
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
              "waivers": []
            }
            """,
            $$"""
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
              "waivers": [
                { "id": "W-TestProject-1", "project": "TestProject", "vendor": "acme", "api": "M:Acme.Scanning.Scanner.Create", "reason": "(to be filled in: why this exception is needed)", "reference": "(to be filled in: the ticket)", "expires": "{{Expires}}" }
              ]
            }
            """).RunAsync();
    }

    [Fact]
    public async Task Adds_the_waivers_array_when_the_file_has_none_and_numbers_after_existing_requests()
    {
        await Create(
            """
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" }
            }
            """,
            $$"""
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
              "waivers": [
                { "id": "W-TestProject-1", "project": "TestProject", "vendor": "acme", "api": "M:Acme.Scanning.Scanner.Create", "reason": "(to be filled in: why this exception is needed)", "reference": "(to be filled in: the ticket)", "expires": "{{Expires}}" }
              ]
            }
            """).RunAsync();
    }
}
