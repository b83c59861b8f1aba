# FerretDB 1.24 (MongoDB wire protocol) with its SQLite backend. Sourced by services.sh.
#
# Why not a plain `go install …/cmd/ferretdb@v1.24.2`: the module as served by the proxy lacks
# build/version/version.txt, which FerretDB's release tooling generates, and the installed binary
# panics at start ("Invalid build/version/version.txt file content"). So the same module version
# is downloaded from the Go module proxy, copied, given that one file, and built.
#
# One upstream bug is patched before the build (tools/services/patches/): on SQLite, FerretDB
# 1.24.2 filters by _id with an expression its _id index is not built on, so every lookup,
# update and delete by _id read the whole collection. The binary's name says it is patched.

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_HOST=127.0.0.1
FERRETDB_PORT=27017
FERRETDB_HOME="$SERVICES_CACHE/ferretdb"
FERRETDB_PATCHES=("$REPO_ROOT/tools/services/patches/ferretdb-sqlite-id-lookup-uses-index.patch")
FERRETDB_BIN="$SERVICES_BIN/ferretdb-$FERRETDB_VERSION-idindex"
FERRETDB_MARKER="ferretdb-$FERRETDB_VERSION-idindex"

ferretdb_build() {
  local dir src="$FERRETDB_HOME/src-$FERRETDB_VERSION"
  command -v go >/dev/null || { echo "go is not installed"; return 1; }
  dir=$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "go mod download gave no directory"; return 1; }
  # `|| return 1` on each step: run_install calls this in a condition, where `set -e` is off.
  rm -rf "$src" || return 1
  cp -r "$dir" "$src" || return 1
  chmod -R u+w "$src" || return 1
  printf '%s\n' "$FERRETDB_VERSION" >"$src/build/version/version.txt" || return 1
  local patch
  for patch in "${FERRETDB_PATCHES[@]}"; do
    (cd "$src" && patch --forward --quiet -p1 <"$patch") || { echo "could not apply $(basename "$patch")"; return 1; }
  done
  (cd "$src" && go build -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) || return 1
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN" || return 1
  rm -rf "$src"
}

ferretdb_install() {
  [ -x "$FERRETDB_BIN" ] && return 0
  mkdir -p "$FERRETDB_HOME"
  run_install ferretdb ferretdb_build
}

ferretdb_ping() { mongo_answers "$FERRETDB_HOST" "$FERRETDB_PORT"; }

# Sets started_pid like kafka_start.
ferretdb_start() {
  started_pid=
  if started_pid=$(live_pid ferretdb "$FERRETDB_MARKER"); then return 0; fi
  started_pid=
  if ferretdb_ping; then
    say "ferretdb: something already answers on $FERRETDB_HOST:$FERRETDB_PORT (not started by services.sh); using it"
    return 0
  fi
  mkdir -p "$FERRETDB_HOME/data" "$FERRETDB_HOME/state"
  # --debug-addr=- turns off the metrics/pprof HTTP listener, which would otherwise take 8088.
  # synchronous(normal): with WAL, a commit is written to the log without waiting for fsync: it
  # survives a crash of FerretDB or of Wireup, not a power cut — the same trade as Wireup's own
  # embedded SQLite (docs/decisions.md). With FerretDB's default (full), every write waits for
  # the disk, which bounded Kafka + MongoDB to a few events per second on this VM.
  start_detached ferretdb "$FERRETDB_BIN" \
    --handler=sqlite --sqlite-url="file:$FERRETDB_HOME/data/?_pragma=synchronous(normal)" \
    --listen-addr="$FERRETDB_HOST:$FERRETDB_PORT" --debug-addr=- \
    --state-dir="$FERRETDB_HOME/state" --telemetry=disable --log-level=warn
  started_pid=$(cat "$(pid_file_of ferretdb)")
}

ferretdb_address() { printf '%s:%s' "$FERRETDB_HOST" "$FERRETDB_PORT"; }

# MONGODB_URL answers when its first host does (mongodb+srv:// cannot be checked from here).
ferretdb_external_ping() {
  local rest hostport host port
  case "$MONGODB_URL" in
    mongodb+srv://*) say "ferretdb: MONGODB_URL is mongodb+srv://; not checked"; return 0 ;;
  esac
  rest=${MONGODB_URL#mongodb://}
  rest=${rest##*@}
  hostport=${rest%%[/?]*}
  hostport=${hostport%%,*}
  host=${hostport%:*}; port=${hostport##*:}
  [ "$host" = "$hostport" ] && port=27017
  mongo_answers "$host" "$port"
}

# ferretdb-pg: the same FerretDB binary on its PostgreSQL backend (the `postgresql` service),
# 127.0.0.1:27018. Tests and the benchmark reach it with MONGODB_URL=mongodb://127.0.0.1:27018/…
# (docs/decisions.md, "Data path": which backend is faster here).
FERRETDB_PG_HOST=127.0.0.1
FERRETDB_PG_PORT=27018
FERRETDB_PG_MARKER="--handler=postgresql"

ferretdb_pg_install() { ferretdb_install; }

ferretdb_pg_ping() { mongo_answers "$FERRETDB_PG_HOST" "$FERRETDB_PG_PORT"; }

ferretdb_pg_start() {
  started_pid=
  if started_pid=$(live_pid ferretdb-pg "$FERRETDB_PG_MARKER"); then return 0; fi
  started_pid=
  if ferretdb_pg_ping; then
    say "ferretdb-pg: something already answers on $FERRETDB_PG_HOST:$FERRETDB_PG_PORT (not started by services.sh); using it"
    return 0
  fi
  postgresql_database ferretdb
  mkdir -p "$FERRETDB_HOME/state-pg"
  start_detached ferretdb-pg "$FERRETDB_BIN" \
    --handler=postgresql --postgresql-url="postgres://$POSTGRESQL_ROLE@$POSTGRESQL_HOST:$POSTGRESQL_PORT/ferretdb" \
    --listen-addr="$FERRETDB_PG_HOST:$FERRETDB_PG_PORT" --debug-addr=- \
    --state-dir="$FERRETDB_HOME/state-pg" --telemetry=disable --log-level=warn
  started_pid=$(cat "$(pid_file_of ferretdb-pg)")
}

ferretdb_pg_address() { printf '%s:%s' "$FERRETDB_PG_HOST" "$FERRETDB_PG_PORT"; }
