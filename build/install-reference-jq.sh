#!/usr/bin/env bash
# Installs the reference jq for recording the jq differential cases: jq 1.7.1
# from Debian trixie (the release jq-web 0.6.2 is built from), run with trixie's
# own glibc because bookworm's is too old for it. Only `npm run record -- jq...`
# needs it; the recorded fixtures are committed. Needs root and Debian's archive.
#
#   bash build/install-reference-jq.sh      # then: jq --version  ->  jq-1.7
#
# Debian's 1.7.1 build calls itself "jq-1.7" (see test/known-differences.txt).
set -euo pipefail
prefix=/opt/jq-1.7.1
work=$(mktemp -d)
trap 'rm -rf "$work" /etc/apt/sources.list.d/zz-jq-trixie.sources /etc/apt/preferences.d/zz-jq-trixie; apt-get update -qq || true' EXIT

cat > /etc/apt/sources.list.d/zz-jq-trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# Pinned low: nothing from trixie is ever installed, only downloaded here.
cat > /etc/apt/preferences.d/zz-jq-trixie <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 50
PIN
apt-get update -qq
(cd "$work" && apt-get download -qq jq/trixie libjq1/trixie libonig5/trixie libc6/trixie 2>/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

rm -rf "$prefix"
mkdir -p "$prefix"
cp -a "$work/root/usr/bin/jq" "$prefix/jq.bin"
cp -a "$work/root/usr/lib/x86_64-linux-gnu" "$prefix/lib"
cat > "$prefix/jq" <<'WRAP'
#!/bin/sh
# jq 1.7.1 from Debian trixie, run with trixie's own glibc (bookworm's is too old).
exec /opt/jq-1.7.1/lib/ld-linux-x86-64.so.2 --library-path /opt/jq-1.7.1/lib --argv0 jq /opt/jq-1.7.1/jq.bin "$@"
WRAP
chmod 755 "$prefix/jq"
ln -sf "$prefix/jq" /usr/local/bin/jq
/usr/local/bin/jq --version
