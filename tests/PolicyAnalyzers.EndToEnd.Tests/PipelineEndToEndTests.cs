using System.Text.Json;

namespace PolicyAnalyzers.EndToEnd.Tests;

/// <summary>What a pipeline gets: a SARIF log code scanning accepts, one summary line, CI escalation, waivers in CI.</summary>
[Collection("feed")]
public sealed class PipelineEndToEndTests
{
    private const string NlDecisionLink = "https://www.rijksoverheid.nl/actueel/nieuws/2018/05/14/voorzorgsmaatregel-uitfaseren-gebruik-antivirussoftware-kaspersky-lab";
    private readonly PackageFeedFixture _feed;

    public PipelineEndToEndTests(PackageFeedFixture feed) => _feed = feed;

    private const string Program = """
        public static class Program
        {
            private const string Updates = "https://updates.kaspersky-labs.com/";
            public static void Main() => System.Console.WriteLine(Kaspersky.Fixture.Scanning.Scanner.Create() + Updates);
        }
        """;

    private const string References = """
        <PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />
                <PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />
        """;

    [Fact]
    public void The_SARIF_log_holds_every_finding_of_the_build_and_validates_with_the_SARIF_multitool()
    {
        var consumer = new Consumer(_feed, "sarif").Write("Program.cs", Program)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience>", References);
        var build = consumer.Build();
        Assert.NotEqual(0, build.ExitCode);

        var path = Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "policyanalyzers.sarif");
        var log = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("PolicyAnalyzers", driver.GetProperty("name").GetString());
        Assert.Equal(_feed.Version, driver.GetProperty("semanticVersion").GetString());
        Assert.Equal(new[] { "PA1001", "PA1002", "PA1003", "PA1007" }, driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        // Rule links open: the pages ship in the package, and the link names the page in the package folder.
        Assert.All(driver.GetProperty("rules").EnumerateArray(), r =>
        {
            var page = new Uri(r.GetProperty("helpUri").GetString()!);
            Assert.True(page.IsFile && File.Exists(page.LocalPath), page.ToString());
            Assert.StartsWith("# " + r.GetProperty("id").GetString() + ": ", File.ReadLines(page.LocalPath).First());
        });
        Assert.Equal("policyanalyzers-baseline 2026.11.30", run.GetProperty("properties").GetProperty("policy").GetString());
        Assert.Equal("nl-central-government", run.GetProperty("properties").GetProperty("audience").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(build.Lines("PA1001").Count + build.Lines("PA1002").Count + build.Lines("PA1003").Count + build.Lines("PA1007").Count, results.Count);
        Assert.All(results, r => Assert.Equal(NlDecisionLink, r.GetProperty("properties").GetProperty("decisionLink").GetString()));
        Assert.All(results, r => Assert.Equal("kaspersky", r.GetProperty("properties").GetProperty("vendor").GetString()));
        // Located relative to the repository root (here the project folder: no .git above it), in source and project files.
        var package = results.Single(r => r.GetProperty("ruleId").GetString() == "PA1003");
        var artifact = package.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(("App.csproj", "SRCROOT"), (artifact.GetProperty("uri").GetString(), artifact.GetProperty("uriBaseId").GetString()));
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PA1001"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "Program.cs");

        // The SARIF multitool, with its SARIF and GitHub code-scanning rules: no error and no warning.
        var validation = SarifMultitool.Validate(_feed.Root, path);
        Assert.True(validation.Problems.Count == 0, "SARIF multitool: " + string.Join("\n", validation.Problems));
    }

    [Fact]
    public void The_HTML_report_renders_in_headless_Chromium_and_the_Markdown_summary_fits_a_pull_request()
    {
        var consumer = new Consumer(_feed, "report").Write("Program.cs", Program)
            .Write("waivers.policy.json", """
                {
                  "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
                  "waivers": [ { "id": "W-7", "project": "App", "package": "Kaspersky.Fixture.Scanning", "reason": "Replacement ordered", "approvedBy": "CISO office", "reference": "SEC-7", "expires": "2027-01-31" } ]
                }
                """)
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience><PolicyAnalyzersPolicyFile>waivers.policy.json</PolicyAnalyzersPolicyFile>", References);
        var build = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15");
        Assert.NotEqual(0, build.ExitCode);
        var obj = Path.Combine(consumer.Directory, "obj", "Debug", "net10.0");

        var markdown = File.ReadAllText(Path.Combine(obj, "policyanalyzers.md"));
        Assert.StartsWith("### PolicyAnalyzers: 3 error(s), 0 warning(s), 1 waived\n\nPolicy policyanalyzers-baseline 2026.11.30 + app-waivers 1, evaluated on 2027-01-15; 1 project(s).", markdown);
        Assert.Contains($"| kaspersky | [nl-2018-kaspersky-antivirus]({NlDecisionLink}) | 4 |", markdown);
        Assert.Contains($"| :x: error | [PA1007]({RulePage("PA1007")}) | App | `{Path.GetFileName(consumer.At("Program.cs", "\"https://updates"))}` | 'https://updates.kaspersky-labs.com/' is an endpoint of Kaspersky, which Dutch central government (Rijksoverheid) must phase out (Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018). |", markdown);
        Assert.Contains("| :memo: waived | [PA1003]", markdown);

        var screenshot = Path.Combine(DotNet.RepoRoot, "artifacts", "test-results", "policyanalyzers-report.png");
        var (dom, _) = HeadlessChromium.Open(Path.Combine(obj, "policyanalyzers.html"), screenshot, Path.Combine(_feed.Root, "chromium-profile"));
        var page = System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(dom, "<[^>]+>", " ")), "\\s+", " ");
        Assert.Contains("PolicyAnalyzers report", page);
        Assert.Contains("Policy: policyanalyzers-baseline 2026.11.30 + app-waivers 1 , evaluated on 2027-01-15.", page);
        Assert.Contains("3 errors 0 warnings 1 waived", page);
        Assert.Contains("Vendor: kaspersky (4 findings)", page);
        Assert.Contains("Measure nl-2018-kaspersky-antivirus — Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018 (www.rijksoverheid.nl)", page);
        Assert.Contains($"<a href=\"{NlDecisionLink}\">Kamerstukken 30 821 en 26 643, nr. 46, 14 May 2018 (www.rijksoverheid.nl)</a>", dom);
        Assert.Contains("waived App PA1003 App.csproj(", page);
        Assert.Contains("Waived until 2027-01-31 by 'W-7' (CISO office): Package 'Kaspersky.Fixture.Scanning 1.0.0' is Kaspersky software", page);
        Assert.Contains("W-7", page);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is empty.");
    }

    private string RulePage(string id) => new Uri(Path.Combine(_feed.Packages, "policyanalyzers", _feed.Version.ToLowerInvariant(), "docs", "rules") + "/").AbsoluteUri + id + ".md";

    [Fact]
    public void An_organisation_points_the_rule_links_at_its_own_site()
    {
        var consumer = new Consumer(_feed, "rules-url").Write("Program.cs", "public static class Program { public static void Main() { } }")
            .Write("broken.policy.json", "{ \"policy\": ")
            .Project("<PolicyAnalyzersRulesUrl>https://security.contoso.example/policyanalyzers/rules</PolicyAnalyzersRulesUrl><PolicyAnalyzersPolicyFile>broken.policy.json</PolicyAnalyzersPolicyFile>",
                """<PackageReference Include="PolicyAnalyzers" Version="$VERSION$" PrivateAssets="all" />""");
        var build = consumer.Build();
        Assert.NotEqual(0, build.ExitCode);
        // The compiler prints the rule's help link after the message; the SARIF rule table carries it too.
        Assert.EndsWith("(https://security.contoso.example/policyanalyzers/rules/PA0003.md)", Assert.Single(build.Lines("PA0003")));
        var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "policyanalyzers.sarif"))).RootElement;
        var rule = Assert.Single(log.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("https://security.contoso.example/policyanalyzers/rules/PA0003.md", rule.GetProperty("helpUri").GetString());
    }

    // The one summary line a project's build ends with.
    private static string Summary(BuildResult build) => build.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("PolicyAnalyzers: App:", StringComparison.Ordinal));

    [Fact]
    public void CI_fails_on_a_mandatory_finding_a_local_setting_lowered_ends_with_a_summary_and_passes_with_a_valid_waiver()
    {
        var consumer = new Consumer(_feed, "ci").Write("Program.cs", Program)
            .Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.PA1001.severity = warning\ndotnet_diagnostic.PA1007.severity = warning\n")
            .Project("<PolicyAnalyzersAudience>nl-central-government</PolicyAnalyzersAudience><NoWarn>$(NoWarn);PA1002;PA1003</NoWarn>", References);

        var local = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15");
        Assert.Equal(0, local.ExitCode);
        Assert.All(local.Lines("PA1001"), l => Assert.Contains("warning PA1001", l));
        Assert.StartsWith("PolicyAnalyzers: App: 2 finding(s): 0 error(s), 2 warning(s), 0 waived; by measure: nl-2018-kaspersky-antivirus 2; by vendor: kaspersky 2 (code analysed, packages checked; overrides in effect: ", Summary(local));
        // The report says what NoWarn took away, and which policy (with its hash) was used.
        Assert.Contains("PA1002 off by a severity setting", Summary(local));
        Assert.Contains("PA1003 off by a severity setting", Summary(local));
        Assert.Contains("; policy policyanalyzers-baseline 2026.11.30 [baseline, sha256 ", Summary(local));

        // A CI build starts from a clean tree: --no-incremental, as a fresh checkout would.
        var ci = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15", "-p:ContinuousIntegrationBuild=true", "--no-incremental");
        Assert.NotEqual(0, ci.ExitCode);
        var escalated = ci.Lines("PA1001").Where(l => l.Contains("error PA1001")).ToList();
        Assert.Contains(escalated, l => l.StartsWith(consumer.At("Program.cs", "Create()")) && l.Contains("(Mandatory measure: an error in CI although a local setting made it a warning.) " + NlDecisionLink));
        Assert.Contains(ci.Lines("PA1003"), l => l.Contains("error PA1003: Package 'Kaspersky.Fixture.Scanning 1.0.0'")); // NoWarn does not hide it in CI
        Assert.StartsWith("PolicyAnalyzers: App: 4 finding(s): 4 error(s), 0 warning(s), 0 waived (2 raised to errors in CI)", Summary(ci));

        var optOut = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15", "-p:ContinuousIntegrationBuild=true", "-p:PolicyAnalyzersEscalateInCI=false", "--no-incremental");
        Assert.Equal(0, optOut.ExitCode);

        consumer.Write("waivers.policy.json", """
            {
              "policy": { "id": "app-waivers", "version": "1", "publisher": "App team", "lastUpdated": "2026-11-27", "layer": "project" },
              "waivers": [ { "id": "W-1", "vendor": "kaspersky", "project": "App", "reason": "Replacement ordered", "approvedBy": "CISO office", "reference": "SEC-1", "expires": "2027-01-31" } ]
            }
            """);
        var waived = consumer.Build("-p:PolicyAnalyzersDate=2027-01-15", "-p:ContinuousIntegrationBuild=true", "-p:PolicyAnalyzersPolicyFile=waivers.policy.json", "--no-incremental");
        Assert.Equal(0, waived.ExitCode);
        Assert.StartsWith("PolicyAnalyzers: App: 4 finding(s): 0 error(s), 0 warning(s), 4 waived", Summary(waived));
    }
}

/// <summary>Debian's Chromium, headless, as the probe of this machine kind runs it.</summary>
internal static class HeadlessChromium
{
    public static (string Dom, string Output) Open(string file, string screenshot, string profile)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(chromium != null, "Chromium is needed for this test: install Debian's 'chromium' package (.ci/run does).");
        string[] flags = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile };
        var url = new Uri(file).AbsoluteUri;
        var dom = Run(chromium!, flags.Concat(new[] { "--dump-dom", url }).ToArray());
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        var shot = Run(chromium!, flags.Concat(new[] { "--screenshot=" + screenshot, "--window-size=1280,1000", url }).ToArray());
        return (dom.Stdout, shot.Stderr);
    }

    private static (string Stdout, string Stderr) Run(string file, string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish in 2 minutes.");
        }

        return (stdout, stderr.Result);
    }
}

/// <summary>The SARIF multitool from npm (@microsoft/sarif-multitool), installed once per test run.</summary>
internal static class SarifMultitool
{
    private static readonly object Gate = new();
    private static string? _executable;

    public static (IReadOnlyList<string> Problems, string Output) Validate(string workRoot, string sarifPath)
    {
        var tool = Install(workRoot);
        var output = Path.Combine(workRoot, "sarif-validation-" + Guid.NewGuid().ToString("N")[..6] + ".sarif");
        var (code, text) = Process(tool, workRoot, "validate", sarifPath, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "-o", output);
        Assert.True(code == 0, $"sarif-multitool validate exited {code}:\n{text}");
        var results = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("runs")[0];
        var problems = results.TryGetProperty("results", out var list)
            ? list.EnumerateArray().Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("level").GetString()} {r.GetProperty("message")}").ToList()
            : new List<string>();
        return (problems, text);
    }

    private static string Install(string workRoot)
    {
        lock (Gate)
        {
            if (_executable != null)
            {
                return _executable;
            }

            var prefix = Path.Combine(workRoot, "sarif-multitool");
            Directory.CreateDirectory(prefix);
            var (code, text) = Process("npm", prefix, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", "@microsoft/sarif-multitool@5.7.0");
            Assert.True(code == 0, "Installing @microsoft/sarif-multitool with npm failed (npm and the npm registry are needed for this test):\n" + text);
            var executable = Path.Combine(prefix, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
            // npm may not run the package's install script, which only marks the program executable.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
            }

            return _executable = executable;
        }
    }

    private static (int Code, string Output) Process(string file, string directory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in 5 minutes.");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
