#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, where it is missing: Chromium (the HTML reports are
# checked in a real browser) and python3-nbformat (executed notebooks are validated against nbformat 4).
# Idempotent: installs nothing when both are present. Run by the test project's build on Linux; on other
# systems (or without root and apt-get) it prints the exact command instead of failing the build, and the
# browser tests then fail with the same message.
set -euo pipefail
need=()
if [ -z "${NEUROKIT_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && ! command -v google-chrome >/dev/null 2>&1; then
    need+=(chromium)
fi
if ! /usr/bin/python3 -c 'import nbformat' >/dev/null 2>&1; then
    need+=(python3-nbformat)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "neurokit: installing test prerequisites: ${need[*]} (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
    echo "neurokit: warning: the tests need ${need[*]}; install with: sudo apt-get install ${need[*]}" >&2
fi
