#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure with a clear banner.
# System deps → format → lint → typecheck → unit + server tests → test build of the extension → real-Chromium e2e
# → Firefox test build → real-Firefox e2e (and the Firefox package's lint).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
current_step=""

step() {
  current_step="$1"
  printf '\n\033[1m==> %s\033[0m\n' "$1"
}

on_exit() {
  local rc=$?
  local elapsed=$(( SECONDS - started ))
  if [ "$rc" -ne 0 ]; then
    printf '\n\033[1;31mFAILED at step: %s (exit %s, after %ss)\033[0m\n' "${current_step:-setup}" "$rc" "$elapsed" >&2
  else
    printf '\n\033[1;32mAll checks passed in %ss.\033[0m\n' "$elapsed"
  fi
}
trap on_exit EXIT

step "System dependencies (chromium, firefox-esr, xvfb, xdotool)"
bash scripts/ensure-system-deps.sh

step "Format (prettier --check)"
npm run --silent format:check

step "Lint (eslint)"
npm run --silent lint

step "Typecheck (tsc --noEmit)"
npm run --silent typecheck

step "Unit and server tests (vitest: unit, server)"
npx vitest run --project unit --project server

step "Build the test extension (VOCALID_BUILD=test wxt build)"
VOCALID_BUILD=test npx wxt build

step "End-to-end tests in real Chromium (vitest: e2e)"
npx vitest run --project e2e

step "Build the Firefox test extension (VOCALID_BUILD=test wxt build -b firefox)"
VOCALID_BUILD=test npx wxt build -b firefox

step "End-to-end tests in real Firefox ESR (vitest: e2e-firefox)"
npx vitest run --project e2e-firefox
