using System;
using System.Collections.Generic;
using System.Linq;
using PolicyAnalyzers.Packages.Assets;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Packages.Feeds;

namespace PolicyAnalyzers.Packages
{
    /// <summary>One vendor package in a restore graph, with everything a report says about it.</summary>
    public sealed class PackageFinding
    {
        public PackageFinding(GraphNode node, GraphNode introducer, PackageMatch match, Finding finding, string? chain)
        {
            Node = node;
            Introducer = introducer;
            Match = match;
            Finding = finding;
            Chain = chain;
        }

        public GraphNode Node { get; }

        /// <summary>The direct reference (package or project) that brings the package in: where the finding is located.</summary>
        public GraphNode Introducer { get; }

        public PackageMatch Match { get; }
        public Finding Finding { get; }

        /// <summary>"App -> Wrapper 2.0.0 -> Vendor 1.0.0" for a transitive package, else null.</summary>
        public string? Chain { get; }
    }

    /// <summary>
    /// PA1003's matching, shared by the build task and the policy tool: every package of the graph (direct and
    /// transitive) that belongs to a listed vendor by id or publisher evidence, and the measure that governs it.
    /// </summary>
    public static class PackageCheck
    {
        /// <summary>True when package files must be read: the policy recognises vendors by more than package ids.</summary>
        public static bool NeedsEvidence(Policy.Matching.PolicyIndex index) => index.HasPublisherEntries || index.HasAssemblyEntries;

        /// <param name="note">Words added to a package's subject (e.g. the frameworks that bring it), or null.</param>
        public static List<PackageFinding> Run(PolicySnapshot snapshot, PackageGraph graph, string projectName, FeedLookupResult? feeds,
            Action<GraphNode, IReadOnlyList<string>> evidenceProblem, Func<GraphNode, string?>? note = null)
        {
            var index = snapshot.Index;
            var readEvidence = NeedsEvidence(index);
            var readAssemblies = index.HasAssemblyEntries || index.Publishers.Count > 0;
            var paths = graph.ShortestPaths();
            var result = new List<PackageFinding>();
            foreach (var node in graph.Nodes.Values.OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase))
            {
                if (node.IsProject)
                {
                    continue;
                }

                var evidence = readEvidence
                    ? PackageEvidenceReader.Read(graph.PackageFolders, node.Id, node.Version, node.LibraryPath, node.Files, readAssemblies)
                    : null;
                if (evidence != null && evidence.Problems.Count > 0)
                {
                    evidenceProblem(node, evidence.Problems);
                }

                FeedEvidence? feed = null;
                feeds?.ByPackage.TryGetValue(node.Id, out feed);
                var match = EvidenceMatcher.Match(index, node.Id, evidence, feed);
                if (match.Vendor == null)
                {
                    continue;
                }

                var verdict = snapshot.Verdicts.For(match.Vendor.Vendor, ix => EvidenceMatcher.Match(ix, node.Id, evidence, feed).Vendor != null);
                if (verdict == null)
                {
                    continue;
                }

                paths.TryGetValue(node.Id, out var path);
                var direct = path == null || path.Count == 1;
                var chain = direct ? null : projectName + " -> " + string.Join(" -> ", path!.Select(n => n.Display));
                var extra = note?.Invoke(node);
                var subject = $"Package '{node.Display}'" + (direct ? "" : " (via " + path![0].Display + (extra == null ? ")" : "; " + extra + ")")) + (direct && extra != null ? " (" + extra + ")" : "");
                var finding = snapshot.Judge(verdict, new FindingScope(projectName, package: node.Id), subject, string.Join("; ", match.Evidence), chain);
                result.Add(new PackageFinding(node, path?[0] ?? node, match, finding, chain));
            }

            return result;
        }
    }
}
