using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PolicyAnalyzers.Tool.Verification
{
    /// <summary>
    /// A project as its restore left it: obj/project.assets.json names the project, its intermediate folder and its
    /// target frameworks; each build of a framework leaves obj/&lt;configuration&gt;/&lt;framework&gt;/policyanalyzers.sarif.
    /// </summary>
    internal sealed class RestoredProject
    {
        private RestoredProject(string assetsFile, string projectPath, string intermediateFolder, IReadOnlyList<string> frameworks)
        {
            AssetsFile = assetsFile;
            ProjectPath = projectPath;
            IntermediateFolder = intermediateFolder;
            Frameworks = frameworks;
        }

        public string AssetsFile { get; }
        public string ProjectPath { get; }
        public string Name => Path.GetFileNameWithoutExtension(ProjectPath);
        public string IntermediateFolder { get; }
        public IReadOnlyList<string> Frameworks { get; }

        /// <summary>Every restored project under a folder; an assets file that cannot be read is returned as a problem.</summary>
        public static List<(RestoredProject? Project, string AssetsFile, string? Problem)> Find(string root)
        {
            var result = new List<(RestoredProject?, string, string?)>();
            foreach (var assets in Directory.EnumerateFiles(root, "project.assets.json", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(assets));
                    var project = document.RootElement.GetProperty("project");
                    var restore = project.GetProperty("restore");
                    var frameworks = project.GetProperty("frameworks").EnumerateObject().Select(f => f.Name).ToList();
                    result.Add((new RestoredProject(assets, restore.GetProperty("projectPath").GetString()!, restore.TryGetProperty("outputPath", out var output) ? output.GetString()! : Path.GetDirectoryName(assets)!, frameworks), assets, null));
                }
                catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException)
                {
                    result.Add((null, assets, $"the restore output '{assets}' cannot be read ({e.Message}); restore again"));
                }
            }

            return result;
        }

        /// <summary>The newest PolicyAnalyzers log of each framework, whatever the configuration (folder obj/&lt;config&gt;/&lt;tfm&gt;/).</summary>
        public Dictionary<string, string> Logs()
        {
            var logs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(IntermediateFolder))
            {
                return logs;
            }

            foreach (var file in Directory.EnumerateFiles(IntermediateFolder, "policyanalyzers.sarif", SearchOption.AllDirectories))
            {
                var framework = Path.GetFileName(Path.GetDirectoryName(file)) ?? "";
                if (!logs.TryGetValue(framework, out var known) || File.GetLastWriteTimeUtc(file) > File.GetLastWriteTimeUtc(known))
                {
                    logs[framework] = file;
                }
            }

            return logs;
        }
    }
}
