using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

public class ApiUseAnalyzerTests
{
    private static DiagnosticResult Finding(int marker, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => new DiagnosticResult("PA1001", severity).WithLocation(marker);

    private static Task Verify(string source, params DiagnosticResult[] expected) => Verify(source, "gov", expected);

    private static async Task Verify(string source, string? audience, params DiagnosticResult[] expected)
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>(source, audience);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public Task Static_call_is_one_finding_at_the_method_name() => Verify("""
        class C { void M() { Acme.Scanning.Scanner.{|#0:Create|}(); } }
        """, Finding(0));

    [Fact]
    public Task Object_creation_is_reported_at_the_type_name() => Verify("""
        class C { object M() => new {|#0:Acme.Scanning.Scanner|}(); }
        """, Finding(0));

    [Fact]
    public Task Target_typed_new_is_reported_at_new() => Verify("""
        class C { {|#0:Acme.Scanning.Scanner|} s = {|#1:new|}(); }
        """, Finding(0), Finding(1));

    [Fact]
    public Task Instance_members_are_reported_where_used() => Verify("""
        class C
        {
            void M({|#0:Acme.Scanning.Scanner|} s)
            {
                _ = s.{|#1:Engine|};
                s.{|#2:Count|} = 1;
                s.{|#3:Done|} += (o, e) => { };
                _ = s.{|#4:Scan|}("x").{|#5:Clean|};
            }
        }
        """, Finding(0), Finding(1), Finding(2), Finding(3), Finding(4), Finding(5));

    [Fact]
    public Task Using_directives_are_one_finding_each() => Verify("""
        using {|#0:Acme.Scanning|};
        using static {|#1:Acme.Scanning.Defaults|};
        using S = {|#2:Acme.Scanning.Scanner|};
        class C { string M() => {|#3:Folder|}; object N() => S.{|#4:Create|}(); }
        """, Finding(0), Finding(1), Finding(2), Finding(3), Finding(4));

    [Fact]
    public Task Attributes_typeof_and_nameof_are_reported() => Verify("""
        [{|#0:Acme.Scanning.Monitored|}]
        class C
        {
            object T() => typeof({|#1:Acme.Scanning.ScanResult|});
            string N() => nameof(Acme.Scanning.{|#2:Scanner|});
            string P() => nameof(Acme.Scanning.Scanner.{|#3:Engine|});
        }
        """, Finding(0), Finding(1), Finding(2), Finding(3));

    [Fact]
    public Task Base_types_and_interfaces_are_reported() => Verify("""
        class C : {|#0:Acme.Scanning.BaseScanner|}, {|#1:Acme.Scanning.ICallback|} { }
        """, Finding(0), Finding(1));

    [Fact]
    public Task Declarations_are_reported() => Verify("""
        class C
        {
            {|#0:Acme.Scanning.Scanner|} field;
            {|#1:Acme.Scanning.ScanResult|} Property { get; set; }
            {|#2:Acme.Scanning.ScanResult|} Method({|#3:Acme.Scanning.Scanner|} parameter)
            {
                {|#4:Acme.Scanning.ScanResult|} local = null;
                var inferred = local;
                return inferred;
            }
        }
        """, Finding(0), Finding(1), Finding(2), Finding(3), Finding(4));

    [Fact]
    public Task Generic_arguments_and_arrays_are_reported() => Verify("""
        using System.Collections.Generic;
        class C
        {
            List<{|#0:Acme.Scanning.Scanner|}> list;
            {|#1:Acme.Scanning.Box<int>|} box;
            {|#2:Acme.Scanning.Scanner|}[] array;
        }
        """, Finding(0), Finding(1), Finding(2));

    [Fact]
    public Task Casts_and_type_tests_are_reported() => Verify("""
        class C
        {
            object M(object o) => o is {|#0:Acme.Scanning.Scanner|} ? ({|#1:Acme.Scanning.Scanner|})o : o as {|#2:Acme.Scanning.ScanResult|};
            bool P(object o) => o is {|#3:Acme.Scanning.Scanner|} s;
        }
        """, Finding(0), Finding(1), Finding(2), Finding(3));

    [Fact]
    public Task Extension_methods_in_both_forms_are_reported() => Verify("""
        using {|#2:Acme.Scanning|};
        class C
        {
            int A() => "x".{|#0:QuickScan|}();
            int B() => Acme.Scanning.Ext.{|#1:QuickScan|}("x");
        }
        """, Finding(0), Finding(1), Finding(2));

    [Fact]
    public Task Member_entries_match_only_the_listed_overload() => Verify("""
        class C
        {
            void M()
            {
                var a = new Other.Tools();
                var b = new {|#0:Other.Tools|}(1);
                a.{|#1:Scan|}("x");
                a.Scan(1);
            }
        }
        """, Finding(0), Finding(1));

    [Fact]
    public Task Type_entries_match_the_type_only() => Verify("""
        class C { {|#0:Other.Widget|} w; Other.Tools t; }
        """, Finding(0));

    [Fact]
    public Task Same_simple_name_elsewhere_and_vendor_like_names_are_not_findings() => Verify("""
        class C
        {
            Other.Scanner s = new Other.Scanner();
            AcmeCorp.Thing t = new AcmeCorp.Thing();
            string Acme = "Acme.Scanning.Scanner";
        }
        """);

    [Fact]
    public Task Pragma_suppresses() => Verify("""
        #pragma warning disable PA1001
        class C { object M() => Acme.Scanning.Scanner.Create(); }
        """);

    [Fact]
    public Task Advice_audience_gets_warnings() => Verify("""
        class C { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }
        """, "vital", Finding(0, DiagnosticSeverity.Warning));

    [Fact]
    public Task Project_without_audience_gets_warnings() => Verify("""
        class C { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }
        """, null, Finding(0, DiagnosticSeverity.Warning));

    [Fact]
    public async Task Message_is_one_sentence_naming_subject_vendor_audience_and_decision()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("class C { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }");
        test.ExpectedDiagnostics.Add(Finding(0).WithArguments(
            "'Acme.Scanning.Scanner.Create()' is Acme software, which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_code_is_checked_by_default_and_skipped_on_request()
    {
        const string generated = "// <auto-generated/>\nclass G { object M() => Acme.Scanning.Scanner.{|#0:Create|}(); }";
        var checkedTest = AnalyzerTestSetup.Create<ApiUseAnalyzer>(generated);
        checkedTest.ExpectedDiagnostics.Add(Finding(0));
        await checkedTest.RunAsync();

        var skipped = AnalyzerTestSetup.Create<ApiUseAnalyzer>(generated.Replace("{|#0:Create|}", "Create"), extraGlobalConfig: "build_property.PolicyAnalyzersSkipGeneratedCode = true");
        await skipped.RunAsync();
    }
}
