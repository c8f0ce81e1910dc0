#!/bin/sh
# Installs the Debian/Ubuntu packages the project needs when they are missing.
# Usage: scripts/system-packages.sh [extra packages]. Without apt (Windows, macOS) it does
# nothing: there the Python wheels bring what Qt needs.
set -e
command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || exit 0
# python3-venv: the virtual environment; poppler-utils: pdftoppm, which tests and
# `make screenshots` use to render the paper sheets; iproute2: `ip netns` for the sync test
# across network namespaces (run as root); the rest: what Qt's widgets load.
wanted="python3-venv poppler-utils iproute2 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
libdbus-1-3 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 $*"
missing=""
for package in $wanted; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "Installing system packages:$missing"
$SUDO apt-get update -q
$SUDO apt-get install -y -q $missing
