#!/usr/bin/env bash
# The main job: pack PolicyAnalyzers and the vendor fixtures into a local folder feed, then build the sample
# government application on the shipped policy and show every finding with its decision link.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$root/artifacts/sample-feed"
export NUGET_PACKAGES="$root/artifacts/sample-nuget-packages"   # fresh cache: never test an older copy
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf "$feed" "$NUGET_PACKAGES" "$root/samples/GovernmentApp/obj" "$root/samples/GovernmentApp/bin"
mkdir -p "$feed"

echo "== packing PolicyAnalyzers and the vendor fixtures into $feed"
dotnet pack "$root/src/PolicyAnalyzers.Package" -c Release -o "$feed" -v q -nologo
dotnet pack "$root/samples/fixtures/Kaspersky.Fixture.Scanning" -c Release -o "$feed" -v q -nologo
dotnet pack "$root/samples/fixtures/Contoso.ScanWrapper" -c Release -o "$feed" -v q -nologo
dotnet pack "$root/samples/fixtures/Kaspersky.Fixture.Engine" -c Release -o "$feed" -v q -nologo
dotnet pack "$root/samples/fixtures/Contoso.DeviceAgent" -c Release -o "$feed" -v q -nologo

# Sign the innocently named fixture with a certificate made here, whose subject names the vendor's legal entity:
# only its signature tells who published it. (NuGet's own signing; no vendor key or binary is involved.)
if command -v openssl >/dev/null 2>&1; then
  keys="$root/artifacts/sample-signing"
  rm -rf "$keys" && mkdir -p "$keys"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$keys/key.pem" -out "$keys/cert.pem" \
    -subj "/CN=Fixture Code Signing/O=AO Kaspersky Lab/C=RU" -addext "extendedKeyUsage=codeSigning" \
    -addext "keyUsage=critical,digitalSignature" -addext "basicConstraints=critical,CA:FALSE" 2>/dev/null
  openssl pkcs12 -export -out "$keys/cert.pfx" -inkey "$keys/key.pem" -in "$keys/cert.pem" -passout pass:sample
  dotnet nuget sign "$feed/Contoso.DeviceAgent.1.0.0.nupkg" --certificate-path "$keys/cert.pfx" \
    --certificate-password sample --overwrite -v q >/dev/null
else
  echo "(openssl not found: Contoso.DeviceAgent stays unsigned, so only its code findings show)"
fi

echo "== building samples/GovernmentApp (audience: nl-central-government)"
set +e
output="$(dotnet build "$root/samples/GovernmentApp" -p:PolicyAnalyzersVersion=1.0.0 -p:UseSharedCompilation=false -nologo -clp:NoSummary -v m 2>&1)"
status=$?
set -e
echo "$output" | grep -E "PA[0-9]{4}|error [A-Z]+[0-9]+" | sed -e "s#$root/##g" | sort -u
echo
echo "$output" | grep -E "^ *PolicyAnalyzers: " | sed -e "s#^ *##"
echo "SARIF (all policy findings, for code scanning): samples/GovernmentApp/obj/Debug/net10.0/policyanalyzers.sarif"
echo "Compiler's own SARIF log: samples/GovernmentApp/obj/GovernmentApp.sarif"
if echo "$output" | grep -qE "error (MSB|CS|NU|NETSDK)[0-9]+"; then
  echo "The build failed for a reason other than the policy (see above)." >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "The build failed, as the policy requires: the Dutch phase-out is mandatory for nl-central-government."
  echo "Set PolicyAnalyzersAudience to nl-vital-sector (advice) to see the same findings as warnings."
fi
