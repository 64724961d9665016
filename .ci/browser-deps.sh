#!/usr/bin/env bash
# Install what the browser tests (tests/serve/test_browser_pages.py) need from Debian:
# Chromium, driven by Playwright's Python package through executable_path. Playwright
# never downloads a browser here. Idempotent: does nothing when /usr/bin/chromium exists.
# Called from .ci/run before the tests; safe to run by hand (needs root for apt-get).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "browser-deps: /usr/bin/chromium is already installed"
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "browser-deps: need root to apt-get install chromium (the browser tests will be skipped)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
