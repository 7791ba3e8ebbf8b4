#!/bin/sh
# Installs what the live-ingest test needs: Debian's nginx with the RTMP module, and ffmpeg to
# push a generated stream. Idempotent: does nothing when all three are present.
set -eu
have() { command -v "$1" >/dev/null 2>&1; }
rtmp_module() { ls /usr/lib/nginx/modules/ngx_rtmp_module.so >/dev/null 2>&1; }
if have nginx && have ffmpeg && rtmp_module; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends nginx libnginx-mod-rtmp ffmpeg >/dev/null
# The test runs its own nginx on free ports; the distribution's service is not needed.
if have systemctl; then $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true; fi
if [ -f /run/nginx.pid ]; then $SUDO nginx -s stop >/dev/null 2>&1 || true; fi
rtmp_module || { echo "libnginx-mod-rtmp did not install ngx_rtmp_module.so" >&2; exit 1; }
