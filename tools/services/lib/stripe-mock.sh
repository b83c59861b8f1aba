# stripe-mock, Stripe's official API mock built from its OpenAPI spec. Sourced by services.sh.

STRIPE_MOCK_MODULE=github.com/stripe/stripe-mock
STRIPE_MOCK_HOST=127.0.0.1
STRIPE_MOCK_PORT=12111
STRIPE_MOCK_HTTPS_PORT=12112
STRIPE_MOCK_BIN="$SERVICES_BIN/stripe-mock"
STRIPE_MOCK_MARKER="$STRIPE_MOCK_BIN"

stripe_mock_build() {
  command -v go >/dev/null || { echo "go is not installed"; return 1; }
  GOBIN="$SERVICES_BIN" go install "$STRIPE_MOCK_MODULE@latest"
}

stripe_mock_install() {
  [ -x "$STRIPE_MOCK_BIN" ] && return 0
  run_install stripe-mock stripe_mock_build
}

stripe_mock_ping() {
  http_answers -H 'Authorization: Bearer sk_test_services' "http://$STRIPE_MOCK_HOST:$STRIPE_MOCK_PORT/v1/customers"
}

# Sets started_pid like kafka_start.
stripe_mock_start() {
  started_pid=
  if started_pid=$(live_pid stripe-mock "$STRIPE_MOCK_MARKER"); then return 0; fi
  started_pid=
  if stripe_mock_ping; then
    say "stripe-mock: something already answers on $STRIPE_MOCK_HOST:$STRIPE_MOCK_PORT (not started by services.sh); using it"
    return 0
  fi
  # -http-addr rather than -http-port: the latter binds every interface, and only loopback is wanted.
  start_detached stripe-mock "$STRIPE_MOCK_BIN" \
    -http-addr "$STRIPE_MOCK_HOST:$STRIPE_MOCK_PORT" -https-addr "$STRIPE_MOCK_HOST:$STRIPE_MOCK_HTTPS_PORT"
  started_pid=$(cat "$(pid_file_of stripe-mock)")
}

stripe_mock_address() { printf '%s:%s' "$STRIPE_MOCK_HOST" "$STRIPE_MOCK_PORT"; }
