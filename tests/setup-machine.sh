#!/bin/bash
# Installs what the tests and the demo need on a fresh Debian 12 / Ubuntu machine, idempotently:
# Debian's Chromium (end-to-end tests run the built extension in it), Python 3 (an independent MIME parser), the Cyrus JMAP test server
# (tests/server/cyrus.sh install) and the npm packages (npm ci, from the lockfile).
# Needs root for apt-get (or sudo, which is used when present and we are not root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "[setup $(date +%T)] $*" >&2; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

# python3: the tests read delivered mail with Python's email package, a MIME parser that is not ours.
if ! command -v chromium >/dev/null || ! command -v python3 >/dev/null; then
  log "installing Chromium and Python (apt)"
  $SUDO apt-get update -q >/tmp/mailext-apt-update.log 2>&1 || { tail -20 /tmp/mailext-apt-update.log >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
    chromium fonts-dejavu-core python3 >/tmp/mailext-apt-chromium.log 2>&1 || { tail -20 /tmp/mailext-apt-chromium.log >&2; exit 1; }
fi
$SUDO bash tests/server/cyrus.sh install

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi
