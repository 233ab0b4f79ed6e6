#!/bin/bash
# Runs every test: unit, integration (real Cyrus JMAP server) and end to end (real Chromium with
# the built extension). Installs what is missing first, starts the test server, builds the
# extension. Closes with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
npx wxt build --mode loopback >/tmp/mailext-build.log 2>&1 || { tail -30 /tmp/mailext-build.log >&2; exit 1; }
export NO_COLOR=1
exec npx vitest run --config tests/vitest.config.ts
