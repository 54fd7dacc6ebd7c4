using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PolicyAnalyzers.Policy.Json;
using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>The result of reading one policy file: the document (null when unusable) and every problem found.</summary>
    public sealed class PolicyReadResult
    {
        public PolicyReadResult(PolicyDocument? document, IReadOnlyList<PolicyProblem> problems)
        {
            Document = document;
            Problems = problems;
        }

        public PolicyDocument? Document { get; }
        public IReadOnlyList<PolicyProblem> Problems { get; }
        public bool HasErrors => Problems.Count > 0;
    }

    /// <summary>Reads and validates a policy file (format v1, see policy/schema/policy.schema.json).</summary>
    public static class PolicyReader
    {
        private static readonly string[] RootFields = { "$schema", "policy", "audiences", "decisions", "vendors", "measures", "waivers" };
        private static readonly string[] PolicyFields = { "id", "version", "publisher", "lastUpdated", "description", "layer", "locked", "allowWaiversFrom", "waiverApprovers", "overrideBaseline", "enforce" };
        private static readonly string[] AudienceFields = { "id", "name", "description" };
        private static readonly string[] DecisionFields = { "id", "jurisdiction", "authority", "date", "title", "reference", "link", "summary", "grounds", "history" };
        private static readonly string[] GroundFields = { "factor", "text" };
        private static readonly string[] EventFields = { "date", "event", "reference", "link", "summary" };
        private static readonly string[] VendorFields = { "id", "name", "legalEntities", "identify", "notes" };
        private static readonly string[] IdentifyFields = { "packageIds", "apis", "assemblyNames", "publicKeyTokens", "publishers", "packageOwners", "certificateFingerprints", "repositories", "nativeLibraries", "progIds", "domains" };
        private static readonly string[] MeasureFields = { "id", "decision", "vendors", "productScope", "excludes", "exclude", "audiences" };
        private static readonly string[] MeasureAudienceFields = { "audience", "action", "effective", "deadline", "note" };
        private static readonly string[] WaiverFields = { "id", "vendor", "project", "package", "api", "reason", "approvedBy", "reference", "expires" };
        private static readonly string[] Actions = { "prohibit", "phase-out", "advise" };

        /// <summary>Problems reported per file before the rest are counted in one line: a broken generated file
        /// with 100,000 vendors must not print 100,000 lines.</summary>
        public const int MaxProblemsPerFile = 100;

        /// <summary>Reads a policy file from disk; a missing, special, huge or undecodable file is a problem, never an exception or a wait.</summary>
        public static PolicyReadResult ReadFile(string path, PolicyLayer? configuredAs = null)
        {
            var bytes = PolicyFileAccess.Read(path, out var problem);
            if (bytes == null)
            {
                return new PolicyReadResult(null, new[] { problem! });
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return Fail(PolicyProblemKind.Unreadable, path, $"Policy file '{path}' is not valid UTF-8 text. Save it as UTF-8.");
            }

            var result = ReadConfigured(path, text, configuredAs);
            if (result.Document != null && result.Document.Sha256.Length == 0)
            {
                result.Document.Sha256 = ShippedPolicy.Sha256Hex(bytes);
            }

            return result;
        }

        /// <summary>
        /// Reads a file configured as a layer of a project. Authority comes from where it is configured: the file
        /// applies at that layer or a lower one it declares, never higher (a raised claim is reported, PA0009). The
        /// baseline place takes only the shipped baseline: other content there is reported (PA0011) and the shipped
        /// text is used. <paramref name="configuredAs"/> null trusts the file's own declaration (the policy tool, which
        /// the security team runs on files it names).
        /// </summary>
        public static PolicyReadResult ReadConfigured(string path, string text, PolicyLayer? configuredAs)
        {
            var extra = new List<PolicyProblem>();
            if (configuredAs == PolicyLayer.Baseline && !ShippedPolicy.IsShipped(text))
            {
                extra.Add(new PolicyProblem(PolicyProblemKind.ShippedPolicyReplaced, path, 0, 0,
                    $"Policy file '{path}' is configured as the shipped baseline (PolicyAnalyzersShippedPolicyFile) but is not the baseline this PolicyAnalyzers ships (SHA-256 {ShippedPolicy.Sha256}); the shipped baseline is used instead. Restore the package (delete its folder from the package cache) or remove the setting; add your own measures as an organisation layer."));
                text = ShippedPolicy.Text;
            }

            var result = Read(path, text);
            if (result.Document is { } document)
            {
                if (configuredAs == PolicyLayer.Baseline)
                {
                    document.Sha256 = ShippedPolicy.Sha256; // what is used, whatever the file held
                }

                if (configuredAs is { } slot)
                {
                    document.Layer = document.DeclaredLayer > slot ? document.DeclaredLayer : slot;
                    if (document.DeclaredLayer < slot && document.DeclaredLayerLocation is { } at)
                    {
                        extra.Add(new PolicyProblem(PolicyProblemKind.LayerClaim, at.FilePath, at.Line, at.Column,
                            $"Policy {document.Id} {document.Version} declares layer '{PolicyLayers.Name(document.DeclaredLayer)}' but is configured in the {PolicyLayers.Name(slot)} place; a file cannot raise its own layer, so it applies as '{PolicyLayers.Name(slot)}'. Configure it in the {PolicyLayers.Name(document.DeclaredLayer)} place (see docs/policy-lifecycle.md) or correct 'layer'."));
                    }
                }
            }

            if (extra.Count == 0)
            {
                return result;
            }

            extra.AddRange(result.Problems);
            return new PolicyReadResult(result.Document, extra);
        }

        public static string MissingFileMessage(string path)
            => $"Policy file '{path}' does not exist. Check the path in PolicyAnalyzersPolicyFile (or the PolicyAnalyzersPolicy item), or restore the package that provides it.";

        /// <summary>Reads a policy from text already loaded (the analyzer gets it from the compiler).</summary>
        public static PolicyReadResult Read(string path, string text)
        {
            JsonNode root;
            try
            {
                root = JsonParser.Parse(text);
            }
            catch (JsonSyntaxException e)
            {
                return new PolicyReadResult(null, new[]
                {
                    new PolicyProblem(PolicyProblemKind.Syntax, path, e.Position.Line, e.Position.Column, $"The policy file is not valid JSON: {e.Message}"),
                });
            }

            var problems = new List<PolicyProblem>();
            var document = ReadDocument(root, path, problems);
            if (problems.Count > MaxProblemsPerFile)
            {
                var more = problems.Count - MaxProblemsPerFile;
                problems.RemoveRange(MaxProblemsPerFile, more);
                problems.Add(new PolicyProblem(PolicyProblemKind.Invalid, path, 0, 0,
                    $"{more.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} more problems in policy file '{path}' are not listed (the first {MaxProblemsPerFile} are). Fix these and build again, or run 'policyanalyzers validate' on the file."));
            }

            return new PolicyReadResult(problems.Count == 0 ? document : null, problems);
        }

        private static PolicyReadResult Fail(PolicyProblemKind kind, string path, string message)
            => new PolicyReadResult(null, new[] { new PolicyProblem(kind, path, 0, 0, message) });

        private static PolicyDocument ReadDocument(JsonNode root, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(root, path, "the policy file", RootFields, problems);
            if (!r.IsValid)
            {
                return new PolicyDocument { FilePath = path };
            }

            var header = r.Property("policy");
            string id = "", version = "", publisher = "", lastUpdated = "";
            string? description = null;
            var layer = PolicyLayer.Organisation;
            SourceLocation? layerAt = null;
            var locked = false;
            var allowWaiversFrom = new List<PolicyLayer>();
            var approvers = new List<string>();
            IReadOnlyList<IdentifierEntry> overrideBaseline = new IdentifierEntry[0];
            Enforcement? enforce = null;
            if (header == null)
            {
                r.Report(((JsonNode)root).Position, "Missing required field 'policy' (id, version, publisher, lastUpdated).");
            }
            else
            {
                var h = new ObjectReader(header.Value, path, "'policy'", PolicyFields, problems);
                id = h.RequiredString("id");
                version = h.RequiredString("version");
                publisher = h.RequiredString("publisher");
                lastUpdated = h.RequiredDate("lastUpdated");
                description = h.OptionalString("description");
                if (h.OptionalString("layer") is { } layerName)
                {
                    layer = ParseLayer(h, h.Property("layer")!.Value.Position, layerName);
                    layerAt = h.At(h.Property("layer")!.Value.Position);
                }

                locked = h.OptionalBool("locked");
                foreach (var entry in h.StringArray("allowWaiversFrom"))
                {
                    allowWaiversFrom.Add(ParseLayer(h, new TextPosition(entry.Location.Line, entry.Location.Column, 0), entry.Value));
                }

                approvers.AddRange(ToStrings(h.StringArray("waiverApprovers")));
                overrideBaseline = h.StringArray("overrideBaseline");
                if (h.Property("enforce") is { } enforceProperty)
                {
                    enforce = ReadEnforcement(enforceProperty.Value, path, problems);
                    locked = true; // a layer that enforces settings is locked
                }
            }

            var audiences = ReadList(r.ObjectArray("audiences"), path, problems, "audience", (node, p) => ReadAudience(node, path, p));
            var decisions = ReadList(r.ObjectArray("decisions"), path, problems, "decision", (node, p) => ReadDecision(node, path, p));
            var vendors = ReadList(r.ObjectArray("vendors"), path, problems, "vendor", (node, p) => ReadVendor(node, path, p));
            var measures = ReadList(r.ObjectArray("measures"), path, problems, "measure", (node, p) => ReadMeasure(node, path, p));
            var waivers = ReadList(r.ObjectArray("waivers"), path, problems, "waiver", (node, p) => ReadWaiver(node, path, p));

            var document = new PolicyDocument
            {
                FilePath = path,
                Id = id,
                Version = version,
                Publisher = publisher,
                LastUpdated = lastUpdated,
                Description = description,
                Layer = layer,
                DeclaredLayer = layer,
                DeclaredLayerLocation = layerAt,
                Locked = locked,
                AllowWaiversFrom = allowWaiversFrom,
                WaiverApprovers = approvers,
                OverrideBaseline = overrideBaseline,
                Enforce = enforce,
                Location = r.At(header?.Value.Position ?? root.Position),
                Audiences = audiences,
                Decisions = decisions,
                Vendors = vendors,
                Measures = measures,
                Waivers = waivers,
            };
            foreach (var m in measures)
            {
                m.Source = document;
            }

            foreach (var w in waivers)
            {
                w.Source = document;
            }

            if (enforce != null)
            {
                enforce.Source = document;
            }

            return document;
        }

        private static Enforcement? ReadEnforcement(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "'enforce'", Enforcement.Fields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var audience = r.OptionalString("audience");
            if (audience != null && audience.Trim().Length == 0)
            {
                r.Report(r.Property("audience")!.Value.Position, "Field 'audience' in 'enforce' is empty; name the audience id every project is judged as, or leave the field out.");
                audience = null;
            }

            return new Enforcement
            {
                Audience = audience?.Trim(),
                Checks = r.OptionalBool("checks", whenAbsent: true),
                Escalation = r.OptionalBool("escalation", whenAbsent: true),
                FailClosedInCI = r.OptionalBool("failClosedInCI", whenAbsent: true),
                ShippedBaseline = r.OptionalBool("shippedBaseline", whenAbsent: true),
                Location = r.Location,
            };
        }

        private static PolicyLayer ParseLayer(ObjectReader r, TextPosition at, string name)
        {
            if (PolicyLayers.Parse(name) is { } layer)
            {
                return layer;
            }

            r.Report(at, $"Layer '{name}' is not known; use one of {string.Join(", ", PolicyLayers.Names)}.");
            return PolicyLayer.Organisation;
        }

        private static List<T> ReadList<T>(IReadOnlyList<JsonNode> nodes, string path, List<PolicyProblem> problems, string what, Func<JsonNode, List<PolicyProblem>, ListItem<T>?> read)
            where T : class
        {
            var result = new List<T>(nodes.Count);
            // Positions boxed: a dictionary of a value type is compiled at run time in every fresh compiler process.
            var seen = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var node in nodes)
            {
                var item = read(node, problems);
                if (item == null)
                {
                    continue;
                }

                var value = item.Item;
                var id = item.Id;
                var position = item.IdPosition;
                if (id.Length > 0)
                {
                    if (seen.TryGetValue(id, out var boxed) && boxed is TextPosition first)
                    {
                        problems.Add(new PolicyProblem(PolicyProblemKind.Invalid, path, position.Line, position.Column,
                            $"Duplicate {what} id '{id}'; it is already used at line {first.Line}, column {first.Column}. Ids must be unique within a file."));
                        continue;
                    }

                    seen.Add(id, position);
                }

                result.Add(value);
            }

            return result;
        }

        private static TextPosition IdPosition(ObjectReader r, JsonNode node) => r.Property("id")?.Value.Position ?? node.Position;

        private static ListItem<Audience>? ReadAudience(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "an audience", AudienceFields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var a = new Audience
            {
                Id = CheckId(r, "id"),
                Name = r.RequiredString("name"),
                Description = r.OptionalString("description"),
                Location = r.Location,
            };
            return new ListItem<Audience>(a, a.Id, IdPosition(r, node));
        }

        private static ListItem<Decision>? ReadDecision(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "a decision", DecisionFields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var grounds = new List<Ground>();
            foreach (var g in r.ObjectArray("grounds", required: true))
            {
                var gr = new ObjectReader(g, path, "a ground", GroundFields, problems);
                if (!gr.IsValid)
                {
                    continue;
                }

                var factor = CheckEnum(gr, "factor", Ground.Factors);
                grounds.Add(new Ground { Factor = factor, Text = gr.RequiredString("text") });
            }

            var history = new List<DecisionEvent>();
            foreach (var e in r.ObjectArray("history"))
            {
                var er = new ObjectReader(e, path, "a history event", EventFields, problems);
                if (!er.IsValid)
                {
                    continue;
                }

                history.Add(new DecisionEvent
                {
                    Date = er.RequiredDate("date"),
                    Event = CheckEnum(er, "event", DecisionEvent.Kinds),
                    Reference = er.RequiredString("reference"),
                    Link = er.RequiredLink("link"),
                    Summary = er.RequiredString("summary"),
                });
            }

            var d = new Decision
            {
                Id = CheckId(r, "id"),
                Jurisdiction = r.RequiredString("jurisdiction"),
                Authority = r.RequiredString("authority"),
                Date = r.RequiredDate("date"),
                Title = r.RequiredString("title"),
                Reference = r.RequiredString("reference"),
                Link = r.RequiredLink("link"),
                Summary = r.RequiredString("summary"),
                Grounds = grounds,
                History = history,
                Location = r.Location,
            };
            return new ListItem<Decision>(d, d.Id, IdPosition(r, node));
        }

        private static ListItem<Vendor>? ReadVendor(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "a vendor", VendorFields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var identifiers = IdentifierSet.Empty;
            var identify = r.Property("identify");
            if (identify == null)
            {
                r.Report(node.Position, "Missing required field 'identify' in a vendor: say how its software is recognised (packageIds, apis, assemblyNames, publishers, domains, ...).");
            }
            else
            {
                identifiers = ReadIdentifiers(identify.Value, path, "'identify'", problems);
            }

            var legal = r.StringArray("legalEntities", required: true);
            var v = new Vendor
            {
                Id = CheckId(r, "id"),
                Name = r.RequiredString("name"),
                LegalEntities = ToStrings(legal),
                Identify = identifiers,
                Notes = r.OptionalString("notes"),
                Location = r.Location,
            };
            return new ListItem<Vendor>(v, v.Id, IdPosition(r, node));
        }

        private static ListItem<Measure>? ReadMeasure(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "a measure", MeasureFields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var audiences = new List<MeasureAudience>();
            foreach (var a in r.ObjectArray("audiences", required: true))
            {
                var ar = new ObjectReader(a, path, "a measure audience", MeasureAudienceFields, problems);
                if (!ar.IsValid)
                {
                    continue;
                }

                var action = CheckEnum(ar, "action", Actions);
                var effective = ar.OptionalDate("effective");
                var deadline = ar.OptionalDate("deadline");
                if (effective != null && deadline != null && string.CompareOrdinal(deadline, effective) < 0)
                {
                    ar.Report(ar.Property("deadline")!.Value.Position, $"The deadline {deadline} is before the effective date {effective}; a measure cannot be due before it applies.");
                }

                audiences.Add(new MeasureAudience
                {
                    AudienceId = ar.RequiredString("audience"),
                    Action = action == "prohibit" ? MeasureAction.Prohibit : action == "phase-out" ? MeasureAction.PhaseOut : MeasureAction.Advise,
                    Effective = effective,
                    Deadline = deadline,
                    Note = ar.OptionalString("note"),
                    Location = ar.At(ar.Property("audience")?.Value.Position ?? a.Position),
                });
            }

            var vendors = r.StringArray("vendors", required: true);
            if (r.Property("vendors") != null && vendors.Count == 0)
            {
                r.Report(r.Property("vendors")!.Value.Position, "A measure must name at least one vendor.");
            }

            var m = new Measure
            {
                Id = CheckId(r, "id"),
                DecisionId = r.RequiredString("decision"),
                VendorIds = vendors,
                ProductScope = r.OptionalString("productScope"),
                Excludes = r.OptionalString("excludes"),
                Exclude = r.Property("exclude") is { } exclude ? ReadIdentifiers(exclude.Value, path, "'exclude'", problems) : IdentifierSet.Empty,
                Audiences = audiences,
                Location = r.Location,
                DecisionLocation = r.At(r.Property("decision")?.Value.Position ?? node.Position),
            };
            return new ListItem<Measure>(m, m.Id, IdPosition(r, node));
        }

        private static ListItem<Waiver>? ReadWaiver(JsonNode node, string path, List<PolicyProblem> problems)
        {
            var r = new ObjectReader(node, path, "a waiver", WaiverFields, problems);
            if (!r.IsValid)
            {
                return null;
            }

            var w = new Waiver
            {
                Id = CheckId(r, "id"),
                Vendor = r.OptionalString("vendor"),
                Project = r.OptionalString("project"),
                Package = r.OptionalString("package"),
                Api = r.OptionalString("api"),
                Reason = r.RequiredString("reason"),
                ApprovedBy = r.RequiredString("approvedBy"),
                Reference = r.RequiredString("reference"),
                Expires = r.RequiredDate("expires"),
                Location = r.At(r.Property("id")?.Value.Position ?? node.Position),
            };
            if (w.Vendor == null && w.Project == null && w.Package == null && w.Api == null)
            {
                r.Report(node.Position, "A waiver must say what it covers: at least one of 'vendor', 'project', 'package' or 'api'.");
            }

            if (w.Project != null)
            {
                CheckGlob(r, new[] { new IdentifierEntry(w.Project, r.At(r.Property("project")!.Value.Position)) }, 0, "project name", allowHyphen: true);
            }

            if (w.Package != null)
            {
                CheckGlob(r, new[] { new IdentifierEntry(w.Package, r.At(r.Property("package")!.Value.Position)) }, 0, "package id", allowHyphen: true);
            }

            if (w.Api != null)
            {
                CheckApi(r, new[] { new IdentifierEntry(w.Api, r.At(r.Property("api")!.Value.Position)) }, 0, wildcards: true);
            }

            return new ListItem<Waiver>(w, w.Id, IdPosition(r, node));
        }

        private static IdentifierSet ReadIdentifiers(JsonNode node, string path, string what, List<PolicyProblem> problems)
        {
            var ir = new ObjectReader(node, path, what, IdentifyFields, problems);
            if (!ir.IsValid)
            {
                return IdentifierSet.Empty;
            }

            var set = new IdentifierSet
            {
                PackageIds = ir.StringArray("packageIds"),
                Apis = ir.StringArray("apis"),
                AssemblyNames = ir.StringArray("assemblyNames"),
                PublicKeyTokens = ir.StringArray("publicKeyTokens"),
                Publishers = ir.StringArray("publishers"),
                PackageOwners = ir.StringArray("packageOwners"),
                CertificateFingerprints = ir.StringArray("certificateFingerprints"),
                Repositories = ir.StringArray("repositories"),
                NativeLibraries = ir.StringArray("nativeLibraries"),
                ProgIds = ir.StringArray("progIds"),
                Domains = ir.StringArray("domains"),
            };

            CheckGlobs(ir, set.PackageIds, "package id");
            CheckGlobs(ir, set.AssemblyNames, "assembly name");
            CheckGlobs(ir, set.NativeLibraries, "native library");
            CheckGlobs(ir, set.ProgIds, "ProgID");
            for (var i = 0; i < set.Apis.Count; i++)
            {
                CheckApi(ir, set.Apis, i);
            }

            Each(set.PublicKeyTokens, t =>
            {
                if (t.Value.Length != 16 || !IsHex(t.Value))
                {
                    ReportAt(ir, t.Location, $"Public key token '{t.Value}' must be 16 hexadecimal digits, e.g. 'b77a5c561934e089'.");
                }
            });
            Each(set.CertificateFingerprints, f =>
            {
                if (Matching.IdentifierText.Fingerprint(f.Value) == null)
                {
                    ReportAt(ir, f.Location, $"Certificate fingerprint '{f.Value}' must be a SHA-256 hash: 64 hexadecimal digits (colons between pairs are allowed).");
                }
            });
            Each(set.Publishers, p =>
            {
                if (Matching.IdentifierText.Words(p.Value).Count == 0 || p.Value.Length > 256)
                {
                    ReportAt(ir, p.Location, $"Publisher '{p.Value}' must contain at least one word of letters or digits (at most 256 characters), e.g. 'AO Kaspersky Lab'.");
                }
            });
            Each(set.PackageOwners, o =>
            {
                if (o.Value.Length == 0 || o.Value.Length > 100 || o.Value.IndexOf(' ') >= 0 || o.Value.IndexOf(',') >= 0)
                {
                    ReportAt(ir, o.Location, $"Package owner '{o.Value}' must be one account name without spaces or commas, as the feed shows it.");
                }
            });
            Each(set.Repositories, u =>
            {
                if (!HttpLink.IsAbsolute(u.Value))
                {
                    ReportAt(ir, u.Location, $"Repository '{u.Value}' must be an absolute http(s) URL, e.g. 'https://github.com/VendorOrg'.");
                }
            });
            Each(set.Domains, d =>
            {
                if (Matching.IdentifierText.Host(d.Value) == null || d.Value.IndexOf('.') < 0)
                {
                    ReportAt(ir, d.Location, $"Domain '{d.Value}' must be a host name such as 'example.com' (no scheme, path or wildcard; it covers its subdomains).");
                }
            });
            return set;
        }

        private static void Each(IReadOnlyList<IdentifierEntry> entries, Action<IdentifierEntry> check)
        {
            foreach (var e in entries)
            {
                check(e);
            }
        }

        private static string CheckId(ObjectReader r, string field)
        {
            var id = r.RequiredString(field);
            foreach (var c in id)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
                {
                    r.Report(r.Property(field)!.Value.Position, $"Id '{id}' may contain only letters, digits, '-', '_' and '.'.");
                    break;
                }
            }

            return id;
        }

        private static string CheckEnum(ObjectReader r, string field, string[] allowed)
        {
            var value = r.RequiredString(field);
            if (value.Length > 0 && Array.IndexOf(allowed, value) < 0)
            {
                r.Report(r.Property(field)!.Value.Position, $"Field '{field}' must be one of {string.Join(", ", allowed)}, but is '{value}'.");
            }

            return value;
        }

        // Entries are checked where the file has them (IdentifierEntryList): one is made only to report it.
        private static void CheckGlobs(ObjectReader r, IReadOnlyList<IdentifierEntry> entries, string what)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                CheckGlob(r, entries, i, what, allowHyphen: true);
            }
        }

        private static void CheckGlob(ObjectReader r, IReadOnlyList<IdentifierEntry> entries, int index, string what, bool allowHyphen)
        {
            var length = IdentifierEntryList.Place(entries, index, out var text, out var start);
            var ok = length > 0 && length <= 256;
            for (var i = start; i < start + length; i++)
            {
                var c = text[i];
                ok &= char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '*' || c == '?' || (allowHyphen && c == '-');
            }

            if (!ok)
            {
                ReportAt(r, entries[index].Location, $"The {what} pattern '{entries[index].Value}' is not valid: use letters, digits, '.', '_', '-', and the wildcards '*' and '?' (at most 256 characters).");
            }
        }

        /// <param name="wildcards">Waiver selectors may use '*' and '?'; identify and exclude entries may not, as the analyzer matches exact ids.</param>
        private static void CheckApi(ObjectReader r, IReadOnlyList<IdentifierEntry> entries, int index, bool wildcards = false)
        {
            var length = IdentifierEntryList.Place(entries, index, out var text, out var start);
            var ok = length > 2 && text[start + 1] == ':' && "NTMPFE".IndexOf(text[start]) >= 0 && text.IndexOf(' ', start, length) < 0;
            if (!ok)
            {
                ReportAt(r, entries[index].Location, $"API entry '{entries[index].Value}' must be a documentation-comment id starting with N:, T:, M:, P:, F: or E: (for example 'N:Contoso.Scanning' or 'M:Contoso.Scanner.Scan(System.String)').");
            }
            else if (!wildcards && (text.IndexOf('*', start, length) >= 0 || text.IndexOf('?', start, length) >= 0))
            {
                ReportAt(r, entries[index].Location, $"API entry '{entries[index].Value}' has a wildcard, but API entries are exact documentation-comment ids (the analyzer matches no pattern). Name the namespace instead: 'N:Contoso' covers everything in it.");
            }
        }

        private static void ReportAt(ObjectReader r, SourceLocation at, string message) => r.Report(new TextPosition(at.Line, at.Column, 0), message);

        private static void ReportAt(List<PolicyProblem> problems, SourceLocation at, string message)
            => problems.Add(new PolicyProblem(PolicyProblemKind.Invalid, at.FilePath, at.Line, at.Column, message));

        private static bool IsHex(string s)
        {
            foreach (var c in s)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static IReadOnlyList<string> ToStrings(IReadOnlyList<IdentifierEntry> entries)
        {
            var result = new string[entries.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = entries[i].Value;
            }

            return result;
        }

        /// <summary>An item of a list read from the file, with its id and where the id is written. (A class: a nullable
        /// tuple with a position in it is compiled at run time in every fresh compiler process.)</summary>
        private sealed class ListItem<T>
            where T : class
        {
            public ListItem(T item, string id, TextPosition idPosition)
            {
                Item = item;
                Id = id;
                IdPosition = idPosition;
            }

            public T Item { get; }
            public string Id { get; }
            public TextPosition IdPosition { get; }
        }
    }
}
