#!/bin/sh
# Installs what the e2e suite (npm run test:e2e) needs from Debian, when missing:
#   - chromium        -> /usr/bin/chromium, driven by playwright-core
#   - fonts-noto-cjk  -> Chinese glyphs, so pages and screenshots do not show boxes
# Idempotent and silent when everything is present. Needs root (or sudo) and apt.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing="$missing fonts-noto-cjk"
[ -n "$missing" ] || exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "ensure-chromium: root needed to install:$missing" >&2; exit 1; }
  SUDO="sudo"
fi

echo "ensure-chromium: installing$missing" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
apt="$SUDO env DEBIAN_FRONTEND=noninteractive apt-get"
# shellcheck disable=SC2086  # $missing is a list of package names
if ! { $apt update && $apt install -y --no-install-recommends $missing; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: apt-get failed" >&2
  exit 1
fi

[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing after install" >&2; exit 1; }
