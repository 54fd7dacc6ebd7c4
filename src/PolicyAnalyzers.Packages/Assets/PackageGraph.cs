using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NuGet.Common;
using NuGet.Frameworks;
using NuGet.ProjectModel;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Packages.Assets
{
    /// <summary>One library in the restore graph of a target framework.</summary>
    public sealed class GraphNode
    {
        public GraphNode(string id, string version, bool isProject, IReadOnlyList<string> dependencies)
        {
            Id = id;
            Version = version;
            IsProject = isProject;
            Dependencies = dependencies;
        }

        public string Id { get; }
        public string Version { get; }
        public bool IsProject { get; }
        public IReadOnlyList<string> Dependencies { get; }
        public string Display => Id + " " + Version;

        /// <summary>The package's folder below a package folder ("contoso.lib/1.0.0"), from the 'libraries' section.</summary>
        public string? LibraryPath { get; set; }

        /// <summary>The package's files as listed by restore (relative, forward slashes).</summary>
        public IReadOnlyList<string> Files { get; set; } = Array.Empty<string>();

        /// <summary>The assemblies a compilation references from this package (paths inside it).</summary>
        public IReadOnlyList<string> CompileAssets { get; set; } = Array.Empty<string>();
    }

    /// <summary>A problem reading project.assets.json, with its position.</summary>
    public sealed class AssetsException : Exception
    {
        public AssetsException(string message, int line, int column) : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>
    /// The restore graph of one target framework, read from project.assets.json with NuGet's lock file reader: every
    /// package (direct and transitive) and project reference with its dependencies, and which of them the project
    /// names directly.
    /// </summary>
    public sealed class PackageGraph
    {
        private PackageGraph(Dictionary<string, GraphNode> nodes, List<string> roots, List<string> packageFolders)
        {
            Nodes = nodes;
            Roots = roots;
            PackageFolders = packageFolders;
        }

        /// <summary>Where restore put the packages (global packages folder first, then fallback folders).</summary>
        public IReadOnlyList<string> PackageFolders { get; }

        public IReadOnlyDictionary<string, GraphNode> Nodes { get; }

        /// <summary>Direct package references and project references, by id.</summary>
        public IReadOnlyList<string> Roots { get; }

        /// <summary>
        /// Reads the graph with NuGet's own lock file reader and chooses the target as NuGet does (the framework by
        /// its alias, then by moniker; no runtime graph). A file NuGet cannot read is an <see cref="AssetsException"/>
        /// located at its syntax error where there is one.
        /// </summary>
        public static PackageGraph Read(string assetsPath, string? targetFramework, string? targetMoniker)
        {
            var logger = new ErrorLogger();
            LockFile lockFile;
            try
            {
                lockFile = new LockFileFormat().Read(assetsPath, logger);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Unreadable(assetsPath, e.Message);
            }

            if (logger.Errors.Count > 0)
            {
                throw Unreadable(assetsPath, string.Join(" ", logger.Errors));
            }

            if (lockFile.Targets.Count == 0 || lockFile.PackageSpec == null)
            {
                throw Unreadable(assetsPath, "it holds no restore graph.");
            }

            var frameworks = lockFile.PackageSpec?.TargetFrameworks ?? new List<TargetFrameworkInformation>();
            var framework = frameworks.FirstOrDefault(f => Same(f.TargetAlias, targetFramework))
                ?? frameworks.FirstOrDefault(f => Same(f.FrameworkName.GetShortFolderName(), targetFramework) || (targetMoniker != null && f.FrameworkName.Equals(NuGetFramework.Parse(targetMoniker))))
                ?? (frameworks.Count == 1 ? frameworks[0] : null);
            if (framework == null)
            {
                throw new AssetsException($"The assets file has no framework '{targetFramework}'.", 1, 1);
            }

            var target = lockFile.GetTarget(framework.FrameworkName, runtimeIdentifier: null);
            if (target == null)
            {
                throw new AssetsException($"The assets file has no restore graph for '{framework.TargetAlias ?? framework.FrameworkName.GetShortFolderName()}'.", 1, 1);
            }

            var nodes = new Dictionary<string, GraphNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Libraries)
            {
                if (string.IsNullOrEmpty(library.Name) || library.Version == null)
                {
                    continue;
                }

                var node = nodes[library.Name!] = new GraphNode(library.Name!, library.Version.ToNormalizedString(), string.Equals(library.Type, "project", StringComparison.OrdinalIgnoreCase),
                    library.Dependencies.Select(d => d.Id).ToList());
                node.CompileAssets = library.CompileTimeAssemblies.Select(a => a.Path).Where(a => !a.EndsWith("_._", StringComparison.Ordinal)).ToList();
            }

            var roots = DirectDependencies(framework);
            roots.AddRange(nodes.Values.Where(n => n.IsProject).Select(n => n.Id));

            // Where each package lies on disk: only publisher evidence needs it.
            foreach (var library in lockFile.Libraries)
            {
                if (library.Name != null && nodes.TryGetValue(library.Name, out var node) && !node.IsProject)
                {
                    node.LibraryPath = library.Path;
                    node.Files = library.Files.ToList();
                }
            }

            return new PackageGraph(nodes, roots, lockFile.PackageFolders.Select(f => f.Path).ToList());
        }

        // The framework's direct dependencies. Read by name: the property's type changed between NuGet releases
        // (IList in 6.x, ImmutableArray in 7.x), and the task runs against whichever NuGet the SDK carries.
        private static List<string> DirectDependencies(TargetFrameworkInformation framework)
        {
            var names = new List<string>();
            if (framework.GetType().GetProperty("Dependencies")?.GetValue(framework) is System.Collections.IEnumerable dependencies)
            {
                foreach (var dependency in dependencies)
                {
                    if (dependency?.GetType().GetProperty("Name")?.GetValue(dependency) is string name)
                    {
                        names.Add(name);
                    }
                }
            }

            return names;
        }

        // NuGet's reader says what is wrong, not where: find the syntax error's place ourselves, only on failure.
        private static AssetsException Unreadable(string assetsPath, string message)
        {
            try
            {
                if (JsonParser.Parse(File.ReadAllText(assetsPath)) is JsonObject root)
                {
                    foreach (var section in new[] { "targets", "project" })
                    {
                        if (root.Find(section) == null)
                        {
                            return new AssetsException($"The assets file has no '{section}' section.", root.Position.Line, root.Position.Column);
                        }
                    }
                }
            }
            catch (JsonSyntaxException e)
            {
                return new AssetsException(e.Message, e.Position.Line, e.Position.Column);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new AssetsException(e.Message, 0, 0);
            }

            return new AssetsException("NuGet cannot read it: " + message, 1, 1);
        }

        /// <summary>Collects what NuGet's reader reports as errors (it logs them and returns an empty lock file).</summary>
        private sealed class ErrorLogger : LoggerBase
        {
            public List<string> Errors { get; } = new();

            public override void Log(ILogMessage message)
            {
                if (message.Level >= LogLevel.Error)
                {
                    Errors.Add(message.Message);
                }
            }

            public override System.Threading.Tasks.Task LogAsync(ILogMessage message)
            {
                Log(message);
                return System.Threading.Tasks.Task.CompletedTask;
            }
        }

        /// <summary>Shortest path from the project to each library, as the chain of libraries (first = the direct reference).</summary>
        public Dictionary<string, List<GraphNode>> ShortestPaths()
        {
            var paths = new Dictionary<string, List<GraphNode>>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<string>();
            foreach (var r in Roots)
            {
                if (Nodes.TryGetValue(r, out var node) && !paths.ContainsKey(node.Id))
                {
                    paths[node.Id] = new List<GraphNode> { node };
                    queue.Enqueue(node.Id);
                }
            }

            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var path = paths[current];
                foreach (var dep in Nodes[current].Dependencies)
                {
                    if (Nodes.TryGetValue(dep, out var next) && !paths.ContainsKey(next.Id))
                    {
                        paths[next.Id] = new List<GraphNode>(path) { next };
                        queue.Enqueue(next.Id);
                    }
                }
            }

            return paths;
        }

        private static bool Same(string? a, string? b) => !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
