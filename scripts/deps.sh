#!/usr/bin/env bash
# Install the Debian packages named on the command line that are missing.
# Only as root (CI and fresh Debian machines); otherwise just report.
set -euo pipefail
missing=()
for p in "$@"; do
  # A tool already on PATH (e.g. npm shipped with the machine's Node.js)
  # counts as present even when Debian's package of that name is not.
  command -v "$p" >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "deps: missing Debian packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
