using System;
using System.Collections.Generic;
using System.IO;
using PolicyAnalyzers.Packages.Evidence;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Findings;
using PolicyAnalyzers.Policy.Matching;

namespace PolicyAnalyzers.Packages.Assemblies
{
    /// <summary>One referenced assembly that belongs to a listed vendor, with the file it was read from.</summary>
    public sealed class AssemblyFinding
    {
        public AssemblyFinding(AssemblyEvidence assembly, string path, Finding finding)
        {
            Assembly = assembly;
            Path = path;
            Finding = finding;
        }

        public AssemblyEvidence Assembly { get; }
        public string Path { get; }
        public Finding Finding { get; }
    }

    /// <summary>
    /// PA1002 where the analyzers do not run (F#, or any language PolicyAnalyzers has no analyzer for): every assembly
    /// the compiler is given, read from its metadata, matched by name, public key token and publisher as the
    /// analyzer does (evidence counts only for the vendor the first match names), in the analyzer's words.
    /// </summary>
    public static class AssemblyCheck
    {
        public static List<AssemblyFinding> Run(PolicySnapshot snapshot, IEnumerable<string> referencePaths, string? projectName, Action<string, string> unreadable)
        {
            var index = snapshot.Index;
            var result = new List<AssemblyFinding>();
            if (index.Assemblies.Count == 0 && !index.HasAssemblyEntries && index.Publishers.Count == 0)
            {
                return result;
            }

            foreach (var path in referencePaths)
            {
                AssemblyEvidence? assembly;
                try
                {
                    assembly = PackageEvidenceReader.ReadAssembly(path, path);
                }
                catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    unreadable(path, e.Message);
                    continue;
                }

                if (assembly == null)
                {
                    continue;
                }

                var evidence = new AssemblyVendorMatch(index, assembly.Name, assembly.PublicKeyToken);
                evidence.Publisher("Company", assembly.Company);
                evidence.Publisher("Copyright", assembly.Copyright);
                if (evidence.First == null || snapshot.Verdicts.For(evidence.First.Vendor, evidence.IdentifiedBy) is not { } verdict)
                {
                    continue;
                }

                var subject = $"Referenced assembly '{assembly.Name} {assembly.Version}'";
                result.Add(new AssemblyFinding(assembly, path, snapshot.Judge(verdict, new FindingScope(projectName), subject, evidence.Text)));
            }

            return result;
        }
    }
}
