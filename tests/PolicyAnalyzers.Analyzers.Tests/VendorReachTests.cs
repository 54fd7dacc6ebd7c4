using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>
/// PA1001 binds a vendor member's name only in files, and members of types, where a vendor type can be reached;
/// these are the ways code reaches one without naming the vendor, and each must still be found.
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

    [Fact]
    public async Task Member_of_a_vendor_object_handed_out_by_a_referenced_assembly_built_against_the_vendor()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("class D { int M() => Wrapper.Factory.Make().{|#0:Count|}; int N() => Wrapper.Factory.Count; }");
        test.TestState.AdditionalProjects["Wrapper"].Sources.Add(("Factory.cs", "namespace Wrapper { public static class Factory { public static int Count; public static Acme.Scanning.Scanner Make() => null; } }"));
        test.TestState.AdditionalProjects["Wrapper"].AdditionalProjectReferences.Add("Acme.Vendor");
        test.TestState.AdditionalProjectReferences.Add("Wrapper");
        test.ExpectedDiagnostics.Add(At(0));
        await test.RunAsync();
    }

    [Fact]
    public Task Member_reached_through_a_positional_record_declared_elsewhere() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "public record Holder({|#0:Acme.Scanning.Scanner|} S);"),
        ("/0/Test1.cs", "class D { object M(Holder h) => h.S.{|#1:Scan|}(\"x\"); }"));

    [Fact]
    public Task Member_reached_through_an_indexer_declared_elsewhere() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "public class Bag { public {|#0:Acme.Scanning.Scanner|} this[int i] => null; }"),
        ("/0/Test1.cs", "class D { object M(Bag b) => b[0].{|#1:Scan|}(\"x\"); }"));

    [Fact]
    public Task Inherited_member_used_by_simple_name_in_another_part_of_a_partial_class() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "public partial class MyScanner : {|#0:Acme.Scanning.Scanner|} { }"),
        ("/0/Test1.cs", "public partial class MyScanner { object M() => {|#1:Scan|}(\"x\"); }"));

    [Fact]
    public Task Alias_from_a_global_using_in_another_file() => Verify(
        new[] { At(0), At(1) },
        ("/0/Test0.cs", "global using S = {|#0:Acme.Scanning.Scanner|};"),
        ("/0/Test1.cs", "class D { object M() => S.{|#1:Create|}(); }"));

    [Fact]
    public Task Name_written_with_a_unicode_escape() => Verify(
        new[] { At(0) },
        ("/0/Test0.cs", "class D { object M() => new {|#0:Acme.Scanning.\\u0053canner|}(); }"));

    [Fact]
    public Task Names_found_by_searching_the_text_as_the_tree_has_them() => Verify(
        // The file's text is searched for the names, then the tree asked where one is written: a name after a
        // comment, verbatim (@), in an interpolation, generic, through an alias declared in a namespace block below
        // the use's first line, and a target-typed new() must each be found where the tree has it.
        new[] { At(0), At(1), At(2), At(3), At(4), At(5), At(6) },
        ("/0/Test0.cs", """
            namespace N
            {
                using S = {|#0:Acme.Scanning.Scanner|};
                class D
                {
                    string M() => $"{S.{|#1:Create|}()}";
                    System.Func<object> V() => /*Scanner*/Acme.Scanning.@Scanner.{|#2:Create|};
                    System.Collections.Generic.List<{|#3:Acme.Scanning.Scanner|}> L;
                    {|#4:Acme.Scanning.Scanner|} F = {|#5:new|}();
                    object W() => new {|#6:Acme.Scanning.@Scanner|}();
                }
            }
            """));

    [Fact]
    public Task Member_of_a_field_declared_in_another_member_of_the_type() => Verify(
        new[] { At(0), At(1), At(2) },
        ("/0/Test0.cs", "using {|#0:Acme.Scanning|}; partial class D { {|#1:Scanner|} _scanner; }"),
        ("/0/Test1.cs", "partial class D { int M() => _scanner.{|#2:Count|}; int N(System.Collections.Generic.List<int> l) => l.Count; }"));

    [Fact]
    public Task A_member_reaches_through_a_name_written_with_an_escape_as_verbatim_or_through_an_alias() => Verify(
        // A member's names are read from its characters: an escaped or verbatim name and an alias of the file count.
        new[] { At(0), At(1), At(2), At(3), At(4), At(5) },
        ("/0/Test0.cs", "public static class Wrap { public static {|#0:Acme.Scanning.Scanner|} Get() => null; }"),
        ("/0/Test1.cs", """
            using S = {|#1:Acme.Scanning.Scanner|};
            class D
            {
                int M() => W\u0072ap.Get().{|#2:Count|};
                int N() => @Wrap.Get().{|#3:Count|};
                int P({|#4:S|} s) => s.{|#5:Count|};
                int O(System.Collections.Generic.List<int> l) => l.Count;
            }
            """));

    [Fact]
    public async Task A_vendor_compiled_from_the_projects_own_source_is_found()
    {
        // The vendor's namespace comes from no referenced assembly: whether its root is there at all must be asked
        // of the compilation's own source too.
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("class D { int M() => Acme.Scanning.Scanner.{|#0:Create|}().{|#1:Count|}; }");
        test.TestState.AdditionalProjectReferences.Clear();
        test.TestState.AdditionalProjects.Clear();
        test.TestState.Sources.Add(("/0/Vendor.cs", "namespace {|#2:Acme.Scanning|} { public class Scanner { public static {|#3:Scanner|} Create() => null; public int Count; } }"));
        test.ExpectedDiagnostics.AddRange(new[] { At(0), At(1), At(2), At(3) });
        await test.RunAsync();
    }

    [Fact]
    public async Task Locals_shared_by_top_level_statements()
    {
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            var s = Acme.Scanning.Scanner.{|#0:Create|}();
            System.Console.WriteLine(s.{|#1:Count|});
            """);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[] { At(0), At(1) });
        await test.RunAsync();
    }

    [Fact]
    public Task Exposure_through_a_chain_of_declarations_when_every_file_already_mentions_the_vendor() => Verify(
        new[] { At(0), At(1), At(2) },
        ("/0/Test0.cs", "public class MyScanner : {|#0:Acme.Scanning.Scanner|} { } public static class Wrap { public static MyScanner Get() => null; }"),
        ("/0/Test1.cs", "using {|#1:Acme.Scanning|}; class D { int M() => Wrap.Get().{|#2:Count|}; }"));

    [Fact]
    public async Task Members_of_vendor_objects_handed_out_by_an_assembly_read_from_metadata()
    {
        // A compiled wrapper (a file reference, read from its metadata tables): a method's return type, a field, a
        // property, an event, a generic argument, a derived type and a delegate each hand out a vendor object.
        var wrapper = await WrapperOverVendor("""
            namespace Wrapper
            {
                public static class Factory
                {
                    public static Acme.Scanning.Scanner Make() => null;
                    public static Acme.Scanning.Scanner Field;
                    public static Acme.Scanning.Scanner Property => null;
                    public static System.Collections.Generic.List<Acme.Scanning.Scanner> All() => null;
                    public static int Count() => 0;
                }
                public class Derived : Acme.Scanning.Scanner { }
                public delegate Acme.Scanning.Scanner Maker();
            }
            """);
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            class D
            {
                int A() => Wrapper.Factory.Make().{|#0:Count|};
                int B() => Wrapper.Factory.Field.{|#1:Count|};
                int C() => Wrapper.Factory.Property.{|#2:Count|};
                int E() => Wrapper.Factory.All()[0].{|#3:Count|};
                int F(Wrapper.Derived d) => d.{|#4:Count|};
                int G(Wrapper.Maker m) => m().{|#5:Count|};
                int H() => Wrapper.Factory.Count();
            }
            """);
        test.TestState.AdditionalReferences.Add(wrapper);
        test.ExpectedDiagnostics.AddRange(Enumerable.Range(0, 6).Select(At));
        await test.RunAsync();
    }

    [Fact]
    public async Task Vendor_objects_handed_out_in_arrays_by_reference_and_nested_generics_are_read_from_metadata()
    {
        // Each file names one member of a compiled wrapper and nothing else that leads to the vendor: the file is
        // looked at only if that member's signature blob (an array, a multi-dimensional array, an out parameter, a
        // generic argument inside another, a ref readonly return with its modifier) is read as carrying the type.
        var wrapper = await WrapperOverVendor("""
            namespace Wrapper
            {
                public static class Shapes
                {
                    private static Acme.Scanning.Scanner _one;
                    public static Acme.Scanning.Scanner[] Many() => null;
                    public static Acme.Scanning.Scanner[,] Grid() => null;
                    public static void Find(out Acme.Scanning.Scanner found) => found = null;
                    public static System.Collections.Generic.Dictionary<int, System.Collections.Generic.List<Acme.Scanning.Scanner>> Index() => null;
                    public static ref readonly Acme.Scanning.Scanner One() => ref _one;
                    public static string Plain() => "";
                }
            }
            """);
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("class A { int M() => Wrapper.Shapes.Many()[0].{|#0:Count|}; }");
        test.TestState.Sources.Add(("/0/Test1.cs", "class B { int M() => Wrapper.Shapes.Grid()[0, 0].{|#1:Count|}; }"));
        test.TestState.Sources.Add(("/0/Test2.cs", "class C { int M() { Wrapper.Shapes.Find(out var s); return s.{|#2:Count|}; } }"));
        test.TestState.Sources.Add(("/0/Test3.cs", "class E { int M() => Wrapper.Shapes.Index()[0][0].{|#3:Count|}; }"));
        test.TestState.Sources.Add(("/0/Test4.cs", "class F { int M() => Wrapper.Shapes.One().{|#4:Count|}; }"));
        test.TestState.Sources.Add(("/0/Test5.cs", "class G { int M() => Wrapper.Shapes.Plain().Length + Count; int Count => 0; }"));
        test.TestState.AdditionalReferences.Add(wrapper);
        test.ExpectedDiagnostics.AddRange(Enumerable.Range(0, 5).Select(At));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_framework_type_listed_whole_is_followed_through_framework_members_and_static_members_through_their_names()
    {
        // ArrayList values come out of CollectionBase.InnerList (a framework assembly, read from metadata), so a file
        // that never names ArrayList still uses it; string.Format is written with a keyword, never with "String".
        var policy = AnalyzerTestSetup.Policy.Replace("\"apis\": [ \"N:Acme\", \"T:Other.Widget\", \"M:Other.Tools.Scan(System.String)\", \"M:Other.Tools.#ctor(System.Int32)\" ]",
            "\"apis\": [ \"T:System.Collections.ArrayList\", \"M:System.String.Format(System.String,System.Object[])\" ]");
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            class Bag : System.Collections.CollectionBase
            {
                int M() => InnerList.{|#0:Add|}(1);
                string N() => string.{|#1:Format|}("{0}{1}", new object[] { 1, 2 });
                string O() => string.Format("{0}", 1);
                int P(System.Collections.Generic.List<int> l) { l.Add(1); return l.Count; }
            }
            """, policy: policy);
        test.ExpectedDiagnostics.AddRange(new[] { At(0).WithSeverity(DiagnosticSeverity.Error), At(1) });
        await test.RunAsync();
    }

    [Fact]
    public async Task A_protected_member_handing_out_a_vendor_object_is_followed_into_types_derived_through_other_assemblies()
    {
        // Holder.Inner is protected: it is used inside a type derived from Holder, here through Mid of another
        // compiled assembly, and there its vendor object's members must be found; a name 'Inner' elsewhere is not it.
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var vendor = Emit("Acme.Vendor", AnalyzerTestSetup.VendorSource, references);
        var holder = Emit("Holding", "namespace Holding { public class Holder { protected Acme.Scanning.Scanner Inner => null; } }", references.Add(vendor));
        var middle = Emit("Middle", "namespace Middle { public class Mid : Holding.Holder { } }", references.Add(vendor).Add(holder));
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            class Mine : Middle.Mid
            {
                int M() => Inner.{|#0:Count|};
            }
            class Other
            {
                int N(System.Collections.Generic.List<int> Inner) => Inner.Count;
            }
            """);
        test.TestState.AdditionalReferences.AddRange(new[] { holder, middle });
        test.ExpectedDiagnostics.Add(At(0));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_static_member_of_a_type_whose_values_lead_nowhere_is_found_where_its_type_is_not_written()
    {
        // Clock.Sleep and Collector.Collect are listed; Clock (sealed) and Collector (static) hand out nothing that
        // leads to them, so a member that names neither binds no 'Sleep' or 'Collect'; but a using static or an
        // alias written elsewhere in the file leads to them, and must still.
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var timing = Emit("Acme.Timing", "namespace Acme.Timing { public sealed class Clock { public static void Sleep(int ms) { } } public static class Collector { public static void Collect() { } } }", references);
        var policy = AnalyzerTestSetup.Policy.Replace("\"apis\": [ \"N:Acme\", \"T:Other.Widget\", \"M:Other.Tools.Scan(System.String)\", \"M:Other.Tools.#ctor(System.Int32)\" ]",
            "\"apis\": [ \"M:Acme.Timing.Clock.Sleep(System.Int32)\", \"M:Acme.Timing.Collector.Collect\" ]");
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            using static Acme.Timing.Collector;
            using T = Acme.Timing.Clock;
            class C
            {
                void M() { {|#0:Collect|}(); }
                void N() { T.{|#1:Sleep|}(1); }
                void O() { Acme.Timing.Clock.{|#2:Sleep|}(1); }
                void P(Sleeper s) { s.Sleep(1); }
            }
            class Sleeper { public void Sleep(int ms) { } }
            """, policy: policy);
        test.TestState.AdditionalReferences.Add(timing);
        test.ExpectedDiagnostics.AddRange(new[] { At(0), At(1), At(2) });
        await test.RunAsync();
    }

    [Fact]
    public async Task A_listed_static_member_is_found_through_a_type_derived_in_a_compiled_assembly()
    {
        // Only Scanner.Create is listed (a static member): written after its type's name, or after the name of a type
        // derived from it in a compiled wrapper, which the reach must learn from the wrapper's metadata.
        var wrapper = await WrapperOverVendor("namespace Wrapper { public class Sub : Acme.Scanning.Scanner { } }");
        var policy = AnalyzerTestSetup.Policy.Replace("\"apis\": [ \"N:Acme\", \"T:Other.Widget\", \"M:Other.Tools.Scan(System.String)\", \"M:Other.Tools.#ctor(System.Int32)\" ]",
            "\"apis\": [ \"M:Acme.Scanning.Scanner.Create\" ]");
        var test = AnalyzerTestSetup.Create<ApiUseAnalyzer>("""
            class D
            {
                object M() => Wrapper.Sub.{|#0:Create|}();
                object N() => Acme.Scanning.Scanner.{|#1:Create|}();
                int O(Wrapper.Sub s) => s.Count;
            }
            """, policy: policy);
        test.TestState.AdditionalReferences.Add(wrapper);
        test.ExpectedDiagnostics.AddRange(new[] { At(0), At(1) });
        await test.RunAsync();
    }

    // A compiled assembly "Wrapper" built against the compiled vendor assembly, as a package over it would be.
    private static async Task<MetadataReference> WrapperOverVendor(string source)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var vendor = Emit("Acme.Vendor", AnalyzerTestSetup.VendorSource, references);
        return Emit("Wrapper", source, references.Add(vendor));
    }

    private static MetadataReference Emit(string name, string source, System.Collections.Immutable.ImmutableArray<MetadataReference> references)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(name, new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source) }, references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
