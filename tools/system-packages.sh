#!/usr/bin/env bash
# Installs the Debian packages Madoguchi needs, only when one is missing (idempotent).
set -euo pipefail
packages=(
  fonts-ipafont-gothic fonts-ipafont-mincho   # Japanese in request-form PDFs
  fonts-noto-cjk                              # simplified Chinese (PIPL customers' names, addresses) the IPA fonts lack
  libpango-1.0-0 libpangoft2-1.0-0            # WeasyPrint
  dovecot-imapd                               # the real IMAP server the mail tests run against
  chromium chromium-driver                    # headless browser tests (Playwright drives it, never downloads one)
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
