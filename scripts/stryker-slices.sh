#!/usr/bin/env bash
# Runs Stryker on AsyncFunctions.Core one folder at a time, so that each slice finishes on a busy
# 2-core machine and its survivors can be read before the next slice ends. A full run (one
# command, see docs/testing.md) gives the same mutants; slicing only changes how they are batched.
# Usage: bash scripts/stryker-slices.sh [OUTPUT_ROOT] [FOLDER...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/StrykerOutput/slices}"
shift || true
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  folders=(Orders Assignment Handling Concurrency Resilience DeadLetters Drivers Sweeping Intake Storage
           Persistence Messaging Delivery Results Configuration Diagnostics)
fi
cd "$root"
dotnet tool restore >/dev/null
cd tests/AsyncFunctions.Core.Tests
for f in "${folders[@]}"; do
  echo "=== slice $f $(date -u +%H:%M:%S)"
  nice -n 10 dotnet stryker --config-file stryker-config.json \
    --mutate "**/$f/**/*.cs" \
    --reporter json --reporter cleartext --reporter html \
    --output "$out/$f" > "$out-$f.log" 2>&1 || echo "slice $f failed (see $out-$f.log)"
  grep -E "The final mutation score|mutants? (got|will)" "$out-$f.log" | tail -3 || true
done
