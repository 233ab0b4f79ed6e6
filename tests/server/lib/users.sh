# Users (sourced by cyrus.sh). Passwords live in our own sasldb ($DATA/sasldb2).

set_password() { # set_password EMAIL PASSWORD
  local u=$1 name=${1%@*} dom=${1#*@}
  [[ $u =~ ^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$ ]] || die "user must be an e-mail address, got '$u'"
  [ -n "$2" ] || die "empty password for $u"
  (
    # parallel test workers may add users at the same time: one sasldb writer at a time
    flock 9
    printf '%s' "$2" | saslpasswd2 -p -c -f "$DATA/sasldb2" -u "$dom" "$name" ||
      die "saslpasswd2 failed for $u"
    chown cyrus:mail "$DATA/sasldb2"; chmod 640 "$DATA/sasldb2"
    # mail from Cyrus (EmailSubmission) to this domain goes to LMTP, not to the sink
    grep -qxF "$dom" "$ETC/local-domains" 2>/dev/null || echo "$dom" >>"$ETC/local-domains"
  ) 9>"$RUN/users.lock"
}

# One IMAP login autocreates INBOX + Drafts/Sent/Trash/Junk/Archive with their special-use
# roles; an HTTP login does not, and JMAP answers 503 until it has happened.
provision() { # provision EMAIL PASSWORD
  local out
  out=$(curl -sS --max-time 20 -u "$1:$2" "imap://127.0.0.1:$IMAP_PORT/" 2>&1) ||
    die "IMAP login as $1 failed: $out (see $LOG/syslog)"
  touch "$DATA/provisioned/$1"
}

# IMAP admin "cyrus" (no domain): not needed by the app; handy for cyradm and debugging
set_password_admin() {
  printf '%s' "$ADMIN_PASSWORD" | saslpasswd2 -p -c -f "$DATA/sasldb2" cyrus
}

adduser() { # adduser EMAIL PASSWORD: works while the server runs
  [ $# -eq 2 ] || die "usage: cyrus.sh adduser EMAIL PASSWORD"
  server_running || die "server is not running (cyrus.sh start)"
  set_password "$1" "$2"
  provision "$1" "$2"
  log "user $1 ready"
}
