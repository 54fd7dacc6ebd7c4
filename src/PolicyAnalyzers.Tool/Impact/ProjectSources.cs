using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PolicyAnalyzers.Packages.Assets;

namespace PolicyAnalyzers.Tool.Impact
{
    /// <summary>
    /// A restored project found under the impact root: its sources (plus the global usings the SDK generated under
    /// obj/), its restore graph, and the audience it declares. Read from files only; nothing is built or restored.
    /// </summary>
    internal sealed class ProjectSources
    {
        private ProjectSources(string path, string? audience, PackageGraph? graph, string? problem, IReadOnlyList<string> sources)
        {
            Path = path;
            Audience = audience;
            Graph = graph;
            Problem = problem;
            Sources = sources;
        }

        public string Path { get; }
        public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
        public string? Audience { get; }
        public PackageGraph? Graph { get; }

        /// <summary>Why the project's packages could not be read (not restored, damaged assets file).</summary>
        public string? Problem { get; }

        public IReadOnlyList<string> Sources { get; }

        public static List<ProjectSources> Find(string root)
        {
            var result = new List<ProjectSources>();
            foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories).Where(p => !InBuildOutput(root, p)).OrderBy(p => p, StringComparer.Ordinal))
            {
                var dir = System.IO.Path.GetDirectoryName(project)!;
                var assets = System.IO.Path.Combine(dir, "obj", "project.assets.json");
                PackageGraph? graph = null;
                string? problem = null;
                if (!File.Exists(assets))
                {
                    problem = "not restored (no obj/project.assets.json); run 'dotnet restore' first";
                }
                else
                {
                    try
                    {
                        graph = PackageGraph.Read(assets, FirstFramework(assets), null);
                    }
                    catch (Exception e) when (e is AssetsException || e is IOException || e is UnauthorizedAccessException)
                    {
                        problem = $"the restore output cannot be read: {e.Message}";
                    }
                }

                var sources = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !InBuildOutput(dir, f) || f.EndsWith(".GlobalUsings.g.cs", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal).ToList();
                result.Add(new ProjectSources(project, DeclaredAudience(project), graph, problem, sources));
            }

            return result;
        }

        private static bool InBuildOutput(string root, string path)
        {
            var relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
            return relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)
                || relative.Contains("/obj/") || relative.Contains("/bin/");
        }

        // The first framework the assets file lists: the graph impact reports on.
        private static string? FirstFramework(string assets)
        {
            var match = Regex.Match(File.ReadAllText(assets), "\"frameworks\"\\s*:\\s*\\{\\s*\"([^\"]+)\"");
            return match.Success ? match.Groups[1].Value : null;
        }

        // The audience as the project or a Directory.Build.props above it writes it (no MSBuild evaluation).
        private static string? DeclaredAudience(string project)
        {
            var dir = System.IO.Path.GetDirectoryName(project);
            foreach (var file in new[] { project }.Concat(Ancestors(dir).Select(d => System.IO.Path.Combine(d, "Directory.Build.props"))))
            {
                if (File.Exists(file) && Regex.Match(File.ReadAllText(file), "<PolicyAnalyzersAudience>\\s*([^<$]+?)\\s*</PolicyAnalyzersAudience>") is { Success: true } m)
                {
                    return m.Groups[1].Value;
                }
            }

            return null;
        }

        private static IEnumerable<string> Ancestors(string? dir)
        {
            for (; dir != null; dir = System.IO.Path.GetDirectoryName(dir))
            {
                yield return dir;
            }
        }
    }
}
