#!/bin/sh
# Ensure Debian's Chromium (for the e2e suite) and CJK fonts (so Chinese text renders
# in screenshots) are installed. Idempotent; prints nothing when everything is present.
# Needs root (or sudo) and Debian's package mirrors.
set -eu

need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
# fonts-noto-cjk provides the Chinese glyphs; without it 中文 renders as boxes.
if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' && [ ! -d /usr/share/fonts/opentype/noto ]; then
  need="$need fonts-noto-cjk"
fi
[ -n "$need" ] || exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: need root to install:$need" >&2; exit 1
  fi
fi

echo "ensure-chromium: installing$need" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null

[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing" >&2; exit 1; }
