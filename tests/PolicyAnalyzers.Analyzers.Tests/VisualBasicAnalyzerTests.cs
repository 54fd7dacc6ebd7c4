using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.VisualBasic;
using PolicyAnalyzers.Analyzers.VisualBasic;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>The analyzer test framework for Visual Basic: no VB testing package is served, so a thin test class.</summary>
internal sealed class VisualBasicAnalyzerTest<TAnalyzer> : AnalyzerTest<DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public override string Language => LanguageNames.VisualBasic;

    protected override string DefaultFileExt => "vb";

    protected override CompilationOptions CreateCompilationOptions() => new VisualBasicCompilationOptions(OutputKind.DynamicallyLinkedLibrary);

    protected override ParseOptions CreateParseOptions() => new VisualBasicParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new TAnalyzer() };
}

/// <summary>PA1001, PA1002, PA1006 and PA1007 in Visual Basic, with the C# analyzers' words.</summary>
public class VisualBasicAnalyzerTests
{
    private const string Measure = ", which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).";

    private static VisualBasicAnalyzerTest<TAnalyzer> Create<TAnalyzer>(string source) where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new VisualBasicAnalyzerTest<TAnalyzer> { TestCode = source, ReferenceAssemblies = ReferenceAssemblies.Net.Net80 };
        // The vendor library stays a C# project; the code under test is Visual Basic.
        test.TestState.AdditionalProjects.Add("Acme.Vendor", new ProjectState("Acme.Vendor", LanguageNames.CSharp, "/1/Vendor", "cs"));
        AnalyzerTestSetup.Configure(test.TestState, policy: AnalyzerTestSetup.Policy.Replace("\"assemblyNames\": [ \"Acme.*\" ] }", "\"assemblyNames\": [ \"Acme.*\" ], \"domains\": [ \"acme.example\" ] }"));
        return test;
    }

    [Fact]
    public async Task Visual_Basic_uses_of_a_vendor_api_are_reported_once_per_dotted_name()
    {
        var test = Create<VisualBasicApiUseAnalyzer>("""
            Imports Acme.{|#0:Scanning|}

            Public Class C
                Private ReadOnly _s As {|#1:Scanner|} = Acme.Scanning.Scanner.{|#2:Create|}()
                Public Function M() As Boolean
                    Dim other As New Other.Tools()
                    other.Scan(1)
                    other.{|#3:Scan|}("x")
                    Return _s.{|#4:Scan|}("/").{|#5:Clean|}
                End Function
            End Class
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("'Acme.Scanning' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(1).WithArguments("'Acme.Scanning.Scanner' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(2).WithArguments("'Acme.Scanning.Scanner.Create()' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(3).WithArguments("'Other.Tools.Scan(String)' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(4).WithArguments("'Acme.Scanning.Scanner.Scan(String)' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(5).WithArguments("'Acme.Scanning.ScanResult.Clean' is Acme software" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Language_neutral_checks_run_for_Visual_Basic()
    {
        var endpoints = Create<EndpointAnalyzer>("""
            Public Module Settings
                Public Const Updates As String = {|#0:"https://updates.acme.example/v2"|}
            End Module
            """);
        endpoints.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(0).WithArguments("'https://updates.acme.example/v2' is an endpoint of Acme" + Measure));
        await endpoints.RunAsync();

        var late = Create<LateBindingAnalyzer>("""
            Public Module Loader
                Public Function Load() As System.Type
                    Return System.Type.GetType({|#0:"Acme.Scanning.Scanner, Acme.Vendor"|})
                End Function
            End Module
            """);
        late.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Type name 'Acme.Scanning.Scanner, Acme.Vendor' in Type.GetType is Acme software" + Measure));
        await late.RunAsync();

        var assemblies = Create<AssemblyReferenceAnalyzer>("Public Class C\nEnd Class");
        assemblies.ExpectedDiagnostics.Add(new DiagnosticResult("PA1002", DiagnosticSeverity.Error).WithArguments("Referenced assembly 'Acme.Vendor 0.0.0.0' is Acme software" + Measure));
        await assemblies.RunAsync();
    }
}
