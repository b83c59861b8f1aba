#!/usr/bin/env bash
# Local real services for Wireup's integration tests and benchmarks, on loopback only:
#   kafka        Apache Kafka 4.x, KRaft, 127.0.0.1:9092 (controller 127.0.0.1:9093)
#   ferretdb     FerretDB 1.24 on SQLite, MongoDB wire protocol, 127.0.0.1:27017
#   postgresql   Debian's PostgreSQL, 127.0.0.1:55432 (for ferretdb-pg; not started unless named)
#   ferretdb-pg  FerretDB 1.24 on PostgreSQL, MongoDB wire protocol, 127.0.0.1:27018 (same; needs postgresql)
#   stripe-mock  Stripe's API mock, http 127.0.0.1:12111, https 127.0.0.1:12112
#   verdaccio    Verdaccio 6.8.0 npm registry (the marketplace), http 127.0.0.1:4874
#
# Usage: tools/services/services.sh up|down|status [service...] | list
# Installs what is missing into .cache/services/ (jars from Maven Central, Go modules from the
# proxy), starts what is not running, and waits until each answers its own protocol. Idempotent.
# With KAFKA_BROKERS or MONGODB_URL set, that service is not started; `up` only checks it answers.
# See tools/services/README.md.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LIB="$REPO_ROOT/tools/services/lib"
# shellcheck source=lib/common.sh
. "$LIB/common.sh"
. "$LIB/kafka.sh"
. "$LIB/ferretdb.sh"
. "$LIB/stripe-mock.sh"
. "$LIB/verdaccio.sh"
. "$LIB/postgresql.sh"

ALL_SERVICES=(kafka ferretdb stripe-mock verdaccio)
# Started only when named (`services.sh up postgresql ferretdb-pg`): the comparison of FerretDB's
# backends (docs/decisions.md, "Data path"); the tests use `ferretdb`.
OPTIONAL_SERVICES=(postgresql ferretdb-pg)

usage() {
  echo "usage: $(rel "$0") up|down|status [${ALL_SERVICES[*]} ...] | list" >&2
  exit 2
}

fn_of() { printf '%s' "${1//-/_}"; }
marker_of() { local v; v="$(fn_of "$1" | tr '[:lower:]' '[:upper:]')_MARKER"; printf '%s' "${!v}"; }

# The environment variable that points this service elsewhere, when it is set.
external_var() {
  case "$1" in
    kafka) [ -n "${KAFKA_BROKERS:-}" ] && echo KAFKA_BROKERS ;;
    ferretdb) [ -n "${MONGODB_URL:-}" ] && echo MONGODB_URL ;;
  esac
  return 0
}

cmd_up() {
  local began=$SECONDS svc var fn pid
  local -a local_svcs=() install_pids=()
  local -A started=()
  for svc in "$@"; do
    var=$(external_var "$svc")
    if [ -n "$var" ]; then
      "$(fn_of "$svc")_external_ping" || die "$svc: $var=${!var} does not answer"
      say "$svc: $var=${!var} answers; not starting a local one"
    else
      local_svcs+=("$svc")
    fi
  done
  [ "${#local_svcs[@]}" -gt 0 ] || return 0
  # Installs run side by side (Maven is mostly network, the Go builds mostly CPU).
  for svc in "${local_svcs[@]}"; do
    ( "$(fn_of "$svc")_install" ) &
    install_pids+=("$!")
  done
  for pid in "${install_pids[@]}"; do wait "$pid" || exit 1; done
  for svc in "${local_svcs[@]}"; do
    "$(fn_of "$svc")_start"
    started[$svc]=$started_pid
  done
  for svc in "${local_svcs[@]}"; do
    fn=$(fn_of "$svc")
    pid=${started[$svc]}
    [ -n "$pid" ] || continue
    wait_answering "$svc" "$pid" "$(marker_of "$svc")" "${fn}_ping"
    say "$svc: answering on $("${fn}_address") (pid $pid, log $(rel "$(log_of "$svc")"))"
  done
  say "up in $((SECONDS - began)) s"
}

cmd_down() {
  local svc pid
  for svc in "$@"; do
    if pid=$(live_pid "$svc" "$(marker_of "$svc")"); then
      stop_pid "$svc" "$pid"
      say "$svc: stopped (pid $pid)"
    else
      rm -f "$(pid_file_of "$svc")"
      say "$svc: not running (nothing started by services.sh)"
    fi
  done
}

# One line per service. Exit 0 when every service answers, 3 otherwise.
cmd_status() {
  local svc fn var pid all_ok=0
  for svc in "$@"; do
    fn=$(fn_of "$svc")
    var=$(external_var "$svc")
    if [ -n "$var" ]; then
      if "${fn}_external_ping"; then say "$svc: external ($var=${!var}), answering"
      else say "$svc: external ($var=${!var}), NOT answering"; all_ok=3; fi
    elif pid=$(live_pid "$svc" "$(marker_of "$svc")"); then
      if "${fn}_ping"; then say "$svc: running (pid $pid) on $("${fn}_address"), answering"
      else say "$svc: running (pid $pid) on $("${fn}_address"), NOT answering; see $(rel "$(log_of "$svc")")"; all_ok=3; fi
    elif "${fn}_ping"; then
      say "$svc: answering on $("${fn}_address") (not started by services.sh)"
    else
      say "$svc: stopped"; all_ok=3
    fi
  done
  return "$all_ok"
}

main() {
  [ $# -ge 1 ] || usage
  local cmd=$1 svc; shift
  if [ "$cmd" = list ]; then printf '%s\n' "${ALL_SERVICES[@]}"; return 0; fi
  [ $# -gt 0 ] || set -- "${ALL_SERVICES[@]}"
  for svc in "$@"; do
    case " ${ALL_SERVICES[*]} ${OPTIONAL_SERVICES[*]} " in *" $svc "*) ;; *) echo "services: unknown service '$svc'" >&2; usage ;; esac
  done
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) local -a reversed=(); for svc in "$@"; do reversed=("$svc" "${reversed[@]}"); done; cmd_down "${reversed[@]}" ;;
    status) cmd_status "$@" ;;
    *) usage ;;
  esac
}

main "$@"
