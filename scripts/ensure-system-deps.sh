#!/usr/bin/env bash
# Makes sure the system programs the e2e tests and `npm start` need are present:
# Chromium always; for the tests also Firefox ESR (the Firefox e2e files), Xvfb and xdotool (the real-keystroke test:
# headed Chromium on a virtual display).
# Quiet when everything is there. Installs with apt when root, else prints what to install and fails.
#
# Usage: scripts/ensure-system-deps.sh [--no-headed]   (--no-headed, for `npm start`: only Chromium is required)
set -euo pipefail

need_headed=1
for arg in "$@"; do
  case "$arg" in
    --no-headed) need_headed=0 ;;
    *) echo "ensure-system-deps: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

missing_pkgs=()
[ -x /usr/bin/chromium ] || missing_pkgs+=(chromium)
if [ "$need_headed" = 1 ]; then
  [ -x /usr/bin/firefox-esr ] || missing_pkgs+=(firefox-esr)
  command -v Xvfb >/dev/null 2>&1 || missing_pkgs+=(xvfb)
  command -v xdotool >/dev/null 2>&1 || missing_pkgs+=(xdotool)
fi

[ "${#missing_pkgs[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: installing ${missing_pkgs[*]} (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" >/dev/null
  # Re-check: a package with a different name on this distribution would otherwise pass silently.
  [ -x /usr/bin/chromium ] || { echo "ensure-system-deps: /usr/bin/chromium still missing after install" >&2; exit 1; }
  if [ "$need_headed" = 1 ]; then
    [ -x /usr/bin/firefox-esr ] || { echo "ensure-system-deps: /usr/bin/firefox-esr still missing after install" >&2; exit 1; }
    command -v Xvfb >/dev/null 2>&1 || { echo "ensure-system-deps: Xvfb still missing after install" >&2; exit 1; }
    command -v xdotool >/dev/null 2>&1 || { echo "ensure-system-deps: xdotool still missing after install" >&2; exit 1; }
  fi
  echo "ensure-system-deps: done."
  exit 0
fi

{
  echo "ensure-system-deps: missing system packages: ${missing_pkgs[*]}"
  echo "Install them (Debian/Ubuntu) with:"
  echo "  sudo apt-get update && sudo apt-get install -y ${missing_pkgs[*]}"
  echo "(Chromium must be at /usr/bin/chromium and Firefox ESR at /usr/bin/firefox-esr; Xvfb and xdotool drive the"
  echo " real-keystroke test.)"
} >&2
exit 1
