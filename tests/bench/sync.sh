#!/bin/bash
# npm run bench:sync [-- --count N]: starts the test server, builds the extension and the
# benchmark, and runs it (see sync.ts). Prints a markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
npx wxt build --mode loopback >/tmp/mailext-build.log 2>&1 || { tail -30 /tmp/mailext-build.log >&2; exit 1; }
npx esbuild tests/bench/sync.ts --bundle --platform=node --format=esm --packages=external \
  --outfile=.output/bench/sync.mjs --log-level=error
exec node .output/bench/sync.mjs "$@"
