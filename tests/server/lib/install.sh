# Package installation for cyrus.sh (sourced).
#
# Cyrus 3.10 comes from bookworm-backports: 3.6 (bookworm) crashes on VacationResponse
# and lacks standard JMAP calendars. Packaging quirk: the backport's cyrus-common depends
# on libclamav11, which bookworm no longer ships (clamav moved to libclamav12). Only
# cyr_virusscan links it, so we install an empty placeholder package of that name in the
# same apt run.

CYRUS_PKGS="cyrus-common cyrus-imapd cyrus-caldav cyrus-admin libcyrus-imap-perl"
OTHER_PKGS="sasl2-bin eatmydata curl"
BPO_SOURCES=/etc/apt/sources.list.d/bookworm-backports.sources
# wait for a concurrent apt/dpkg run (e.g. another package being installed) instead of failing
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)

# Prints the packages still to install, "" when everything is in place (one dpkg-query call,
# so the no-op path is fast).
missing_pkgs() {
  local st=() line p
  mapfile -t st < <(dpkg-query -W -f='${Package} ${Status} ${Version}\n' $CYRUS_PKGS $OTHER_PKGS 2>/dev/null || true)
  for p in $CYRUS_PKGS $OTHER_PKGS; do
    line=$(printf '%s\n' "${st[@]}" | awk -v p="$p" '$1 == p')
    case " $CYRUS_PKGS " in
      *" $p "*) [[ $line == *"install ok installed 3.10."* ]] || echo "$p/bookworm-backports" ;;
      *)        [[ $line == *"install ok installed"* ]]      || echo "$p" ;;
    esac
  done
}

have_bpo_source() {
  grep -rqsE '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/ \
    --include='*.list' --include='*.sources' --include=sources.list
}

# Builds the empty libclamav11 package in a temp dir and prints the .deb path.
make_clamav_placeholder() {
  local d; d=$(mktemp -d /tmp/libclamav11-placeholder.XXXXXX)
  mkdir -p "$d/pkg/DEBIAN"
  cat >"$d/pkg/DEBIAN/control" <<'CTL'
Package: libclamav11
Version: 1.0.0+placeholder1
Architecture: all
Maintainer: mailext tests/server/cyrus.sh <root@localhost>
Section: oldlibs
Priority: optional
Description: empty placeholder for the libclamav11 that bookworm no longer ships
 cyrus-common 3.10 from bookworm-backports depends on libclamav11; only
 /usr/lib/cyrus/bin/cyr_virusscan links it and will not run. Nothing else is affected.
CTL
  dpkg-deb --root-owner-group --build "$d/pkg" "$d/libclamav11_placeholder.deb" >/dev/null
  echo "$d/libclamav11_placeholder.deb"
}

apt_run() { # apt_run LOGFILE apt-get-args...: on failure show the log tail and exit
  local logf=$1; shift
  if ! DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" "$@" >"$logf" 2>&1; then
    echo "---- last lines of $logf ----" >&2; tail -25 "$logf" >&2
    die "apt-get $* failed (full log: $logf)"
  fi
}

install_pkgs() {
  local need extra=() aptlog=/tmp/mailext-cyrus-apt
  need=$(missing_pkgs)
  if [ -n "$need" ]; then
    [ "$(id -u)" = 0 ] || die "installing packages needs root (missing: $need)"
    # bookworm-backports is a Debian 12 source: added anywhere else it would break apt.
    local os; os=$(. /etc/os-release 2>/dev/null; echo "${ID:-?} ${VERSION_ID:-?}")
    [ "$os" = "debian 12" ] || have_bpo_source ||
      die "the test server installs Cyrus 3.10 from Debian 12's bookworm-backports; this is '$os'. Use a Debian 12 machine or container, or install cyrus-imapd >= 3.10, cyrus-caldav, cyrus-admin, sasl2-bin and eatmydata yourself."
    if ! have_bpo_source; then
      log "adding $BPO_SOURCES"
      printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' \
        'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >"$BPO_SOURCES"
    fi
    # update only when apt does not know the backport yet (here-string: see alive())
    if ! grep -q 'bpo12' <<<"$(apt-cache madison cyrus-common 2>/dev/null)"; then
      log "apt-get update"
      apt_run "$aptlog-update.log" update -q
    fi
    if [ "$(dpkg-query -W -f='${Status}' libclamav11 2>/dev/null)" != 'install ok installed' ] &&
       ! grep -qE 'Candidate: [0-9]' <<<"$(apt-cache policy libclamav11 2>/dev/null)"; then
      extra+=("$(make_clamav_placeholder)")
    fi
    log "apt-get install $(echo $need) (log: $aptlog-install.log)"
    # shellcheck disable=SC2086
    apt_run "$aptlog-install.log" install -y -q --no-install-recommends "${extra[@]}" $need
    [ -z "$(missing_pkgs)" ] || die "still missing after install: $(missing_pkgs)"
  fi
  command -v node >/dev/null || die "node (>= 20) is required for relay.mjs and the seeders"
  stop_distro_instance
}

# The package's own init script may have started a system-wide Cyrus on the standard ports
# (143, 24, ...) with /etc/imapd.conf. We run our own instance; stop theirs so it cannot
# confuse anyone. (With systemd also keep it from starting at boot.)
stop_distro_instance() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    systemctl disable --now cyrus-imapd >/dev/null 2>&1 || true
  elif [ -s /run/cyrus-master.pid ] && kill -0 "$(cat /run/cyrus-master.pid)" 2>/dev/null; then
    /etc/init.d/cyrus-imapd stop >/dev/null 2>&1 || true
  fi
}
