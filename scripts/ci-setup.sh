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

# Debian's RabbitMQ for the broker tests (tests/AsyncFunctions.RabbitMq.Tests, the local host on RabbitMQ in
# AsyncFunctions.Azure.Tests). The tests start their own node as a child process on free ports; the package's
# own service is never used, so if the install started one (or its epmd) on this machine, it is stopped again.
if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
    if command -v systemctl >/dev/null && systemctl is-active --quiet rabbitmq-server 2>/dev/null; then
      systemctl stop rabbitmq-server epmd.socket epmd.service || true
      systemctl disable --quiet rabbitmq-server || true
    elif command -v service >/dev/null && service rabbitmq-server status >/dev/null 2>&1; then
      service rabbitmq-server stop || true
    fi
  else
    echo "warning: rabbitmq-server missing and apt-get unavailable; the RabbitMQ tests will fail" >&2
  fi
fi
