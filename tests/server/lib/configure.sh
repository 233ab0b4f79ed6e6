# Renders conf/*.in into $ETC and prepares the data directories (sourced by cyrus.sh).
# Rewritten on every start, so template changes apply after stop + start.

render() { # render TEMPLATE OUT
  sed -e "s|@ETC@|$ETC|g" -e "s|@DATA@|$DATA|g" -e "s|@RUN@|$RUN|g" -e "s|@CONF@|$CONF|g" \
      -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@IMAP_PORT@|$IMAP_PORT|g" \
      -e "s|@LMTP_PORT@|$LMTP_PORT|g" -e "s|@SMTP_PORT@|$SMTP_PORT|g" "$1" >"$2.tmp"
  mv "$2.tmp" "$2"
}

configure() {
  mkdir -p "$ETC" "$LOG" "$RUN" "$DATA/provisioned" "$DATA/outbound"
  render "$HERE/conf/imapd.conf.in" "$CONF"
  render "$HERE/conf/cyrus.conf.in" "$MCONF"
  # relay.mjs re-reads this for every message; adduser may append a new domain
  [ -s "$ETC/local-domains" ] || printf '%s\n' $LOCAL_DOMAINS >"$ETC/local-domains"

  mkdir -p "$DATA/spool/stage." "$DATA/sieve" "$DATA/search"
  local d; for d in db proc socket log msg user quota lock sync; do mkdir -p "$DATA/conf/$d"; done
  mkdir -p "$RUN/proc" "$RUN/lock"
  chown -R cyrus:mail "$DATA/conf" "$DATA/spool" "$DATA/sieve" "$DATA/search" "$RUN"
  chown cyrus:mail "$DATA"; chmod 750 "$DATA"
}
