#!/usr/bin/env bash
# Installs what the tests need on a fresh machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
dotnet --version
