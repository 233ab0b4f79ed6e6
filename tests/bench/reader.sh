#!/bin/bash
# npm run bench:reader: opening conversations in the reader, in real Chromium with the built
# extension, against the real Cyrus test server (see reader.ts). Prints a markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# BENCH_SKIP_SETUP=1: the machine is set up already (e.g. a worktree whose node_modules is shared,
# where setup's `npm ci` must not run).
[ -n "${BENCH_SKIP_SETUP:-}" ] || bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
build_log=$(mktemp /tmp/mailext-build-reader.XXXXXX.log)
npx wxt build --mode loopback >"$build_log" 2>&1 || { tail -30 "$build_log" >&2; exit 1; }
rm -f "$build_log"
npx esbuild tests/bench/reader.ts --bundle --platform=node --format=esm --packages=external \
  --outfile=.output/bench/reader.mjs --log-level=error
exec node .output/bench/reader.mjs "$@"
