using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// Many compilations analysed at once in one process, as in a compiler server or an IDE: they share the policy
/// cache and each analyzer instance, and every one must get exactly its own findings.
/// </summary>
public class ConcurrencyTests
{
    private const string Source = """
        using System;
        class C
        {
            const string Updates = {|#0:"https://updates.acme.example/v1"|};
            object M() => Acme.Scanning.Scanner.{|#2:Create|}();
            Type T() => Type.GetType({|#3:"Acme.Scanning.Scanner, Acme.Vendor"|});
        }
        """;

    private static readonly string Policy = AnalyzerTestSetup.Policy
        .Replace("\"assemblyNames\": [ \"Acme.*\" ] }", "\"assemblyNames\": [ \"Acme.*\" ], \"domains\": [ \"acme.example\" ] }");

    [Fact]
    public async Task Concurrent_compilations_with_different_audiences_each_get_their_own_findings()
    {
        var runs = new List<Task>();
        for (var i = 0; i < 24; i++)
        {
            // Alternate audiences: the shared cache must never hand one project's verdicts to another.
            var audience = i % 3 == 0 ? "gov" : i % 3 == 1 ? "vital" : null;
            var severity = audience == "gov" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            runs.Add(Task.Run(() => Run<ApiUseAnalyzer>(audience, new DiagnosticResult("PA1001", severity).WithLocation(2))));
            runs.Add(Task.Run(() => Run<EndpointAnalyzer>(audience, new DiagnosticResult("PA1007", severity).WithLocation(0))));
            runs.Add(Task.Run(() => Run<LateBindingAnalyzer>(audience, new DiagnosticResult("PA1006", severity).WithLocation(3))));
        }

        await Task.WhenAll(runs);
    }

    private static async Task Run<TAnalyzer>(string? audience, DiagnosticResult expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = AnalyzerTestSetup.Create<TAnalyzer>(Source, audience, Policy);
        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }
}
