#!/bin/bash
# Sets everything up and runs the product against the local JMAP server with demo mail:
# installs Chromium and Cyrus if missing, starts the server, seeds alice@example.com's demo
# mailbox, builds the extension, and opens Chromium with it loaded and the demo account added.
# Without a display it adds the account headless, saves screenshots, and says how to load the
# extension into your own browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tests/setup-machine.sh
bash tests/server/cyrus.sh start
bash tests/server/cyrus.sh seed alice@example.com alicepw || echo "(demo mailbox already seeded)"
npx wxt build --mode loopback >/tmp/mailext-build.log 2>&1 || { tail -30 /tmp/mailext-build.log >&2; exit 1; }
npx wxt build >>/tmp/mailext-build.log 2>&1
exec node tests/demo.mjs
