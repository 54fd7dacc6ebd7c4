using PolicyAnalyzers.Policy.Model;

namespace PolicyAnalyzers.Policy.Reading
{
    /// <summary>A policy file as a project configures it: its path and the layer of the place it is configured in.</summary>
    public sealed class ConfiguredPolicyFile
    {
        public ConfiguredPolicyFile(string path, PolicyLayer? configuredAs)
        {
            Path = path;
            ConfiguredAs = configuredAs;
        }

        public string Path { get; }

        /// <summary>Null: the file's own declaration is trusted (the policy tool, run by the policy's owner).</summary>
        public PolicyLayer? ConfiguredAs { get; }

        /// <summary>The layer number the package's targets give a place (item metadata PolicyAnalyzersLayer, 0-3); anything else is the project's place.</summary>
        public static PolicyLayer ParseSlot(string? metadata)
            => DecimalDigits.Parse(metadata?.Trim()) is { } n && n >= (int)PolicyLayer.Baseline && n <= (int)PolicyLayer.Project ? (PolicyLayer)n : PolicyLayer.Project;
    }
}
