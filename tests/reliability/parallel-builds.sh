#!/usr/bin/env bash
# Reliability harness: 20 projects sharing one policy, rebuilt with `dotnet build -m --no-incremental` five times.
# Every run must report the same findings, and the builds may write only under each project's obj/ and bin/.
#   bash tests/reliability/parallel-builds.sh [runs]     (default 5)
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/artifacts/reliability/parallel"
feed="$work/feed"
export NUGET_PACKAGES="$work/nuget-packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf "$work" && mkdir -p "$feed" "$work/src"
version="1.0.0-parallel.$(date +%Y%m%d%H%M%S)"

echo "== packing PolicyAnalyzers $version and the vendor fixtures"
dotnet pack "$root/src/PolicyAnalyzers.Package" -c Release -o "$feed" -p:Version="$version" -v q -nologo
for f in Kaspersky.Fixture.Scanning Kaspersky.Fixture.Engine Contoso.ScanWrapper; do
  dotnet pack "$root/samples/fixtures/$f" -c Release -o "$feed" -v q -nologo
done

echo "== generating 20 projects that share one organisation policy"
src="$work/src"
cat > "$src/Directory.Build.props" <<XML
<Project>
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <PolicyAnalyzersAudience>nl-vital-sector</PolicyAnalyzersAudience>
    <PolicyAnalyzersPolicyFile>\$(MSBuildThisFileDirectory)shared.policy.json</PolicyAnalyzersPolicyFile>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PolicyAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
echo '<Project />' > "$src/Directory.Build.targets"
cat > "$src/nuget.config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$feed" /></packageSources></configuration>
XML
cat > "$src/shared.policy.json" <<'JSON'
{
  "policy": { "id": "shared", "version": "1", "publisher": "Reliability harness", "lastUpdated": "2026-11-27" },
  "vendors": [ { "id": "kaspersky", "name": "Kaspersky", "legalEntities": [ "AO Kaspersky Lab" ],
    "identify": { "packageIds": [ "Kaspersky.*" ], "apis": [ "N:Kaspersky" ], "assemblyNames": [ "Kaspersky.*" ], "domains": [ "kaspersky.com" ] } } ]
}
JSON
dotnet new sln -n All -o "$src" --format sln >/dev/null
for i in $(seq -w 1 20); do
  p="$src/Project$i"
  mkdir -p "$p"
  if [ $((10#$i % 2)) -eq 0 ]; then ref='<PackageReference Include="Kaspersky.Fixture.Scanning" Version="1.0.0" />'; use='Kaspersky.Fixture.Scanning.Scanner.Create().Scan("/tmp")'; else ref='<PackageReference Include="Contoso.ScanWrapper" Version="2.0.0" />'; use='0'; fi
  cat > "$p/Project$i.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>$ref</ItemGroup>
</Project>
XML
  cat > "$p/Code.cs" <<CS
namespace Project$i { public static class Code { public const string Endpoint = "https://ksn.kaspersky.com/$i"; public static object Use() => $use; } }
CS
  dotnet sln "$src/All.sln" add "$p/Project$i.csproj" >/dev/null
done
dotnet restore "$src/All.sln" -v q >/dev/null

find "$src" -type f ! -path '*/obj/*' ! -path '*/bin/*' -exec sha256sum {} + | sort > "$work/sources.before"
for run in $(seq 1 "$runs"); do
  set +e
  dotnet build "$src/All.sln" -m --no-incremental --no-restore -nologo -clp:NoSummary -v q -p:UseSharedCompilation=false > "$work/run$run.log" 2>&1
  set -e
  grep -oE "[^ ]*\([0-9]+,[0-9]+\): (warning|error) PA[0-9]{4}: .*|warning PA[0-9]{4}: .*" "$work/run$run.log" | sed -e "s#$src/##g" -e 's/ \[[^]]*\]$//' | sort -u > "$work/findings$run.txt"
  echo "run $run: $(wc -l < "$work/findings$run.txt") distinct findings; errors other than findings: $(grep -cE 'error (MSB|CS|NU|NETSDK)[0-9]+' "$work/run$run.log" || true)"
done
find "$src" -type f ! -path '*/obj/*' ! -path '*/bin/*' -exec sha256sum {} + | sort > "$work/sources.after"

status=0
for run in $(seq 2 "$runs"); do
  if ! diff -q "$work/findings1.txt" "$work/findings$run.txt" >/dev/null; then echo "run $run differs from run 1" >&2; status=1; fi
done
if ! diff -q "$work/sources.before" "$work/sources.after" >/dev/null; then echo "a build wrote outside obj/ and bin/" >&2; status=1; fi
if grep -qE "error (MSB|CS|NU|NETSDK)[0-9]+|AD0001|MSB4018" "$work"/run*.log; then echo "a build failed for a reason other than the policy" >&2; status=1; fi
[ -s "$work/findings1.txt" ] || { echo "no findings at all" >&2; status=1; }
echo "findings per run: $(wc -l < "$work/findings1.txt"); identical in all $runs runs: $([ $status -eq 0 ] && echo yes || echo no)"
exit $status
