using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Tool.Commands
{
    /// <summary>What explain is asked about: one package (with optional publisher evidence), assembly, API or endpoint.</summary>
    internal sealed class ExplainQuery
    {
        public string? Package { get; init; }
        public string? Version { get; init; }
        public string? Author { get; init; }
        public string? Owner { get; init; }
        public string? Certificate { get; init; }
        public string? Fingerprint { get; init; }
        public string? Repository { get; init; }
        public string? Assembly { get; init; }
        public string? PublicKeyToken { get; init; }
        public string? Company { get; init; }
        public string? Api { get; init; }
        public string? Endpoint { get; init; }
        public string? Project { get; init; }
    }

    /// <summary>
    /// explain: which vendor and measure would apply to a package, assembly, API or endpoint, and why — the same
    /// matching and the same words as the build. Exit 0 when a vendor matched, 3 when nothing did.
    /// </summary>
    internal static class ExplainCommand
    {
        public const int NoMatch = 3;

        public static int Run(ExplainQuery q, IReadOnlyList<string> files, bool baseline, string? audience, string? date, string? format, TextWriter output)
        {
            var snapshot = PolicyInput.Load(files, baseline, audience, date);
            var (subject, match, evidence, excludedBy, scope) = Match(snapshot.Index, q);
            var verdict = match == null ? null : snapshot.Verdicts.For(match.Vendor, excludedBy);
            var finding = verdict == null ? null : snapshot.Judge(verdict, scope, subject, string.Join("; ", evidence));
            var measures = match == null ? new List<object>() : snapshot.Policy.Measures
                .Where(m => m.VendorIds.Any(v => string.Equals(v.Value, match.Vendor.Id, StringComparison.OrdinalIgnoreCase)))
                .Select(m => (object)new
                {
                    id = m.Id,
                    decision = m.DecisionId,
                    reference = snapshot.Policy.Decisions[m.DecisionId].Reference,
                    decisionDate = snapshot.Policy.Decisions[m.DecisionId].Date,
                    jurisdiction = snapshot.Policy.Decisions[m.DecisionId].Jurisdiction,
                    authority = snapshot.Policy.Decisions[m.DecisionId].Authority,
                    link = snapshot.Policy.Decisions[m.DecisionId].Link,
                    bindsAudience = Binds(m, audience),
                    governs = ReferenceEquals(verdict?.Measure, m),
                    policy = m.Source?.Describe(),
                    excludedHere = excludedBy != null && m.Exclude is { IsEmpty: false } && excludedBy(new PolicyIndex(match.Vendor, m.Exclude)),
                    audiences = m.Audiences.Select(a => new { audience = a.AudienceId, action = MeasureActions.Name(a.Action), effective = a.Effective, deadline = a.Deadline }).ToList(),
                }).ToList();

            if (Output.ToolReport.IsJson(format))
            {
                Output.ToolReport.WriteJson(output, new
                {
                    subject,
                    policy = snapshot.Policy.Describe(),
                    date = PolicyDate.Write(snapshot.Today),
                    audience,
                    vendor = match?.Vendor.Id,
                    vendorName = match?.Vendor.Name,
                    matchedBy = evidence,
                    severity = finding == null ? null : SeverityLevels.Name(finding.Severity),
                    measure = verdict?.Measure.Id,
                    decision = verdict?.Decision.Id,
                    link = verdict?.HelpLink,
                    waiver = finding?.Waiver?.Id,
                    waiverLapsed = finding?.WaiverLapsed,
                    message = finding?.Message,
                    measures,
                });
            }
            else if (match == null)
            {
                output.WriteLine($"{subject}: no vendor of the policy ({snapshot.Policy.Describe()}) recognises it.");
            }
            else
            {
                output.WriteLine($"{subject}: vendor {match.Vendor.Name} ({match.Vendor.Id}), matched by {string.Join("; ", evidence)}.");
                if (finding == null)
                {
                    output.WriteLine("No measure governs it (the vendor is recognised only, or every measure that names it excludes this).");
                }
                else
                {
                    output.WriteLine($"Severity for audience '{audience ?? "(none)"}' on {PolicyDate.Write(snapshot.Today)}: {SeverityLevels.Name(finding.Severity)}.");
                    output.WriteLine(finding.Message);
                }

                output.WriteLine(audience == null
                    ? "Measures that name the vendor (no audience given: pass --audience to see which bind you):"
                    : $"Measures that name the vendor ('>' binds audience '{audience}'):");
                foreach (var m in snapshot.Policy.Measures.Where(m => m.VendorIds.Any(v => string.Equals(v.Value, match.Vendor.Id, StringComparison.OrdinalIgnoreCase))))
                {
                    var d = snapshot.Policy.Decisions[m.DecisionId];
                    var audiences = string.Join(", ", m.Audiences.Select(a => $"{a.AudienceId}: {MeasureActions.Name(a.Action)}" + (a.Effective != null ? $" from {a.Effective}" : "") + (a.Deadline != null ? $" by {a.Deadline}" : "")));
                    output.WriteLine($"{(Binds(m, audience) ? ">" : " ")} {m.Id}: {d.Reference} ({d.Jurisdiction}, {d.Authority}, {FindingText.LongDate(d.Date)}) {d.Link}");
                    output.WriteLine($"    {audiences}; from {m.Source?.Describe()}");
                }
            }

            return match == null ? NoMatch : 0;
        }

        private static bool Binds(Measure m, string? audience)
            => audience != null && m.Audiences.Any(a => string.Equals(a.AudienceId, audience.Trim(), StringComparison.OrdinalIgnoreCase));

        private static (string Subject, IdentifierMatch? Match, List<string> Evidence, Func<PolicyIndex, bool>? ExcludedBy, FindingScope Scope) Match(PolicyIndex index, ExplainQuery q)
        {
            if (q.Package != null)
            {
                var evidence = new PackageEvidence { Authors = q.Author, Owners = q.Owner, RepositoryUrl = q.Repository };
                if (q.Certificate != null || q.Fingerprint != null)
                {
                    evidence.Signatures.Add(new SignatureEvidence("author signature", q.Certificate ?? "", (q.Fingerprint ?? "").Replace(":", "").ToUpperInvariant(), Array.Empty<string>()));
                }

                var m = EvidenceMatcher.Match(index, q.Package, evidence);
                return ($"Package '{q.Package}{(q.Version != null ? " " + q.Version : "")}'", m.Vendor, m.Evidence,
                    ix => EvidenceMatcher.Match(ix, q.Package, evidence).Vendor != null, new FindingScope(q.Project, package: q.Package));
            }

            if (q.Assembly != null)
            {
                var evidence = new List<string>();
                IdentifierMatch? first = null;
                // As the analyzer and the package check: evidence counts only for the vendor the first match names.
                void Add(IdentifierMatch? m, string what)
                {
                    if (m != null && (first == null || first.Vendor == m.Vendor))
                    {
                        first ??= m;
                        evidence.Add(what + $" (entry '{m.Entry}')");
                    }
                }

                Add(index.MatchAssemblyName(q.Assembly), $"assembly name '{q.Assembly}'");
                if (q.PublicKeyToken != null)
                {
                    Add(index.MatchPublicKeyToken(q.PublicKeyToken), $"public key token {q.PublicKeyToken}");
                }

                if (q.Company != null)
                {
                    foreach (var (_, m) in index.Publishers.Match(q.Company))
                    {
                        Add(m, $"company '{q.Company}'");
                    }
                }

                return ($"Assembly '{q.Assembly}'", first, evidence,
                    ix => ix.MatchAssemblyName(q.Assembly) != null || (q.PublicKeyToken != null && ix.MatchPublicKeyToken(q.PublicKeyToken) != null), new FindingScope(q.Project));
            }

            if (q.Api != null)
            {
                var api = q.Api.Length > 2 && q.Api[1] == ':' ? q.Api : "T:" + q.Api;
                var hit = index.ApiEntries.FirstOrDefault(e => ApiIds.Covers(e.Entry, api));
                return ($"API '{api}'", hit, hit == null ? new List<string>() : new List<string> { $"API entry '{hit.Entry}'" }, null, new FindingScope(q.Project, api: api));
            }

            var host = IdentifierText.EndpointHost(q.Endpoint ?? "") ?? q.Endpoint ?? "";
            var endpoint = index.MatchHost(host);
            return ($"Endpoint '{q.Endpoint}' (host {host})", endpoint, endpoint == null ? new List<string>() : new List<string> { $"domain '{endpoint.Entry}'" },
                ix => ix.MatchHost(host) != null, new FindingScope(q.Project));
        }
    }
}
