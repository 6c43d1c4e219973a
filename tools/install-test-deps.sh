#!/usr/bin/env bash
# System packages the test suite needs that pip cannot give: Debian's chromium, which the
# browser tests (tests/test_web*.py) drive through Playwright. Run by the README's test
# command and so by .ci/run; does nothing when chromium is already there.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi
