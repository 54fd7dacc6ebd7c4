namespace PolicyAnalyzers.Policy.Tests;

/// <summary>Small policies for tests, written out so line and column expectations can be read off them.</summary>
internal static class PolicyText
{
    public const string Minimal = """
        {
          "policy": { "id": "test", "version": "1", "publisher": "Tests", "lastUpdated": "2026-01-01" },
          "audiences": [ { "id": "gov", "name": "Government" }, { "id": "vital", "name": "Vital sector" } ],
          "decisions": [
            {
              "id": "d1", "jurisdiction": "NL", "authority": "Cabinet", "date": "2018-05-14", "title": "T",
              "reference": "Kamerstukken 30 821 en 26 643, nr. 46", "link": "https://example.org/d1", "summary": "S",
              "grounds": [ { "factor": "deep-access", "text": "deep" } ]
            }
          ],
          "vendors": [
            {
              "id": "acme", "name": "Acme", "legalEntities": [ "Acme Ltd" ],
              "identify": { "packageIds": [ "Acme.*", "AcmeCore" ], "apis": [ "N:Acme", "T:Other.Widget", "M:Other.Tools.Scan(System.String)" ], "assemblyNames": [ "Acme.*" ], "publicKeyTokens": [ "0123456789abcdef" ] }
            }
          ],
          "measures": [
            { "id": "m1", "decision": "d1", "vendors": [ "acme" ], "productScope": "antivirus software",
              "audiences": [ { "audience": "gov", "action": "phase-out" }, { "audience": "vital", "action": "advise" } ] }
          ]
        }
        """;
}
