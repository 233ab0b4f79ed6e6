# Starting and stopping the processes (sourced by cyrus.sh). Each is tracked by a pidfile
# in $RUN and checked against its command line, so stop never kills a stranger.

server_running() { alive "$RUN/master.pid" "$MCONF"; }
relay_running()  { alive "$RUN/relay.pid" relay.mjs; }
syslog_running() { alive "$RUN/syslog.pid" syslog-sink.pl; }

# Only when the machine has no syslog (containers): we then own /dev/log until stop.
start_syslog() {
  syslog_running && return 0
  [ -e /dev/log ] && return 0
  nohup perl "$HERE/syslog-sink.pl" /dev/log "$LOG/syslog" >>"$LOG/syslog-sink.err" 2>&1 &
  echo $! >"$RUN/syslog.pid"
  wait_for 3 test -S /dev/log || die "syslog sink did not start: $(tail -3 "$LOG/syslog-sink.err")"
}

jmap_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/.well-known/jmap")" = 301 ]; }

start_master() {
  if server_running; then log "master already running (pid $(cat "$RUN/master.pid"))"; return; fi
  local p; for p in $HTTP_PORT $IMAP_PORT $LMTP_PORT; do
    port_open "$p" && die "port 127.0.0.1:$p is taken by another process; set MAILEXT_CYRUS_*_PORT"
  done
  log "starting Cyrus master (under eatmydata: fsync is a no-op, fine for throw-away data)"
  # eatmydata sets LD_PRELOAD=libeatmydata.so, which every forked service inherits
  eatmydata "$CYRUS_BIN/master" -C "$CONF" -M "$MCONF" -p "$RUN/master.pid" -d \
    >>"$LOG/master.out" 2>&1 || die "master failed to start: $(tail -5 "$LOG/master.out"; tail -5 "$LOG/syslog" 2>/dev/null)"
  wait_for 20 jmap_answers ||
    die "httpd does not answer on 127.0.0.1:$HTTP_PORT; syslog tail:
$(tail -15 "$LOG/syslog" 2>/dev/null)"
}

# Must be up before a client fetches the JMAP session, or the account lacks
# the urn:ietf:params:jmap:submission capability.
start_relay() {
  relay_running && return 0
  port_open "$SMTP_PORT" && die "port 127.0.0.1:$SMTP_PORT is taken by another process"
  RELAY_PORT=$SMTP_PORT LMTP_PORT=$LMTP_PORT DOMAINS_FILE="$ETC/local-domains" SINK_DIR="$DATA/outbound" \
    nohup node "$HERE/relay.mjs" >>"$LOG/relay.log" 2>&1 &
  echo $! >"$RUN/relay.pid"
  wait_for 10 port_open "$SMTP_PORT" || die "relay did not start: $(tail -5 "$LOG/relay.log")"
}

stop_pid() { # stop_pid PIDFILE NEEDLE NAME
  alive "$1" "$2" || { rm -f "$1"; return 0; }
  local pid; pid=$(cat "$1"); log "stopping $3 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_for 10 eval '! alive "$1" "$2"' || { log "$3 did not stop in 10 s, killing"; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$1"
}

stop_all() {
  stop_pid "$RUN/relay.pid" relay.mjs relay
  stop_pid "$RUN/master.pid" "$MCONF" master   # master stops its children
  wait_for 10 eval '! port_open $HTTP_PORT && ! port_open $IMAP_PORT' || log "warning: ports still open"
  if syslog_running; then stop_pid "$RUN/syslog.pid" syslog-sink.pl syslog-sink; rm -f /dev/log; fi
}
