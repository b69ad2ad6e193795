# Shared helpers for Pulse scripts: sourced, never run.
# shellcheck shell=bash

PULSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PULSE_CACHE="${PULSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulse}"
# the engine version and checksum are written once, in the root pom
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$PULSE_ROOT/pom.xml" | head -n 1; }
CHDB_VERSION="$(pom_property chdb.version)"
CHDB_PACKAGE="@chdb/lib-linux-x64-gnu@${CHDB_VERSION}"
CHDB_SHA256="$(pom_property chdb.sha256)"
CHDB_LIB="${PULSE_CHDB_LIBRARY:-$PULSE_CACHE/chdb-$CHDB_VERSION/libchdb.so}"

die() { echo "pulse: $*" >&2; exit 1; }

# Maven through the wrapper (.mvn/wrapper pins the version; it is fetched from Maven Central once).
mvnw() { "$PULSE_ROOT/mvnw" "$@"; }

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
