#!/bin/bash
# npm run bench:<name> [-- args]: runs tests/bench/<name>.ts against the real Cyrus test server
# and prints a markdown table (each .ts says what it measures):
#   sync      first sync, delta and popup against a minimal client (10,000 messages)
#   settings  the synced settings document and its sync through the mail account
#   app       the mail tab with 100,000 messages: open, scroll, filters, search, bulk action
#   compose   opening the composer, keystroke to stored draft, a 20 MiB send against raw uploads
#   reader    opening conversations: a newsletter, a 5 MB message, a thread of 50
# The benches that drive Chromium get the loopback build of the extension first.
# BENCH_SKIP_SETUP=1: the machine is set up already (e.g. a worktree whose node_modules is shared,
# where setup's `npm ci` must not run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
name="${1:?usage: run.sh sync|settings|app|compose|reader [args]}"
shift
[ -f "tests/bench/$name.ts" ] || { echo "no benchmark tests/bench/$name.ts" >&2; exit 2; }
[ -n "${BENCH_SKIP_SETUP:-}" ] || bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
if [ "$name" != settings ]; then
  build_log=$(mktemp /tmp/mailext-build-bench.XXXXXX.log)
  npx wxt build --mode loopback >"$build_log" 2>&1 || { tail -30 "$build_log" >&2; exit 1; }
  rm -f "$build_log"
fi
npx esbuild "tests/bench/$name.ts" --bundle --platform=node --format=esm --packages=external \
  --outfile=".output/bench/$name.mjs" --log-level=error
exec node ".output/bench/$name.mjs" "$@"
