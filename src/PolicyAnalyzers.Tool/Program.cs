using System;
using System.CommandLine;
using System.Linq;
using PolicyAnalyzers.Tool.Commands;

namespace PolicyAnalyzers.Tool
{
    /// <summary>
    /// policyanalyzers validate | explain | diff | impact | report | verify. Exit codes: 0 success (no errors, nothing new,
    /// every project verified), 1 errors, differences or unverified projects found, 2 usage error or unreadable input, 3 explain found no vendor.
    /// </summary>
    public static class Program
    {
        public const int UsageError = 2;

        public static int Main(string[] args)
        {
            var format = new Option<string>("--format") { Description = "Output for people (text) or machines (json).", DefaultValueFactory = _ => "text", Recursive = true };
            format.AcceptOnlyFromAmong("text", "json");
            var noBaseline = new Option<bool>("--no-baseline") { Description = "Leave out the national baseline that ships with PolicyAnalyzers.", Recursive = true };
            var date = new Option<string?>("--date") { Description = "Evaluate deadlines and waivers on this date (YYYY-MM-DD) instead of today.", Recursive = true };
            var audience = new Option<string?>("--audience") { Description = "The project's audience (PolicyAnalyzersAudience)." };
            var project = new Option<string?>("--project") { Description = "The project name, for waivers that name one." };
            var policies = new Argument<string[]>("policy-files") { Description = "Policy files, in any order (their declared layers decide precedence).", Arity = ArgumentArity.ZeroOrMore };

            var root = new RootCommand("Validate, explain, diff and try out PolicyAnalyzers vendor policies.") { format, noBaseline, date };

            var validate = new Command("validate", "Check policy files: schema, references, layers, dates, waivers, overlapping patterns. Exit 1 on errors.") { policies };
            validate.SetAction(r => ValidateCommand.Run(r.GetValue(policies) ?? Array.Empty<string>(), !r.GetValue(noBaseline), r.GetValue(date), r.GetValue(format), Console.Out));
            root.Subcommands.Add(validate);

            var package = new Option<string?>("--package") { Description = "A package id." };
            var version = new Option<string?>("--version") { Description = "The package version (shown only)." };
            var author = new Option<string?>("--author") { Description = "The package's nuspec authors." };
            var owner = new Option<string?>("--owner") { Description = "The package's owners on the feed." };
            var certificate = new Option<string?>("--certificate") { Description = "The signing certificate's subject." };
            var fingerprint = new Option<string?>("--fingerprint") { Description = "The signing certificate's SHA-256 fingerprint." };
            var repository = new Option<string?>("--repository") { Description = "The package's source repository URL." };
            var assembly = new Option<string?>("--assembly") { Description = "An assembly name." };
            var token = new Option<string?>("--public-key-token") { Description = "The assembly's public key token." };
            var company = new Option<string?>("--company") { Description = "The assembly's AssemblyCompany." };
            var api = new Option<string?>("--api") { Description = "A documentation-comment id, e.g. M:Contoso.Scanner.Scan(System.String)." };
            var endpoint = new Option<string?>("--endpoint") { Description = "A URL or host name." };
            var explain = new Command("explain", "Say which vendor and measure apply to a package, assembly, API or endpoint, and why. Exit 3 when no vendor matches.")
            {
                package, version, author, owner, certificate, fingerprint, repository, assembly, token, company, api, endpoint, audience, project, policies,
            };
            explain.Validators.Add(r =>
            {
                var given = new[] { r.GetValue(package), r.GetValue(assembly), r.GetValue(api), r.GetValue(endpoint) }.Count(v => v != null);
                if (given != 1)
                {
                    r.AddError("Name exactly one of --package, --assembly, --api or --endpoint.");
                }
            });
            explain.SetAction(r => ExplainCommand.Run(new ExplainQuery
            {
                Package = r.GetValue(package), Version = r.GetValue(version), Author = r.GetValue(author), Owner = r.GetValue(owner),
                Certificate = r.GetValue(certificate), Fingerprint = r.GetValue(fingerprint), Repository = r.GetValue(repository),
                Assembly = r.GetValue(assembly), PublicKeyToken = r.GetValue(token), Company = r.GetValue(company),
                Api = r.GetValue(api), Endpoint = r.GetValue(endpoint), Project = r.GetValue(project),
            }, r.GetValue(policies) ?? Array.Empty<string>(), !r.GetValue(noBaseline), r.GetValue(audience), r.GetValue(date), r.GetValue(format), Console.Out));
            root.Subcommands.Add(explain);

            var oldFile = new Argument<string>("old") { Description = "The policy file as published." };
            var newFile = new Argument<string>("new") { Description = "The policy file as proposed." };
            var diff = new Command("diff", "Say what changed between two versions of a policy file; changes that weaken it are marked. Exit 1 when anything changed.") { oldFile, newFile };
            diff.SetAction(r => DiffCommand.Run(r.GetValue(oldFile)!, r.GetValue(newFile)!, r.GetValue(format), Console.Out, Console.Error));
            root.Subcommands.Add(diff);

            var folder = new Option<string>("--root") { Description = "Folder with restored projects (their obj/project.assets.json and sources).", Required = true };
            var current = new Option<string[]>("--current") { Description = "The policy files in force today (repeatable).", AllowMultipleArgumentsPerToken = true };
            var impact = new Command("impact", "Run a candidate policy over restored projects and list the findings that would be new, fixed or changed. Exit 1 when any would be new or changed.")
            {
                folder, current, audience, policies,
            };
            impact.SetAction(r => ImpactCommand.Run(r.GetValue(folder)!, r.GetValue(current) ?? Array.Empty<string>(), r.GetValue(policies) ?? Array.Empty<string>(), !r.GetValue(noBaseline),
                r.GetValue(audience), r.GetValue(date), r.GetValue(format), Console.Out, Console.Error));
            root.Subcommands.Add(impact);

            var logs = new Argument<string[]>("logs") { Description = "PolicyAnalyzers SARIF logs, or folders to search for obj/**/policyanalyzers.sarif.", Arity = ArgumentArity.OneOrMore };
            var html = new Option<string?>("--html") { Description = "Write the HTML report here." };
            var markdown = new Option<string?>("--markdown") { Description = "Write the Markdown summary here (without --html or --markdown it is printed)." };
            var report = new Command("report", "One HTML report and Markdown summary over many projects' SARIF logs.") { logs, html, markdown };
            report.SetAction(r => ReportCommand.Run(r.GetValue(logs) ?? Array.Empty<string>(), r.GetValue(html), r.GetValue(markdown), Console.Out, Console.Error));
            root.Subcommands.Add(report);

            var outDir = new Option<string>("--out") { Description = "The folder to write the audit source's files into.", Required = true };
            var baseUrl = new Option<string?>("--base-url") { Description = "The URL the folder will be served at (default: its file URL)." };
            var nugetConfig = new Option<string?>("--nuget-config") { Description = "A nuget.config whose feeds list the package ids that patterns such as 'Kaspersky.*' expand to." };
            var listTimeout = new Option<int>("--timeout") { Description = "Seconds the feed listing may take.", DefaultValueFactory = _ => 30 };
            var exportAudience = new Option<string?>("--audience") { Description = "Set severities by what binds this audience (default: each vendor's strongest measure)." };
            var export = new Command("export", "Write the policy as a NuGet audit source: a service index with the VulnerabilityInfo resource and its data file.")
            {
                policies, outDir, baseUrl, nugetConfig, listTimeout, exportAudience,
            };
            export.SetAction(r => AuditSourceCommand.Run(r.GetValue(policies) ?? Array.Empty<string>(), !r.GetValue(noBaseline), r.GetValue(outDir)!, r.GetValue(baseUrl), r.GetValue(nugetConfig),
                r.GetValue(exportAudience), r.GetValue(listTimeout), Console.Out, Console.Error));
            var auditSource = new Command("audit-source", "The policy as a NuGet audit source, for every restore of every project (NU1901-NU1904).") { export };
            root.Subcommands.Add(auditSource);

            var verifyRoot = new Option<string>("--root") { Description = "The folder the build ran in: every restored project under it is verified.", Required = true };
            var require = new Option<string[]>("--require") { Description = "A policy file every project must have used, with what it enforces (repeatable).", AllowMultipleArgumentsPerToken = true };
            var verifyMarkdown = new Option<string?>("--markdown") { Description = "Also write the Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)." };
            var verify = new Command("verify", "After the build: check that every restored project ran every PolicyAnalyzers check with no override, and used the required policies. Exit 1 when any did not.")
            {
                verifyRoot, require, verifyMarkdown,
            };
            verify.SetAction(r => VerifyCommand.Run(r.GetValue(verifyRoot)!, r.GetValue(require) ?? Array.Empty<string>(), r.GetValue(verifyMarkdown), Console.Out, Console.Error));
            root.Subcommands.Add(verify);

            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var e in parsed.Errors)
                {
                    Console.Error.WriteLine(e.Message);
                }

                Console.Error.WriteLine("Run 'policyanalyzers --help' for usage.");
                return UsageError;
            }

            try
            {
                return parsed.Invoke();
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return UsageError;
            }
        }
    }
}
