# Starting and stopping the processes (sourced by cyrus.sh). Each is tracked by a pidfile
# in $RUN and checked against its command line, so stop never kills a stranger.

server_running() { alive "$RUN/master.pid" "$MCONF"; }
relay_running()  { alive "$RUN/relay.pid" relay.mjs; }
syslog_running() { alive "$RUN/syslog.pid" syslog-sink.pl; }

# Only when the machine has no syslog (containers): we then own /dev/log until stop.
start_syslog() {
  syslog_running && return 0
  # our sink was killed without `stop` (e.g. the session ended): its socket file is dead
  [ -s "$RUN/syslog.pid" ] && [ -S /dev/log ] && rm -f /dev/log
  [ -e /dev/log ] && return 0
  nohup perl "$HERE/syslog-sink.pl" /dev/log "$LOG/syslog" >>"$LOG/syslog-sink.err" 2>&1 &
  echo $! >"$RUN/syslog.pid"
  wait_for 3 test -S /dev/log || die "syslog sink did not start: $(tail -3 "$LOG/syslog-sink.err")"
}

jmap_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/.well-known/jmap")" = 301 ]; }

start_master() {
  if server_running; then log "master already running (pid $(cat "$RUN/master.pid"))"; return; fi
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
  RELAY_PORT=$SMTP_PORT LMTP_PORT=$LMTP_PORT DOMAINS_FILE="$ETC/local-domains" SINK_DIR="$DATA/outbound" \
    nohup node "$HERE/relay.mjs" >>"$LOG/relay.log" 2>&1 &
  echo $! >"$RUN/relay.pid"
  wait_for 10 port_open "$SMTP_PORT" || die "relay did not start: $(tail -5 "$LOG/relay.log")"
}

# pids of every process of THIS instance: all Cyrus processes carry "-C <our imapd.conf>"
instance_pids() {
  local d
  for d in /proc/[0-9]*; do
    grep -qF -- "-C $CONF" <<<"$({ tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null)" && echo "${d#/proc/}"
  done
  return 0
}

stop_pid() { # stop_pid PIDFILE NEEDLE NAME
  local pid i
  alive "$1" "$2" || { rm -f "$1"; return 0; }
  pid=$(cat "$1"); log "stopping $3 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do alive "$1" "$2" || break; sleep 0.1; done
  if alive "$1" "$2"; then log "$3 did not stop within 10 s; killing it"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$1"
}

stop_master() {
  local pid i left
  if alive "$RUN/master.pid" "$MCONF"; then
    pid=$(cat "$RUN/master.pid"); log "stopping Cyrus master (pid $pid)"
    kill "$pid" 2>/dev/null || true
    # Cyrus 3.10's master sometimes never finishes its "clean shutdown" and spins at 100% CPU
    # with an unreaped child (seen here); do not wait for it longer than a normal shutdown takes.
    for ((i = 0; i < 50; i++)); do alive "$RUN/master.pid" "$MCONF" || break; sleep 0.1; done
    if alive "$RUN/master.pid" "$MCONF"; then log "master did not stop within 5 s; killing it"; kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$RUN/master.pid"
  # children that outlived their master would keep the listening sockets
  left=$(instance_pids)
  if [ -n "$left" ]; then
    sleep 0.5; left=$(instance_pids)
    # shellcheck disable=SC2086
    [ -z "$left" ] || { log "killing leftover Cyrus processes: $(echo $left)"; kill -9 $left 2>/dev/null || true; }
  fi
}

stop_all() {
  stop_pid "$RUN/relay.pid" relay.mjs relay
  stop_master
  if syslog_running; then stop_pid "$RUN/syslog.pid" syslog-sink.pl syslog-sink; rm -f /dev/log; fi
  return 0
}
