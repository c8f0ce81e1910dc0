#!/bin/sh
# Installs the Debian packages the project needs when they are missing (run as root or with sudo).
set -e
need=""
python3 -c 'import venv, ensurepip' 2>/dev/null || need="$need python3-venv"
[ -z "$need" ] && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -q
$SUDO apt-get install -y -q $need
