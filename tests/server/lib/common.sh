# Shared settings and helpers for cyrus.sh (sourced, not run).
# Everything the server writes lives under $BASE, so `reset` is one rm -rf.

BASE=${MAILEXT_CYRUS_BASE:-/tmp/mailext-cyrus}
HTTP_PORT=${MAILEXT_CYRUS_HTTP_PORT:-8080}
IMAP_PORT=${MAILEXT_CYRUS_IMAP_PORT:-8143}
LMTP_PORT=${MAILEXT_CYRUS_LMTP_PORT:-8024}
SMTP_PORT=${MAILEXT_CYRUS_SMTP_PORT:-2525}
DEFAULT_USERS=${MAILEXT_CYRUS_USERS:-"alice@example.com:alicepw bob@example.com:bobpw"}
LOCAL_DOMAINS=${MAILEXT_CYRUS_DOMAINS:-example.com}
ADMIN_PASSWORD=${MAILEXT_CYRUS_ADMIN_PASSWORD:-cyruspw}   # IMAP admin "cyrus" (used by seed-bulk)

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)   # tests/server
CYRUS_BIN=/usr/lib/cyrus/bin
ETC=$BASE/etc
DATA=$BASE/data
RUN=$BASE/run
LOG=$BASE/log
CONF=$ETC/imapd.conf
MCONF=$ETC/cyrus.conf

log() { echo "[cyrus.sh $(date +%T)] $*" >&2; }
die() { echo "[cyrus.sh] ERROR: $*" >&2; exit 1; }

# alive PIDFILE NEEDLE: the recorded pid runs and its command line contains NEEDLE
# (guards against a stale pidfile whose pid was reused by something else).
alive() {
  local pid; [ -s "$1" ] || return 1; pid=$(cat "$1")
  [ -r "/proc/$pid/cmdline" ] || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] || return 1
  # here-string, not a pipe: `cmd | grep -q` under pipefail can fail by SIGPIPE
  grep -qF -- "$2" <<<"$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for SECONDS CMD...: poll CMD every 0.1 s
wait_for() {
  local n=$(( $1 * 10 )); shift
  for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.1; done
  return 1
}
