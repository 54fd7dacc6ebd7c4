using PolicyAnalyzers.Policy.Findings;

namespace PolicyAnalyzers.Build.Tests;

/// <summary>A package finding's fields as the package check hands them to the analyzer.</summary>
internal static class TaskFindings
{
    public static string? Property(CheckVendorPackages task, string packageId, string name)
        => task.Entries.Single(e => e.Package.StartsWith(packageId + " ", StringComparison.OrdinalIgnoreCase)).Property(name);

    public static string? MatchedBy(CheckVendorPackages task, string packageId) => Property(task, packageId, FindingProperties.MatchedBy);
}
