#!/bin/bash
# cyrus.sh -- the project's JMAP test server: Debian's Cyrus IMAP 3.10 (bookworm-backports)
# on 127.0.0.1 only, with throw-away data under $MAILEXT_CYRUS_BASE (default /tmp/mailext-cyrus).
#
#   cyrus.sh install                 apt packages (idempotent; fast no-op when present)
#   cyrus.sh start                   install if needed, configure, start Cyrus + SMTP relay,
#                                    create the default users (idempotent)
#   cyrus.sh stop | status
#   cyrus.sh reset                   stop and delete all data
#   cyrus.sh adduser EMAIL PASSWORD  new (or re-passworded) user, usable at once; server must run
#   cyrus.sh seed EMAIL PASSWORD     demo mailbox via seed-demo.mjs (~300 messages)
#
# Ports (env MAILEXT_CYRUS_{HTTP,IMAP,LMTP,SMTP}_PORT): JMAP/HTTP 8080, IMAP 8143,
# LMTP 8024, SMTP relay 2525. Default users alice@example.com:alicepw, bob@example.com:bobpw.
# Needs root (packages, the cyrus system user) and node >= 20. Works without systemd.
# See README.md beside this file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/common.sh
source lib/install.sh
source lib/configure.sh
source lib/daemons.sh
source lib/users.sh

cmd_start() {
  [ "$(id -u)" = 0 ] || die "start needs root (packages, files owned by the cyrus user; master drops privileges itself)"
  install_pkgs
  # check every port before starting anything, so a conflict leaves nothing half-started
  local p
  if ! server_running; then
    for p in $HTTP_PORT $IMAP_PORT $LMTP_PORT; do
      port_open "$p" && die "port 127.0.0.1:$p is already in use by another process (set MAILEXT_CYRUS_*_PORT)"
    done
  fi
  relay_running || ! port_open "$SMTP_PORT" || die "port 127.0.0.1:$SMTP_PORT is already in use by another process (set MAILEXT_CYRUS_SMTP_PORT)"
  configure
  local up
  for up in $DEFAULT_USERS; do set_password "${up%%:*}" "${up#*:}"; done
  set_password_admin
  start_syslog
  start_relay
  start_master
  for up in $DEFAULT_USERS; do
    [ -e "$DATA/provisioned/${up%%:*}" ] || { provision "${up%%:*}" "${up#*:}"; log "provisioned ${up%%:*}"; }
  done
  log "ready: JMAP session http://127.0.0.1:$HTTP_PORT/.well-known/jmap (-> /jmap/), IMAP 127.0.0.1:$IMAP_PORT, LMTP 127.0.0.1:$LMTP_PORT, SMTP relay 127.0.0.1:$SMTP_PORT; logs in $LOG"
}

cmd_status() {
  local rc=0
  if server_running; then echo "cyrus master: running (pid $(cat "$RUN/master.pid")), JMAP http://127.0.0.1:$HTTP_PORT/jmap/"
  else echo "cyrus master: not running"; rc=3; fi
  if relay_running; then echo "smtp relay:   running (pid $(cat "$RUN/relay.pid")), 127.0.0.1:$SMTP_PORT"
  else echo "smtp relay:   not running"; rc=3; fi
  echo "base dir:     $BASE"
  return $rc
}

case "${1:-}" in
  install) install_pkgs; log "packages present" ;;
  start)   cmd_start ;;
  stop)    stop_all ;;
  status)  cmd_status ;;
  reset)   stop_all; rm -rf "$BASE"; log "removed $BASE" ;;
  adduser) shift; adduser "$@" ;;
  seed)    shift; [ $# -ge 2 ] || die "usage: cyrus.sh seed EMAIL PASSWORD"
           server_running || die "server is not running (cyrus.sh start)"
           exec node seed-demo.mjs "$@" --url "http://127.0.0.1:$HTTP_PORT" ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
