# PostgreSQL from Debian's `postgresql` package, for FerretDB's PostgreSQL backend (the
# `ferretdb-pg` service). Sourced by services.sh.
#
# The cluster lives under .cache/services/postgresql/ (initdb on first start), listens on
# loopback only (127.0.0.1:55432, its socket in the same folder), and trusts local connections
# of the `ferretdb` role: it is a test database. PostgreSQL refuses to run as root, so as root the
# server runs as Debian's `postgres` user (setpriv, no fork: the pid is the server's).
# synchronous_commit=off: a commit survives a crash of PostgreSQL or of Wireup, not a power cut —
# the trade FerretDB's SQLite backend makes here with synchronous(normal) (docs/decisions.md).

POSTGRESQL_HOST=127.0.0.1
POSTGRESQL_PORT=55432
POSTGRESQL_HOME="$SERVICES_CACHE/postgresql"
POSTGRESQL_DATA="$POSTGRESQL_HOME/data"
POSTGRESQL_SOCKETS="$POSTGRESQL_HOME/run"
# The server's command line names its data folder: that tells our postmaster from another.
POSTGRESQL_MARKER="$POSTGRESQL_DATA"
POSTGRESQL_ROLE=ferretdb

postgresql_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# Runs "$@" as the user owning the cluster: `postgres` when we are root, else ourselves.
postgresql_as_owner() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else "$@"; fi
}

postgresql_apt() {
  [ "$(id -u)" = 0 ] || { echo "PostgreSQL is not installed, and installing it needs root: apt-get install postgresql"; return 1; }
  apt-get install -y --no-install-recommends postgresql
}

postgresql_install() {
  [ -n "$(postgresql_bindir)" ] && [ -x "$(postgresql_bindir)/postgres" ] && return 0
  run_install postgresql postgresql_apt
}

postgresql_ping() { pg_isready -q -h "$POSTGRESQL_HOST" -p "$POSTGRESQL_PORT" -t 2 2>/dev/null; }

# Sets started_pid like kafka_start.
postgresql_start() {
  started_pid=
  if started_pid=$(live_pid postgresql "$POSTGRESQL_MARKER"); then return 0; fi
  started_pid=
  if postgresql_ping; then
    say "postgresql: something already answers on $POSTGRESQL_HOST:$POSTGRESQL_PORT (not started by services.sh); using it"
    return 0
  fi
  local bin; bin=$(postgresql_bindir)
  mkdir -p "$POSTGRESQL_HOME" "$POSTGRESQL_SOCKETS" "$SERVICES_LOGS"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$POSTGRESQL_HOME" "$POSTGRESQL_SOCKETS"
  if [ ! -f "$POSTGRESQL_DATA/PG_VERSION" ]; then
    rm -rf "$POSTGRESQL_DATA"
    postgresql_as_owner "$bin/initdb" -D "$POSTGRESQL_DATA" -U "$POSTGRESQL_ROLE" --auth=trust -E UTF8 --no-locale \
      >"$SERVICES_LOGS/install-postgresql-initdb.log" 2>&1 || die "postgresql: initdb failed; see $(rel "$SERVICES_LOGS/install-postgresql-initdb.log")"
  fi
  start_detached postgresql setpriv $([ "$(id -u)" = 0 ] && echo --reuid=postgres --regid=postgres --init-groups) -- \
    "$bin/postgres" -D "$POSTGRESQL_DATA" -c listen_addresses="$POSTGRESQL_HOST" -p "$POSTGRESQL_PORT" \
    -c unix_socket_directories="$POSTGRESQL_SOCKETS" -c synchronous_commit=off -c max_connections=200
  started_pid=$(cat "$(pid_file_of postgresql)")
}

postgresql_address() { printf '%s:%s' "$POSTGRESQL_HOST" "$POSTGRESQL_PORT"; }

# Waits until PostgreSQL answers, then creates the database FerretDB uses when it is missing.
postgresql_database() {
  local name=$1 deadline=$((SECONDS + SERVICES_TIMEOUT))
  until postgresql_ping; do
    [ "$SECONDS" -lt "$deadline" ] || die "postgresql did not answer within ${SERVICES_TIMEOUT} s; see $(rel "$(log_of postgresql)")"
    sleep 0.5
  done
  local psql; psql="$(postgresql_bindir)/psql"
  if [ "$("$psql" -h "$POSTGRESQL_HOST" -p "$POSTGRESQL_PORT" -U "$POSTGRESQL_ROLE" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
    "$psql" -h "$POSTGRESQL_HOST" -p "$POSTGRESQL_PORT" -U "$POSTGRESQL_ROLE" -d postgres -qc "CREATE DATABASE $name" >/dev/null \
      || die "postgresql: could not create database $name"
  fi
}
