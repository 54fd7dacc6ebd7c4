using System;
using System.Collections.Generic;
using System.IO;
using PolicyAnalyzers.Policy.Json;

namespace PolicyAnalyzers.Build.Assets
{
    /// <summary>One library in the restore graph of a target framework.</summary>
    internal sealed class GraphNode
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
    internal sealed class AssetsException : Exception
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
    /// The restore graph of one target framework, read from project.assets.json: every package (direct and
    /// transitive) and project reference with its dependencies, and which of them the project names directly.
    /// </summary>
    internal sealed class PackageGraph
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

        public static PackageGraph Read(string assetsPath, string? targetFramework, string? targetMoniker)
        {
            JsonNode root;
            try
            {
                root = JsonParser.Parse(File.ReadAllText(assetsPath));
            }
            catch (JsonSyntaxException e)
            {
                throw new AssetsException(e.Message, e.Position.Line, e.Position.Column);
            }

            var rootObject = Expect<JsonObject>(root, "the assets file");
            var targets = Expect<JsonObject>(Required(rootObject, "targets"), "'targets'");
            var project = Expect<JsonObject>(Required(rootObject, "project"), "'project'");
            var frameworks = Expect<JsonObject>(Required(project, "frameworks"), "'project.frameworks'");

            // The framework entry for this inner build: keyed by alias, or carrying it as targetAlias.
            JsonProperty? framework = null;
            foreach (var f in frameworks.Properties)
            {
                var alias = (f.Value as JsonObject)?.Find("targetAlias")?.Value as JsonString;
                if (Same(f.Name, targetFramework) || Same(alias?.Value, targetFramework) || frameworks.Properties.Count == 1)
                {
                    framework = f;
                    break;
                }
            }

            if (framework == null)
            {
                throw new AssetsException($"The assets file has no framework '{targetFramework}'. Run 'dotnet restore' again.", frameworks.Position.Line, frameworks.Position.Column);
            }

            JsonProperty? target = null;
            foreach (var t in targets.Properties)
            {
                if (t.Name.IndexOf('/') >= 0)
                {
                    continue; // runtime-specific graphs repeat the framework graph
                }

                if (Same(t.Name, framework.Name) || Same(t.Name, targetMoniker) || Same(t.Name, targetFramework))
                {
                    target = t;
                    break;
                }
            }

            if (target == null)
            {
                throw new AssetsException($"The assets file has no restore graph for '{framework.Name}'. Run 'dotnet restore' again.", targets.Position.Line, targets.Position.Column);
            }

            var nodes = new Dictionary<string, GraphNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in Expect<JsonObject>(target.Value, "a target graph").Properties)
            {
                var slash = library.Name.IndexOf('/');
                if (slash <= 0)
                {
                    throw new AssetsException($"Library key '{library.Name}' is not 'id/version'.", library.NamePosition.Line, library.NamePosition.Column);
                }

                var body = Expect<JsonObject>(library.Value, "a library");
                var type = (body.Find("type")?.Value as JsonString)?.Value;
                var deps = new List<string>();
                if (body.Find("dependencies")?.Value is JsonObject depObject)
                {
                    foreach (var d in depObject.Properties)
                    {
                        deps.Add(d.Name);
                    }
                }

                var id = library.Name.Substring(0, slash);
                var node = nodes[id] = new GraphNode(id, library.Name.Substring(slash + 1), string.Equals(type, "project", StringComparison.OrdinalIgnoreCase), deps);
                if (body.Find("compile")?.Value is JsonObject compile)
                {
                    var assets = new List<string>();
                    foreach (var c in compile.Properties)
                    {
                        if (!c.Name.EndsWith("_._", StringComparison.Ordinal))
                        {
                            assets.Add(c.Name);
                        }
                    }

                    node.CompileAssets = assets;
                }
            }

            var roots = new List<string>();
            if ((framework.Value as JsonObject)?.Find("dependencies")?.Value is JsonObject direct)
            {
                foreach (var d in direct.Properties)
                {
                    roots.Add(d.Name);
                }
            }

            foreach (var node in nodes.Values)
            {
                if (node.IsProject)
                {
                    roots.Add(node.Id);
                }
            }

            // Where each package lies on disk: read leniently, since only publisher evidence needs it.
            if (rootObject.Find("libraries")?.Value is JsonObject libraries)
            {
                foreach (var library in libraries.Properties)
                {
                    var slash = library.Name.IndexOf('/');
                    if (slash <= 0 || library.Value is not JsonObject body || !nodes.TryGetValue(library.Name.Substring(0, slash), out var node) || node.IsProject)
                    {
                        continue;
                    }

                    node.LibraryPath = (body.Find("path")?.Value as JsonString)?.Value;
                    if (body.Find("files")?.Value is JsonArray files)
                    {
                        var list = new List<string>(files.Items.Count);
                        foreach (var f in files.Items)
                        {
                            if (f is JsonString file)
                            {
                                list.Add(file.Value);
                            }
                        }

                        node.Files = list;
                    }
                }
            }

            var packageFolders = new List<string>();
            if (rootObject.Find("packageFolders")?.Value is JsonObject folders)
            {
                foreach (var f in folders.Properties)
                {
                    packageFolders.Add(f.Name);
                }
            }

            return new PackageGraph(nodes, roots, packageFolders);
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

        private static JsonNode Required(JsonObject obj, string name)
            => obj.Find(name)?.Value ?? throw new AssetsException($"The assets file has no '{name}' section. Run 'dotnet restore' again.", obj.Position.Line, obj.Position.Column);

        private static T Expect<T>(JsonNode node, string what) where T : JsonNode
            => node as T ?? throw new AssetsException($"Expected {what} to be {(typeof(T) == typeof(JsonObject) ? "an object" : "an array")} but found {JsonNode.KindName(node.Kind)}.", node.Position.Line, node.Position.Column);
    }
}
