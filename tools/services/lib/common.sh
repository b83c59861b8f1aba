# Shared helpers for tools/services/services.sh: paths, pid files, protocol pings, waiting.
# Sourced, not run. Every service module (kafka.sh, ferretdb.sh, stripe-mock.sh) uses these.

SERVICES_CACHE="${WIREUP_SERVICES_CACHE:-$REPO_ROOT/.cache/services}"
SERVICES_BIN="$SERVICES_CACHE/bin"
SERVICES_RUN="$SERVICES_CACHE/run"
SERVICES_LOGS="$SERVICES_CACHE/logs"
# Seconds to wait for a started service to answer.
SERVICES_TIMEOUT="${WIREUP_SERVICES_TIMEOUT:-120}"

# The Go tools build with the machine's toolchain; nothing is fetched but modules from the proxy.
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

say() { printf 'services: %s\n' "$*"; }

# One line on stderr, then exit 1. Callers name the service and, where there is one, its log.
die() { printf 'services: %s\n' "$*" >&2; exit 1; }

# A path relative to the repository root, for short messages.
rel() { printf '%s' "${1#"$REPO_ROOT"/}"; }

log_of() { printf '%s/%s.log' "$SERVICES_LOGS" "$1"; }
pid_file_of() { printf '%s/%s.pid' "$SERVICES_RUN" "$1"; }

# Prints the pid of the service started by `up` when that process is still alive and is the
# one we started (its command line contains $2), so a recycled pid is never taken for ours.
live_pid() {
  local pid_file pid
  pid_file=$(pid_file_of "$1")
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2" || return 1
  printf '%s' "$pid"
}

# Starts "$@" detached (own session, no inherited stdio) with output to the service's log.
start_detached() {
  local name=$1; shift
  mkdir -p "$SERVICES_RUN" "$SERVICES_LOGS"
  rm -f "$(pid_file_of "$name")"
  # The child writes its own pid before exec, so the pid file is right even when setsid forks.
  setsid bash -c 'printf "%s" "$$" >"$0"; exec "$@"' "$(pid_file_of "$name")" "$@" \
    </dev/null >"$(log_of "$name")" 2>&1 &
  local i
  for i in $(seq 1 50); do [ -s "$(pid_file_of "$name")" ] && return 0; sleep 0.1; done
  die "$name could not be started; see $(rel "$(log_of "$name")")"
}

# Sends TERM, waits up to 30 s, then KILL. Removes the pid file.
stop_pid() {
  local name=$1 pid=$2 i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop within 30 s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file_of "$name")"
}

# Kafka ApiVersions v0 request; true when the broker answers with error code 0.
kafka_answers() {
  local host=$1 port=$2 reply
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00\x00\x00\x00\x01\x00\x02hc" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"' "$host" "$port" 2>/dev/null) || return 1
  # size(4) correlation id 1 (4) error code 0 (2)
  [ "${reply:8:12}" = "000000010000" ]
}

# MongoDB OP_MSG {ping: 1, $db: "admin"}; true when the reply holds ok: 1.0.
mongo_answers() {
  local host=$1 port=$2 reply
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00" >&3
    printf "\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    len=$(head -c 4 <&3 | od -An -tu4 | tr -d " ")
    [ -n "$len" ] && [ "$len" -gt 4 ] && [ "$len" -lt 65536 ] || exit 1
    head -c $((len - 4)) <&3 | od -An -tx1 | tr -d " \n"' "$host" "$port" 2>/dev/null) || return 1
  case "$reply" in *016f6b00000000000000f03f*) return 0 ;; *) return 1 ;; esac
}

# True when an HTTP GET answers 2xx.
http_answers() {
  curl -fsS -o /dev/null --max-time 3 "$@" 2>/dev/null
}

# wait_answering NAME PID MARKER PING_FN ARGS...: polls until PING_FN answers. Dies with one line
# naming the service and its log when the process exits or the timeout passes.
wait_answering() {
  local name=$1 pid=$2 marker=$3; shift 3
  local deadline=$((SECONDS + SERVICES_TIMEOUT)) log
  log=$(rel "$(log_of "$name")")
  while ! "$@"; do
    if ! live_pid "$name" "$marker" >/dev/null; then
      rm -f "$(pid_file_of "$name")"
      die "$name exited while starting (pid $pid); see $log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "$name did not answer within ${SERVICES_TIMEOUT} s (pid $pid still running); see $log"
    fi
    sleep 0.5
  done
}

# Runs an install step with its output in logs/install-NAME.log; dies with one line on failure.
run_install() {
  local name=$1; shift
  local log="$SERVICES_LOGS/install-$name.log"
  mkdir -p "$SERVICES_LOGS" "$SERVICES_BIN"
  if ! "$@" >"$log" 2>&1; then
    die "installing $name failed; see $(rel "$log")"
  fi
}
