#!/bin/sh
# Headless Chromium for the browser tests (tests/test_show_browser.py): Debian's package,
# installed only when missing and when we can (root with apt-get). Otherwise a note; the
# browser tests then skip with the reason (and fail under CI=true).
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (Debian package) for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
        || echo "note: could not install chromium; the browser tests will skip (or fail under CI=true)"
else
    echo "note: chromium not found and not root with apt-get; the browser tests will skip (install Debian's chromium)"
fi
exit 0
