using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// PA1001 binds a vendor member's name only in files where a vendor type can be reached; these are the ways a
/// file reaches one without naming the vendor, and each must still be found.
/// </summary>
public class VendorReachTests
{
    private static async Task Verify(DiagnosticResult[] expected, params (string Name, string Source)[] files)
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(files[0].Source);
        foreach (var file in files.Skip(1))
        {
            test.TestState.Sources.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult At(int marker) => new DiagnosticResult("PA1001", DiagnosticSeverity.Error).WithLocation(marker);

    [Fact]
    public Task Member_of_a_vendor_object_returned_by_a_wrapper_in_another_file() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "public static class Wrap { public static {|#0:Acme.Scanning.Scanner|} Get() => null; }"),
        ("/0/Test1.cs", "class D { object M() => Wrap.Get().{|#1:Scan|}(\"x\"); }"));

    [Fact]
    public Task Member_reached_through_a_class_deriving_from_a_vendor_class_declared_elsewhere() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "public class MyScanner : {|#0:Acme.Scanning.Scanner|} { }"),
        ("/0/Test1.cs", "class D { object M(MyScanner s) => s.{|#1:Scan|}(\"x\"); }"));

    [Fact]
    public Task Extension_method_imported_by_a_global_using_in_another_file() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "global using {|#0:Acme.Scanning|};"),
        ("/0/Test1.cs", "class D { int M(string s) => s.{|#1:QuickScan|}(); }"));

    [Fact]
    public Task Member_names_shared_with_other_types_are_not_findings() => Verify(
        System.Array.Empty<DiagnosticResult>(),
        ("/0/Test0.cs", "class D { object M() => System.Tuple.Create(1, 2); string Engine => \"\"; int Count; }"));
}
