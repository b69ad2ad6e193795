# Shared helpers for Pulse scripts: sourced, never run.
# shellcheck shell=bash

PULSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PULSE_CACHE="${PULSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulse}"
CHDB_VERSION="26.5.3"
CHDB_PACKAGE="@chdb/lib-linux-x64-gnu@${CHDB_VERSION}"
CHDB_SHA256="4330da79405733f7572f27c1442f46c03a08301f00859dce0368645731b1e1dc"
CHDB_LIB="${PULSE_CHDB_LIBRARY:-$PULSE_CACHE/chdb-$CHDB_VERSION/libchdb.so}"

die() { echo "pulse: $*" >&2; exit 1; }

# Finds a JDK >= 25: JAVA_HOME first, then the system JVM folder; exports JAVA_HOME.
find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/javac" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then export JAVA_HOME="$c"; export PATH="$c/bin:$PATH"; return 0; fi
  done
  die "no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one, e.g. 'apt-get install temurin-25-jdk', or set JAVA_HOME"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
