#!/usr/bin/env bash
# `npm test`: every project's tests through Nx, with the real services they need.
# Brings up what is missing (Debian's chromium, then tools/services: Kafka, FerretDB, stripe-mock, …),
# runs the tests, and stops again only the services this run started. Idempotent: services that were
# already answering (started by hand, by a previous run, or external through KAFKA_BROKERS /
# MONGODB_URL) are used and left running. Exit status is the tests'.
# `npm run test:unit` runs the tests that need no service, for development.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_NO_CLOUD=true NX_TUI=false
: "${NX_DAEMON:=false}"; export NX_DAEMON

bash tools/chromium/install.sh

services=tools/services/services.sh
started=()
for svc in $(bash "$services" list); do
  bash "$services" status "$svc" >/dev/null 2>&1 || started+=("$svc")
done
stop_started() {
  if [ "${#started[@]}" -gt 0 ]; then
    echo "== stopping the services this run started: ${started[*]}"
    bash "$services" down "${started[@]}" || true
  fi
}
trap stop_started EXIT
echo "== services"
bash "$services" up

echo "== format (Prettier, .prettierrc.json; \`npm run format\` fixes it)"
npm run --silent format:check

echo "== tests"
# Nx ends a run with a performance report whose "Recommendation:" line advertises its paid
# distribution; the figures stay, the advert goes. pipefail keeps Nx's exit status.
npx nx run-many -t test --parallel=1 --outputStyle=stream "$@" | sed -u '/Recommendation: .*nx\.dev/d'
