#!/usr/bin/env bash
# Coverage-guided fuzzing of the policy reader and matchers with SharpFuzz and AFL++ for a bounded time.
#   bash tests/PolicyAnalyzers.Fuzzing/run.sh [seconds]      (default 600)
# Crashes land in artifacts/fuzzing/findings/default/crashes; copy each into
# tests/PolicyAnalyzers.Policy.Tests/FuzzRegressions/ so the normal test run replays it.
set -euo pipefail
seconds="${1:-600}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/artifacts/fuzzing"
out="$work/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "== installing AFL++ (Debian package afl++)"
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$work/tools/sharpfuzz" ]; then
  echo "== installing the SharpFuzz instrumentation tool"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
fi

echo "== building and instrumenting PolicyAnalyzers.Policy"
rm -rf "$out" "$work/findings"
dotnet publish "$root/tests/PolicyAnalyzers.Fuzzing" -c Release -o "$out" -v q -nologo
"$work/tools/sharpfuzz" "$out/PolicyAnalyzers.Policy.dll"

echo "== seeding the corpus from the shipped policy and the regression cases"
corpus="$work/corpus"
rm -rf "$corpus" && mkdir -p "$corpus"
cp "$root/policy/policyanalyzers.policy.json" "$corpus/shipped.json"
printf 'Kaspersky.*\nKaspersky.Fixture.Engine\n' > "$corpus/glob.txt"
printf '{ "policy": { "id": "x" } }' > "$corpus/small.json"
for f in "$root"/tests/PolicyAnalyzers.Policy.Tests/FuzzRegressions/*; do [ -f "$f" ] && cp "$f" "$corpus/"; done

echo "== fuzzing for $seconds s"
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
set +e
afl-fuzz -i "$corpus" -o "$work/findings" -t 10000 -m none -V "$seconds" -- dotnet "$out/PolicyAnalyzers.Fuzzing.dll" > "$work/afl.log" 2>&1
set -e
stats="$work/findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "AFL++ did not start; see $work/afl.log" >&2
  tail -20 "$work/afl.log" >&2
  exit 1
fi
grep -E "^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) " "$stats"
crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' | wc -l)
echo "crashes: $crashes (in $work/findings/default/crashes)"
[ "$crashes" -eq 0 ]
