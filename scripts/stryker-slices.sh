#!/usr/bin/env bash
# Runs Stryker on AsyncFunctions.Core one folder at a time, so that each slice finishes on a busy
# 2-core machine and its survivors can be read before the next slice ends. A full run (one
# command, see docs/testing.md) gives the same mutants; slicing only changes how they are batched.
# Usage: bash scripts/stryker-slices.sh [OUTPUT_ROOT] [SLICE...]
# A slice is a Core folder ("Orders") or several joined by commas ("Drivers,Storage"), mutated in one run
# (each run first builds and runs every test once, about 3 minutes here, so tiny folders share a run).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/StrykerOutput/slices}"
shift || true
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  folders=(Orders Assignment
           Handling,Concurrency,Resilience,DeadLetters,Drivers,Sweeping,Intake,Storage,Persistence,Messaging,Delivery,Results,Configuration,Diagnostics
           Events,Retention)
fi
cd "$root"
dotnet tool restore >/dev/null
cd tests/AsyncFunctions.Core.Tests
for f in "${folders[@]}"; do
  echo "=== slice $f $(date -u +%H:%M:%S)"
  mutate=()
  IFS=',' read -ra parts <<< "$f"
  for part in "${parts[@]}"; do mutate+=(--mutate "**/$part/**/*.cs"); done
  name="${f//,/+}"
  nice -n 10 dotnet stryker --config-file stryker-config.json "${mutate[@]}" \
    --reporter json --reporter cleartext --reporter html \
    --output "$out/$name" > "$out-$name.log" 2>&1 || echo "slice $f failed (see $out-$name.log)"
  grep -E "The final mutation score" "$out-$name.log" || true
done
