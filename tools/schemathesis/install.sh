#!/usr/bin/env bash
# Installs schemathesis (pinned, from PyPI) into a venv under .cache/schemathesis/ and prints
# the path of its command. Idempotent and safe to run concurrently (a lock); the test that
# needs it (core/server/src/e2e/schemathesis.integration.test.ts) calls this script.
set -euo pipefail

VERSION=4.32.5
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR="$REPO_ROOT/.cache/schemathesis"
VENV="$DIR/venv-$VERSION"
BIN="$VENV/bin/schemathesis"

mkdir -p "$DIR"
exec 9>"$DIR/install.lock"
flock 9
# The marker is written last, so an interrupted install is redone rather than half used.
if [ ! -f "$VENV/.installed" ]; then
  command -v python3 >/dev/null || { echo "schemathesis: python3 is not installed" >&2; exit 1; }
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
  touch "$VENV/.installed"
fi
echo "$BIN"
