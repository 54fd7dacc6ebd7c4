using PolicyAnalyzers.Policy.Model;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Policy.Tests;

public class PolicyReaderTests
{
    [Fact]
    public void Reads_a_valid_policy()
    {
        var result = PolicyReader.Read("p.json", PolicyText.Minimal);
        Assert.Empty(result.Problems);
        var doc = result.Document!;
        Assert.Equal("test", doc.Id);
        var vendor = Assert.Single(doc.Vendors);
        Assert.Equal(new[] { "Acme.*", "AcmeCore" }, vendor.Identify.PackageIds.Select(p => p.Value));
        var measure = Assert.Single(doc.Measures);
        Assert.Equal(MeasureAction.PhaseOut, measure.Audiences[0].Action);
        Assert.Equal("antivirus software", measure.ProductScope);
    }

    [Fact]
    public void Shipped_policy_is_valid_and_holds_the_Dutch_decision_with_its_history()
    {
        var result = PolicyReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "policy", "policyanalyzers.policy.json"));
        Assert.Empty(result.Problems);
        var nl = result.Document!.Decisions.Single(d => d.Id == "nl-2018-kaspersky-precaution");
        Assert.Equal("Kamerstukken 30 821 en 26 643, nr. 46", nl.Reference);
        Assert.Equal("2018-05-14", nl.Date);
        Assert.Equal(new[] { "deep-access", "home-country-law", "offensive-cyber-programme" }, nl.Grounds.Select(g => g.Factor));
        var refusal = nl.History.Single(h => h.Event == "reconsideration-refused");
        Assert.Equal(("2019-07-16", "2019D31225"), (refusal.Date, refusal.Reference));
        Assert.All(result.Document.Decisions, d => Assert.StartsWith("http", d.Link));
        var kaspersky = result.Document.Vendors.Single(v => v.Id == "kaspersky");
        Assert.Contains("AO Kaspersky Lab", kaspersky.LegalEntities);
        Assert.Contains(kaspersky.Identify.PackageIds, p => p.Value == "Kaspersky.*");
        Assert.Contains(kaspersky.Identify.Apis, p => p.Value == "N:Kaspersky");
        var measure = result.Document.Measures.Single(m => m.DecisionId == nl.Id);
        Assert.Equal("antivirus software", measure.ProductScope);
        Assert.Equal(MeasureAction.PhaseOut, measure.Audiences.Single(a => a.AudienceId == "nl-central-government").Action);
        Assert.Equal(MeasureAction.Advise, measure.Audiences.Single(a => a.AudienceId == "nl-vital-sector").Action);
        Assert.Equal(MeasureAction.Advise, measure.Audiences.Single(a => a.AudienceId == "nl-abdo").Action);
    }

    [Fact]
    public void Unknown_field_is_an_error_at_its_position()
    {
        var text = PolicyText.Minimal.Replace("\"publisher\": \"Tests\",", "\"publisher\": \"Tests\", \"owner\": \"x\",");
        var problem = Assert.Single(PolicyReader.Read("p.json", text).Problems);
        Assert.Equal((PolicyProblemKind.Invalid, "PA0004", 2), (problem.Kind, problem.Id, problem.Line));
        Assert.Equal(text.Split('\n')[1].IndexOf("\"owner\"") + 1, problem.Column);
        Assert.Contains("Unknown field 'owner'", problem.Message);
    }

    [Fact]
    public void Duplicate_ids_are_errors_pointing_at_the_second()
    {
        var text = PolicyText.Minimal.Replace("{ \"id\": \"vital\", \"name\": \"Vital sector\" }", "{ \"id\": \"gov\", \"name\": \"Again\" }");
        var problems = PolicyReader.Read("p.json", text).Problems;
        Assert.Contains(problems, p => p.Message.Contains("Duplicate audience id 'gov'") && p.Line == 3);
    }

    [Theory]
    [InlineData("\"date\": \"2018-05-14\"", "\"date\": \"14 May 2018\"", "YYYY-MM-DD")]
    [InlineData("\"link\": \"https://example.org/d1\"", "\"link\": \"example.org\"", "absolute http(s) link")]
    [InlineData("\"action\": \"phase-out\"", "\"action\": \"ban\"", "must be one of prohibit, phase-out, advise")]
    [InlineData("\"N:Acme\"", "\"Acme\"", "documentation-comment id")]
    [InlineData("\"0123456789abcdef\"", "\"xyz\"", "16 hexadecimal digits")]
    [InlineData("\"AcmeCore\"", "\"Acme Core\"", "package id pattern")]
    [InlineData("\"version\": \"1\"", "\"version\": 1", "must be a string but is a number")]
    [InlineData("\"factor\": \"deep-access\"", "\"factor\": \"deep\"", "must be one of deep-access")]
    public void Schema_violations_are_located(string from, string to, string message)
    {
        var text = PolicyText.Minimal.Replace(from, to);
        var problem = Assert.Single(PolicyReader.Read("p.json", text).Problems);
        Assert.Contains(message, problem.Message);
        var line = text.Split('\n')[problem.Line - 1];
        Assert.Contains(to.Split(':').Last().Trim(), line);
    }

    [Fact]
    public void Missing_required_field_is_reported()
    {
        var text = PolicyText.Minimal.Replace("\"summary\": \"S\",", "");
        var problem = Assert.Single(PolicyReader.Read("p.json", text).Problems);
        Assert.Contains("Missing required field 'summary' in a decision", problem.Message);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Syntax_error_is_its_own_kind()
    {
        var problem = Assert.Single(PolicyReader.Read("p.json", "{ \"policy\": ").Problems);
        Assert.Equal((PolicyProblemKind.Syntax, "PA0003"), (problem.Kind, problem.Id));
        Assert.Contains("not valid JSON", problem.Message);
    }

    [Fact]
    public void Missing_and_undecodable_files_are_problems_not_exceptions()
    {
        var missing = Assert.Single(PolicyReader.ReadFile("/nonexistent/policy.json").Problems);
        Assert.Equal("PA0001", missing.Id);
        Assert.Contains("/nonexistent/policy.json", missing.Message);

        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' });
        var bad = Assert.Single(PolicyReader.ReadFile(path).Problems);
        Assert.Equal("PA0002", bad.Id);
        Assert.Contains("not valid UTF-8", bad.Message);
        File.Delete(path);
    }
}
