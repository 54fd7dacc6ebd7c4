using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PolicyAnalyzers.Analyzers.Tests;

/// <summary>Builds analyzer tests against a vendor library compiled as its own project (assembly "Acme.Vendor").</summary>
internal static class AnalyzerTestSetup
{
    public const string PolicyPath = "/policy/test.policy.json";
    public const string DecisionLink = "https://example.org/decisions/d1";

    public const string Policy = """
        {
          "policy": { "id": "test", "version": "1", "publisher": "Tests", "lastUpdated": "2026-01-01" },
          "audiences": [ { "id": "gov", "name": "Government" }, { "id": "vital", "name": "Vital sector" } ],
          "decisions": [
            { "id": "d1", "jurisdiction": "NL", "authority": "Cabinet", "date": "2018-05-14", "title": "T",
              "reference": "Kamerstukken 30 821 en 26 643, nr. 46", "link": "https://example.org/decisions/d1", "summary": "S",
              "grounds": [ { "factor": "deep-access", "text": "deep" } ] }
          ],
          "vendors": [
            { "id": "acme", "name": "Acme", "legalEntities": [ "Acme Ltd" ],
              "identify": { "apis": [ "N:Acme", "T:Other.Widget", "M:Other.Tools.Scan(System.String)", "M:Other.Tools.#ctor(System.Int32)" ], "assemblyNames": [ "Acme.*" ] } }
          ],
          "measures": [
            { "id": "m1", "decision": "d1", "vendors": [ "acme" ], "productScope": "antivirus software",
              "audiences": [ { "audience": "gov", "action": "phase-out" }, { "audience": "vital", "action": "advise" } ] }
          ]
        }
        """;

    public const string VendorSource = """
        namespace Acme.Scanning
        {
            public class Scanner
            {
                public static Scanner Create() => new Scanner();
                public ScanResult Scan(string path) => new ScanResult();
                public string Engine => "";
                public int Count;
                public event System.EventHandler Done { add { } remove { } }
            }
            public class ScanResult { public bool Clean => true; }
            public interface ICallback { }
            public class BaseScanner { }
            [System.AttributeUsage(System.AttributeTargets.All)] public sealed class MonitoredAttribute : System.Attribute { }
            public static class Ext { public static int QuickScan(this string s) => 0; }
            public static class Defaults { public const string Folder = "/"; }
            public class Box<T> { }
        }
        namespace Other
        {
            public class Widget { }
            public class Tools
            {
                public Tools() { }
                public Tools(int x) { }
                public void Scan(string s) { }
                public void Scan(int i) { }
            }
            public class Scanner { }
        }
        namespace AcmeCorp { public class Thing { } }
        """;

    /// <param name="layer">The place the policy is configured in: 0 the shipped baseline's, 1 the organisation's.</param>
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create<TAnalyzer>(string source, string? audience = "gov", string policy = Policy, string extraGlobalConfig = "", int layer = 1)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        Configure(test.TestState, audience, policy, extraGlobalConfig, layer);
        return test;
    }

    /// <summary>The vendor library project, the policy as an additional file marked as a layer, and the build properties.</summary>
    public static void Configure(SolutionState state, string? audience = "gov", string policy = Policy, string extraGlobalConfig = "", int layer = 1)
    {
        state.AdditionalProjects["Acme.Vendor"].Sources.Add(("Vendor.cs", VendorSource));
        state.AdditionalProjectReferences.Add("Acme.Vendor");
        state.AdditionalFiles.Add((PolicyPath, policy));
        state.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
            is_global = true
            {(audience == null ? "" : "build_property.PolicyAnalyzersAudience = " + audience)}
            {extraGlobalConfig}

            [{PolicyPath}]
            build_metadata.AdditionalFiles.PolicyAnalyzersLayer = {layer}
            """));
    }
}
