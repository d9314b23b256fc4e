#!/usr/bin/env bash
# Installs what the tests need on a fresh machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
dotnet --version

# The repository's dotnet tools (.config/dotnet-tools.json): Coyote's rewriter for the concurrency tests.
# Their build restores it too; doing it here keeps the download out of the test timings.
dotnet tool restore

# Azurite (Table service) for the Azure adapter's contract tests, from the project's own lock file.
if command -v npm >/dev/null; then
  npm ci --prefix tests/AsyncFunctions.Azure.Tests/azurite-npm --no-audit --no-fund
else
  echo "warning: npm not found; the Azure table contract tests will have no Azurite" >&2
fi

# Debian's Chromium for the dashboard's browser test (Playwright drives it; no browser is downloaded).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium missing and apt-get unavailable; the browser test will be skipped" >&2
  fi
fi
