using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Json;
using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.CodeFixes
{
    /// <summary>
    /// "Add a waiver": writes a waiver request for the finding into the project's waiver file (a policy layer whose
    /// file name ends in waivers.policy.json), scoped to this project, the vendor and, for an API, the API, with
    /// placeholders for the reason and the ticket and an expiry 90 days out. It has no "approvedBy": the policy
    /// reader refuses a waiver without one (PA0004, located), so a request never waives anything until the security
    /// team approves it, and a build fails closed on the file until then.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddWaiverCodeFix)), Shared]
    public sealed class AddWaiverCodeFix : CodeFixProvider
    {
        public const string WaiverFileSuffix = "waivers.policy.json";
        public const int DefaultDays = 90;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
            DiagnosticIds.ApiUse, DiagnosticIds.NativeLibrary, DiagnosticIds.LateBinding, DiagnosticIds.Endpoint);

        // Each finding gets its own waiver entry, so fix-all would file many requests at once: not offered.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var file = context.Document.Project.AdditionalDocuments.FirstOrDefault(d => d.Name.EndsWith(WaiverFileSuffix, StringComparison.OrdinalIgnoreCase));
            foreach (var diagnostic in context.Diagnostics)
            {
                if (file == null || !diagnostic.Properties.TryGetValue(FindingProperties.Vendor, out var vendor) || vendor == null
                    || diagnostic.Properties.ContainsKey(FindingProperties.Waiver))
                {
                    continue; // no waiver file to write to, or already waived
                }

                diagnostic.Properties.TryGetValue(FindingProperties.Api, out var api);
                // The MSBuild project name waivers match, not the IDE's display name ("App (net8.0)").
                var project = context.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.MSBuildProjectName", out var name)
                    && !string.IsNullOrWhiteSpace(name) ? name.Trim() : context.Document.Project.Name;
                var what = api != null ? $"'{api}'" : $"vendor '{vendor}'";
                context.RegisterCodeFix(
                    CodeAction.Create($"Add a waiver for {what} to {file.Name}", ct => AddWaiver(context.Document.Project.Solution, file.Id, project, vendor, api, ct),
                        equivalenceKey: nameof(AddWaiverCodeFix)),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Solution> AddWaiver(Solution solution, DocumentId fileId, string project, string vendor, string? api, CancellationToken cancellationToken)
        {
            var document = solution.GetAdditionalDocument(fileId)!;
            var text = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            var existing = 0;
            for (var i = text.IndexOf("\"id\": \"W-" + project + "-", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\"id\": \"W-" + project + "-", i + 1, StringComparison.Ordinal))
            {
                existing++;
            }

            var entry = "{ \"id\": " + JsonText.Quote($"W-{project}-{existing + 1}") + ", \"project\": " + JsonText.Quote(project) + ", \"vendor\": " + JsonText.Quote(vendor)
                + (api != null ? ", \"api\": " + JsonText.Quote(api) : "")
                + ", \"reason\": \"(to be filled in: why this exception is needed)\", \"reference\": \"(to be filled in: the ticket)\", \"expires\": "
                + JsonText.Quote(DateTime.UtcNow.Date.AddDays(DefaultDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + " }";
            return solution.WithAdditionalDocumentText(fileId, SourceText.From(Insert(text, entry)));
        }

        // Into the "waivers" array if the file has one (after its last entry), else a new "waivers" array before the
        // closing brace. Plain text edits, so the team's formatting and comments-free JSON stay as they were.
        private static string Insert(string text, string entry)
        {
            var key = text.IndexOf("\"waivers\"", StringComparison.Ordinal);
            var open = key < 0 ? -1 : text.IndexOf('[', key);
            if (open >= 0)
            {
                var close = MatchingBracket(text, open);
                if (close > open)
                {
                    var inside = text.Substring(open + 1, close - open - 1);
                    var separator = inside.Trim().Length == 0 ? "\n    " : ",\n    ";
                    var before = text.Substring(0, close).TrimEnd();
                    return before + separator + entry + "\n  " + text.Substring(close);
                }
            }

            var end = text.LastIndexOf('}');
            var body = text.Substring(0, end).TrimEnd();
            return body + (body.EndsWith("{", StringComparison.Ordinal) ? "" : ",") + "\n  \"waivers\": [\n    " + entry + "\n  ]\n" + text.Substring(end);
        }

        private static int MatchingBracket(string text, int open)
        {
            var depth = 0;
            var inString = false;
            for (var i = open; i < text.Length; i++)
            {
                var c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '[')
                {
                    depth++;
                }
                else if (c == ']' && --depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
