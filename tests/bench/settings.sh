#!/bin/bash
# npm run bench:settings [-- --edits N]: the settings document and its sync through the mail
# account, against the real Cyrus test server (see settings.ts). Prints a markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash tests/server/cyrus.sh start
npx esbuild tests/bench/settings.ts --bundle --platform=node --format=esm --packages=external \
  --outfile=.output/bench/settings.mjs --log-level=error
exec node .output/bench/settings.mjs "$@"
