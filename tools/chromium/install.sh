#!/bin/sh
# Installs Debian's chromium (at /usr/bin/chromium) for the browser tests, which drive it with
# playwright-core. `npx playwright install` cannot download here, so the distribution's build is used.
# Idempotent: does nothing when /usr/bin/chromium already exists. Needs root (CI and sessions run as root).
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
