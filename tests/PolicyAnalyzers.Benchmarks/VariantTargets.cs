namespace PolicyAnalyzers.Benchmarks;

/// <summary>
/// The MSBuild file that puts a variant's analyzer into any C# project, as the compiler sees it from the package
/// (analyzer assemblies plus the rules as an additional file). The synthetic project imports it; a real corpus gets
/// it through CustomAfterMicrosoftCommonTargets, so nothing of the corpus is edited.
/// </summary>
internal static class VariantTargets
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "variant.targets");
        File.WriteAllText(path, """
            <Project>
              <PropertyGroup>
                <!-- The shipped policy sits in the baseline place, a generated one in the organisation place. -->
                <BenchmarkPolicyLayer>1</BenchmarkPolicyLayer>
                <BenchmarkPolicyLayer Condition="$(PolicyFile.EndsWith('policyanalyzers.policy.json'))">0</BenchmarkPolicyLayer>
              </PropertyGroup>
              <ItemGroup Condition="'$(Variant)' == 'ours'">
                <Analyzer Include="$(OursDirectory)/PolicyAnalyzers.Analyzers.dll;$(OursDirectory)/PolicyAnalyzers.Policy.dll" />
                <AdditionalFiles Include="$(PolicyFile)" PolicyAnalyzersLayer="$(BenchmarkPolicyLayer)" />
                <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="PolicyAnalyzersLayer" />
                <CompilerVisibleProperty Include="PolicyAnalyzersAudience" />
              </ItemGroup>
              <!-- Microsoft.CodeAnalysis.BannedApiAnalyzers with an equivalent BannedSymbols.txt. -->
              <ItemGroup Condition="'$(Variant)' == 'banned'">
                <Analyzer Include="$(BannedDirectory)/Microsoft.CodeAnalysis.BannedApiAnalyzers.dll;$(BannedDirectory)/Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll" />
                <AdditionalFiles Include="$(BannedFile)" />
              </ItemGroup>
            </Project>
            """);
        return path;
    }
}
