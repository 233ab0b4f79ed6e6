#!/bin/bash
# npm run bench:app: the mail tab's list with 100,000 messages (see app.ts). Prints a markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
npx wxt build --mode loopback >/tmp/mailext-build.log 2>&1 || { tail -30 /tmp/mailext-build.log >&2; exit 1; }
npx esbuild tests/bench/app.ts --bundle --platform=node --format=esm --packages=external \
  --outfile=.output/bench/app.mjs --log-level=error
exec node .output/bench/app.mjs "$@"
