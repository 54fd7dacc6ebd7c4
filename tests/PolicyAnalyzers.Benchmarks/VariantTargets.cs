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
                <!-- BenchmarkGlobalConfig: a global analyzer configuration (by check); straight to the compiler's list, as
                     the SDK builds that list from GlobalAnalyzerConfigFiles before this file is read. -->
                <EditorConfigFiles Include="$(BenchmarkGlobalConfig)" Condition="'$(BenchmarkGlobalConfig)' != ''" />
              </ItemGroup>
              <!-- An analyzer that does nothing (the floor: what having an analyzer at all costs). -->
              <ItemGroup Condition="'$(Variant)' == 'nothing'">
                <Analyzer Include="$(NothingDirectory)/PolicyAnalyzers.Benchmarks.NothingAnalyzer.dll" />
              </ItemGroup>
              <!-- Microsoft.CodeAnalysis.BannedApiAnalyzers with an equivalent BannedSymbols.txt. -->
              <ItemGroup Condition="'$(Variant)' == 'banned'">
                <Analyzer Include="$(BannedDirectory)/Microsoft.CodeAnalysis.BannedApiAnalyzers.dll;$(BannedDirectory)/Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll" />
                <AdditionalFiles Include="$(BannedFile)" />
              </ItemGroup>
              <!-- BenchmarkAnalyzersOnly=true (the editor): the project's own analyzers (the SDK's code-quality and
                   trimming analyzers of a net5+ target) are left out, so a variant's figure is its analyzer's alone. -->
              <Target Name="BenchmarkAnalyzersOnly" BeforeTargets="CoreCompile" Condition="'$(BenchmarkAnalyzersOnly)' == 'true'">
                <ItemGroup>
                  <Analyzer Remove="@(Analyzer)" Condition="!$([System.String]::Copy('%(FullPath)').StartsWith('$(OursDirectory)')) and !$([System.String]::Copy('%(FullPath)').StartsWith('$(BannedDirectory)')) and ('$(NothingDirectory)' == '' or !$([System.String]::Copy('%(FullPath)').StartsWith('$(NothingDirectory)')))" />
                </ItemGroup>
              </Target>
            </Project>
            """);
        return path;
    }

    /// <summary>
    /// For a process that cannot be given global properties (the language server reads the environment): the outer
    /// build of a multi-targeted project takes its frameworks from $(BenchmarkFramework) when that is set, as the
    /// builds' -p:TargetFrameworks does. Imported through CustomAfterMicrosoftCommonCrossTargetingTargets, the last
    /// word of the outer build's evaluation.
    /// </summary>
    public static string WriteFrameworks(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "frameworks.targets");
        File.WriteAllText(path, """
            <Project>
              <PropertyGroup Condition="'$(BenchmarkFramework)' != ''">
                <TargetFrameworks>$(BenchmarkFramework)</TargetFrameworks>
              </PropertyGroup>
            </Project>
            """);
        return path;
    }
}
