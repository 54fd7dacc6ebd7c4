using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>PA1002 by publisher, PA1005 native libraries, PA1006 late binding, PA1007 endpoints.</summary>
public class PublisherIdentityAnalyzerTests
{
    private const string Measure = ", which Government must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018).";

    // The test policy plus publisher, native, ProgID and domain identifiers; the measure leaves out the vendor's
    // threat-intelligence host.
    private static readonly string Policy = AnalyzerTestSetup.Policy
        .Replace("\"assemblyNames\": [ \"Acme.*\" ] }", "\"assemblyNames\": [ \"Acme.*\" ], \"publishers\": [ \"AO Acme Lab\" ], \"nativeLibraries\": [ \"acmescan\" ], \"progIds\": [ \"AcmeAv.*\" ], \"domains\": [ \"acme.example\" ] }")
        .Replace("\"productScope\": \"antivirus software\",", "\"productScope\": \"antivirus software\", \"exclude\": { \"domains\": [ \"intel.acme.example\" ] },");

    [Fact]
    public async Task Innocently_named_assembly_is_found_by_its_company_and_copyright_in_one_finding()
    {
        var test = AnalyzerTestSetup.Create<AssemblyReferenceAnalyzer>("class C { }", policy: Policy);
        test.TestState.AdditionalProjects["Contoso.Helpers"].Sources.Add(("Helpers.cs", """
            [assembly: System.Reflection.AssemblyCompany("AO Acme Lab")]
            [assembly: System.Reflection.AssemblyCopyright("© 2024 AO Acme Lab. All rights reserved.")]
            namespace Contoso.Helpers { public class H { } }
            """));
        test.TestState.AdditionalProjectReferences.Add("Contoso.Helpers");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1002", DiagnosticSeverity.Error).WithArguments(
            "Referenced assembly 'Acme.Vendor 0.0.0.0' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1002", DiagnosticSeverity.Error).WithArguments(
            "Referenced assembly 'Contoso.Helpers 0.0.0.0' is Acme software" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Native_imports_and_loads_of_a_vendor_library_are_reported()
    {
        var test = AnalyzerTestSetup.Create<NativeLibraryAnalyzer>("""
            using System;
            using System.Runtime.InteropServices;
            static partial class Native
            {
                [{|#0:DllImport("acmescan.dll")|}] static extern int Scan(string path);
                [{|#1:LibraryImport("libacmescan.so.2")|}] private static partial int Scan2(int x);
                [DllImport("kernel32.dll")] static extern int GetTickCount();
                const string Lib = "acmescan";
                static IntPtr Load() => NativeLibrary.Load({|#2:Lib|});
                static IntPtr LoadOther() => NativeLibrary.Load("libc.so.6");
                static bool TryLoad(out IntPtr handle) => NativeLibrary.TryLoad({|#3:"acmescan"|}, out handle);
            }
            """, policy: Policy);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1005", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "[DllImport] of native library 'acmescan.dll' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1005", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
            "[LibraryImport] of native library 'libacmescan.so.2' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1005", DiagnosticSeverity.Error).WithLocation(2).WithArguments(
            "NativeLibrary.Load of native library 'acmescan' is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1005", DiagnosticSeverity.Error).WithLocation(3).WithArguments(
            "NativeLibrary.TryLoad of native library 'acmescan' is Acme software" + Measure));
        // LibraryImport needs the source generator for its body; without it the partial method has no implementation.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public async Task Reflection_and_com_late_binding_by_constant_name_are_reported()
    {
        var test = AnalyzerTestSetup.Create<LateBindingAnalyzer>("""
            using System;
            using System.Reflection;
            class C
            {
                void M()
                {
                    Type.GetType({|#0:"Acme.Scanning.Scanner, Acme.Vendor"|});
                    Assembly.Load({|#1:"Acme.Vendor, Version=1.0.0.0"|});
                    Activator.CreateInstance({|#2:"Acme.Vendor"|}, {|#3:"Contoso.Thing"|});
                    Type.GetTypeFromProgID({|#4:"AcmeAv.Scanner.1"|});
                    Type.GetType("System.String");
                    Type.GetTypeFromProgID("Excel.Application");
                    var name = "Acme.Scanning.Scanner";
                    Type.GetType(name); // not a constant: out of reach of a compile-time check
                }
            }
            """, policy: Policy);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Type name 'Acme.Scanning.Scanner, Acme.Vendor' in Type.GetType is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
            "Assembly name 'Acme.Vendor, Version=1.0.0.0' in Assembly.Load is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(2).WithArguments(
            "Assembly name 'Acme.Vendor' in Activator.CreateInstance is Acme software" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(4).WithArguments(
            "COM ProgID 'AcmeAv.Scanner.1' in Type.GetTypeFromProgID is Acme software" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Late_bound_names_the_text_screen_cannot_see_whole_are_still_found()
    {
        // The screen passes over literal arguments that cannot name a vendor and calls without arguments without
        // binding them; a name built from pieces or kept in a constant (here or in a referenced assembly) must still
        // be bound and found. A method that is merely declared with an entry point's name is no call.
        var test = AnalyzerTestSetup.Create<LateBindingAnalyzer>("""
            using System;
            class C
            {
                const string Here = "Ac" + "me.Scanning.Scanner";
                Type Declared(string GetType) => null;
                void M()
                {
                    Type.GetType({|#0:"Ac" + "me.Scanning.Scanner, Acme.Vendor"|});
                    Type.GetType({|#1:("Ac" + "me") + ".Scanning.Scanner"|});
                    Type.GetType({|#2:Here|});
                    Type.GetType({|#3:Contoso.Names.Scanner|});
                    Type.GetType("Contoso." + "Names");
                    GetType();
                }
            }
            """, policy: Policy);
        test.TestState.AdditionalProjects["Contoso.Names"].Sources.Add(("Names.cs", "namespace Contoso { public static class Names { public const string Scanner = \"Acme.Scanning.Scanner\"; } }"));
        test.TestState.AdditionalProjectReferences.Add("Contoso.Names");
        foreach (var (location, name) in new[] { (0, "Acme.Scanning.Scanner, Acme.Vendor"), (1, "Acme.Scanning.Scanner"), (2, "Acme.Scanning.Scanner"), (3, "Acme.Scanning.Scanner") })
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(location).WithArguments(
                $"Type name '{name}' in Type.GetType is Acme software" + Measure));
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task A_constant_reached_by_a_simple_name_is_found_where_the_call_is_not_bound()
    {
        // Calls whose arguments are parameters or variables are judged from syntax and not bound; a name that is a
        // constant (of a base type in a referenced assembly, of an outer type, imported with using static, a local
        // constant in a lambda that hides a parameter, reached through a value whose type has the same name), a
        // constant inside a cast, an interpolation, a concatenation, '?:' or '??', or a name that only looks like a
        // variable declared elsewhere must still be bound and found.
        var test = AnalyzerTestSetup.Create<LateBindingAnalyzer>("""
            using System;
            using System.Reflection;
            using static Contoso.Imported;
            class Names { public const string Scanner = "Acme.Scanning.Scanner"; }
            class Outer
            {
                const string Nested = "Acme.Scanning.Nested";
                class Inner { Type M() => Type.GetType({|#0:Nested|}); }
            }
            class C : Contoso.Base
            {
                Names Names => null;
                static void Use(Func<object, bool> f) { }
                void M(object o, string name, Assembly assembly)
                {
                    Type.GetType({|#1:Scanner|});
                    Type.GetType({|#2:FromImport|});
                    Type.GetType({|#4:Names.Scanner|});
                    if (o != null) { if (o is string Scanner) { } }
                    while (o is string Scanner) { break; }
                    Use(x => x is string Scanner);
                    assembly.GetType({|#5:Scanner|}, true);
                    Type.GetType(name);
                    Type.GetType(o.ToString());
                    var local = "Acme.Scanning.Scanner";
                    Type.GetType(local);
                    if (o is string text) { Type.GetType(text); }
                    Type.GetType({|#6:(string)Scanner|});
                    Type.GetType({|#7:$"{Scanner}"|});
                    Type.GetType({|#8:true ? Scanner : "Contoso.Thing"|});
                    Type.GetType({|#9:"" + Scanner|});
                    Type.GetType(name ?? Scanner); // no constant, bound or not
                    Type.GetType(string.Empty + name);
                    Type.GetType((string)o ?? $"{name}");
                    switch (o) { case string Scanner: Type.GetType(Scanner); break; }
                    switch (o) { case int _: Type.GetType({|#10:Scanner|}); break; }
                    UseText(n => Type.GetType(n) != null);
                }

                static void UseText(Func<string, bool> f) { }
                Type this[string key] => Type.GetType(key);

                void Hidden(string name)
                {
                    Action a = () => { const string name = "Acme.Scanning.Local"; Type.GetType({|#3:name|}); };
                }
            }
            """, policy: Policy);
        test.TestState.AdditionalProjects["Contoso.Names"].Sources.Add(("Names.cs", """
            namespace Contoso
            {
                public class Base { public const string Scanner = "Acme.Scanning.Scanner"; }
                public static class Imported { public const string FromImport = "Acme.Scanning.Imported"; }
            }
            """));
        test.TestState.AdditionalProjectReferences.Add("Contoso.Names");
        foreach (var (location, name, method) in new[]
        {
            (0, "Acme.Scanning.Nested", "Type.GetType"), (1, "Acme.Scanning.Scanner", "Type.GetType"), (2, "Acme.Scanning.Imported", "Type.GetType"),
            (3, "Acme.Scanning.Local", "Type.GetType"), (4, "Acme.Scanning.Scanner", "Type.GetType"), (5, "Acme.Scanning.Scanner", "Assembly.GetType"),
            (6, "Acme.Scanning.Scanner", "Type.GetType"), (7, "Acme.Scanning.Scanner", "Type.GetType"), (8, "Acme.Scanning.Scanner", "Type.GetType"),
            (9, "Acme.Scanning.Scanner", "Type.GetType"), (10, "Acme.Scanning.Scanner", "Type.GetType"),
        })
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(location).WithArguments(
                $"Type name '{name}' in {method} is Acme software" + Measure));
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task A_call_by_bare_name_is_found_wherever_the_lookup_can_reach_an_entry_point()
    {
        // A bare GetType(…) or Load(…) is judged from the enclosing types' declarations and not bound when the first
        // type with an accessible method so named has no entry point (Library below). It must still be bound and
        // found when that type inherits the entry point (Loader, also from a nested type), when the only method so
        // named is a base's private one, which the lookup cannot see (so a using static decides), and when no
        // enclosing type has the name at all.
        var test = AnalyzerTestSetup.Create<LateBindingAnalyzer>("""
            using System;
            using System.Reflection;
            using static System.Reflection.Assembly;
            class Library
            {
                static Type GetType(string name, bool throwOnError) => null;
                static object Load(string name) => null;
                void M() { GetType("Acme.Scanning.Scanner", true); Load("Acme.Vendor"); }
            }
            class Loader : Assembly
            {
                void M() { Load({|#0:"Acme.Vendor"|}); }
                class Nested { void M() => Load({|#1:"Acme.Vendor, Version=1.0.0.0"|}); }
            }
            class Hidden { private static void Load(string name) { } }
            class Imports : Hidden
            {
                void M() { Load({|#2:"Acme.Vendor"|}); }
            }
            class Plain
            {
                void M() { LoadFrom("x"); GetType(); Load (
                    {|#3:"Acme.Vendor"|} ); }
            }
            """, policy: Policy);
        foreach (var location in new[] { 0, 2, 3 })
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(location).WithArguments(
                "Assembly name 'Acme.Vendor' in Assembly.Load is Acme software" + Measure));
        }

        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
            "Assembly name 'Acme.Vendor, Version=1.0.0.0' in Assembly.Load is Acme software" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Names_and_endpoints_spelled_with_escapes_are_found()
    {
        // The text checks search a file's characters; C# lets a name or a string spell a character by its code. A
        // developer who writes Get\u0054ype or acm\u0065.example must not get past the search.
        var late = AnalyzerTestSetup.Create<LateBindingAnalyzer>("""
            class C { void M() { System.Type.Get\u0054ype({|#0:"Acme.Scanning.Scanner"|}); } }
            """, policy: Policy);
        late.ExpectedDiagnostics.Add(new DiagnosticResult("PA1006", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Type name 'Acme.Scanning.Scanner' in Type.GetType is Acme software" + Measure));
        await late.RunAsync();

        var endpoint = AnalyzerTestSetup.Create<EndpointAnalyzer>("""
            class C { string U = {|#0:"https://updates.acme.\u0065xample/v2"|}; string V = {|#1:"acme.\x65xample"|}; }
            """, policy: Policy);
        endpoint.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "'https://updates.acme.example/v2' is an endpoint of Acme" + Measure));
        endpoint.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
            "'acme.example' is an endpoint of Acme" + Measure));
        await endpoint.RunAsync();
    }

    [Fact]
    public async Task A_label_spelled_with_an_escape_is_found_among_escapes_of_other_characters()
    {
        // The search keeps only the escapes that may spell a character of a listed label or name (all ASCII here) and
        // passes over the rest (a table of entities): the one that spells the label's first letter must still lead to
        // the finding, in a file whose text has the label nowhere as such.
        var policy = Policy.Replace("\"domains\": [ \"acme.example\" ]", "\"domains\": [ \"acme.example\", \"kavscanner.io\" ]");
        var endpoint = AnalyzerTestSetup.Create<EndpointAnalyzer>("""
            class C
            {
                string[] Entities = { "\u00C6", "\u00E9\u00E8", "\U0001F600", "\xE9" };
                string K = {|#0:"\u006Bavscanner.io"|};
                string[] More = { "\u00C6", "\x00E9" };
            }
            """, policy: policy);
        endpoint.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "'kavscanner.io' is an endpoint of Acme" + Measure));
        await endpoint.RunAsync();
    }

    [Fact]
    public async Task Vendor_endpoints_are_reported_where_the_constant_is_written_and_exclusions_are_respected()
    {
        var test = AnalyzerTestSetup.Create<EndpointAnalyzer>("""
            using System;
            using System.Net.Http;
            class C
            {
                const string Updates = {|#0:"https://updates.acme.example/v2/check"|};
                static readonly Uri Base = new Uri(Updates);
                HttpClient Client() => new HttpClient { BaseAddress = new Uri({|#1:"https://ACME.example"|}) };
                string Host = {|#2:"acme.example"|};
                string Intel = "https://feeds.intel.acme.example/ioc"; // excluded by the measure
                string Mail = "support@acme.example";
                string Other = "https://notacme.example/";
                string Sentence = "Visit acme.example today.";
            }
            """, policy: Policy);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "'https://updates.acme.example/v2/check' is an endpoint of Acme" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
            "'https://ACME.example' is an endpoint of Acme" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(2).WithArguments(
            "'acme.example' is an endpoint of Acme" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Vendor_names_are_found_in_a_file_larger_than_the_text_window()
    {
        // The text prefilters read a file through a window of 32K characters; what a larger file says must still be
        // found, here at its very end.
        var padding = string.Concat(Enumerable.Repeat("// " + new string('x', 97) + "\n", 3000));
        var test = AnalyzerTestSetup.Create<EndpointAnalyzer>(padding + "class C { string U = {|#0:\"https://updates.acme.example/v2/check\"|}; }", policy: Policy);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "'https://updates.acme.example/v2/check' is an endpoint of Acme" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Vendor_endpoints_in_configuration_files_are_reported_where_they_are_written()
    {
        var test = AnalyzerTestSetup.Create<EndpointAnalyzer>("class C { }", policy: Policy);
        test.TestState.AdditionalFiles.Add(("/src/appsettings.json", """
            {
              "Scanner": { "BaseUrl": "https://updates.acme.example/v2", "Timeout": 30 },
              "Intel": "https://feeds.intel.acme.example/ioc",
              "ConnectionStrings": { "Db": "Server=db.acme.example;Database=x" }
            }
            """));
        test.TestState.AdditionalFiles.Add(("/src/notes.json", "{ \"Url\": \"https://updates.acme.example\" }"));
        test.TestState.AnalyzerConfigFiles.Add(("/src/.globalconfig", """
            is_global = true
            global_level = 1

            [/src/appsettings.json]
            build_metadata.AdditionalFiles.PolicyAnalyzersKind = configuration
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithSpan("/src/appsettings.json", 2, 28, 2, 59).WithArguments(
            "'https://updates.acme.example/v2' is an endpoint of Acme" + Measure));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PA1007", DiagnosticSeverity.Error).WithSpan("/src/appsettings.json", 4, 40, 4, 55).WithArguments(
            "'db.acme.example' is an endpoint of Acme" + Measure));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_such_identifiers_in_the_policy_nothing_is_reported()
    {
        var test = AnalyzerTestSetup.Create<EndpointAnalyzer>("class C { string U = \"https://updates.acme.example\"; }");
        await test.RunAsync();
        var late = AnalyzerTestSetup.Create<NativeLibraryAnalyzer>("class C { [System.Runtime.InteropServices.DllImport(\"acmescan\")] static extern void S(); }");
        await late.RunAsync();
    }
}
