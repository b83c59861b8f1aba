# Verdaccio 6.8.0, a real npm registry for the marketplace's tests (publish, packuments,
# tarballs, search). It is an npm dependency of @wireup/marketplace (so `npm ci` installs it;
# 6.10 needs Node 22, and the root package.json overrides node-fetch to 2.7.0 for it).
# Storage in .cache/services/verdaccio/storage, no uplinks (nothing is proxied from npmjs),
# anyone on loopback may publish. Port 4874, so a developer's `npm start` (whose embedded
# registry takes 4873) does not collide with it. Sourced by services.sh after common.sh.

VERDACCIO_HOST=127.0.0.1
VERDACCIO_PORT=4874
VERDACCIO_HOME="$SERVICES_CACHE/verdaccio"
VERDACCIO_BIN="$REPO_ROOT/node_modules/verdaccio/bin/verdaccio"
# Verdaccio sets its process title to "verdaccio", which replaces the command line /proc shows.
VERDACCIO_MARKER=verdaccio

verdaccio_install() {
  [ -f "$VERDACCIO_BIN" ] || die "verdaccio is not installed: run npm ci at the repository root"
  mkdir -p "$VERDACCIO_HOME/storage"
  cat >"$VERDACCIO_HOME/config.yaml" <<YAML
storage: $VERDACCIO_HOME/storage
auth:
  htpasswd:
    file: $VERDACCIO_HOME/htpasswd
    max_users: -1
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$all
    unpublish: \$all
server:
  keepAliveTimeout: 60
max_body_size: 20mb
log: { type: stdout, format: pretty, level: warn }
YAML
}

verdaccio_ping() {
  http_answers "http://$VERDACCIO_HOST:$VERDACCIO_PORT/-/ping"
}

# Sets started_pid like kafka_start.
verdaccio_start() {
  started_pid=
  if started_pid=$(live_pid verdaccio "$VERDACCIO_MARKER"); then return 0; fi
  started_pid=
  if verdaccio_ping; then
    say "verdaccio: something already answers on $VERDACCIO_HOST:$VERDACCIO_PORT (not started by services.sh); using it"
    return 0
  fi
  start_detached verdaccio node "$VERDACCIO_BIN" --config "$VERDACCIO_HOME/config.yaml" --listen "$VERDACCIO_HOST:$VERDACCIO_PORT"
  started_pid=$(cat "$(pid_file_of verdaccio)")
}

verdaccio_address() { printf '%s:%s' "$VERDACCIO_HOST" "$VERDACCIO_PORT"; }
