#!/usr/bin/env bash
# What the task-pane tests need outside package.json: Debian's Chromium (driven by playwright-core for the
# browser test and the pane benchmark) and xmllint from libxml2-utils (validates manifest.xml against
# Microsoft's XSDs). Idempotent: installs only what is missing, runs `apt-get update` at most once, and says
# what it did.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-chromium: chromium and xmllint already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "ensure-chromium: missing ${missing[*]}; run as root or install them: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Other jobs on the machine may hold the dpkg lock; wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
echo "ensure-chromium: installing ${missing[*]} (apt-get update, then install)"
$sudo apt-get "${apt_opts[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"
echo "ensure-chromium: installed ${missing[*]}"
