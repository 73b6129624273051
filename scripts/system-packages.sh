#!/bin/sh
# Debian packages the tests need: chromium (browser tests, PDF), Noto fonts for the
# region's scripts, poppler-utils (pdftoppm/pdftotext to read PDFs back).
# gettext: msgfmt for `compilemessages` after editing ctip/locale (the .mo files are committed).
# default-jre-headless: ODK Validate (inside pyxform) checks the XLSForms in the tests.
set -eu
missing=""
for pkg in chromium fonts-noto-core poppler-utils gettext default-jre-headless; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
