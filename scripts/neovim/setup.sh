#!/usr/bin/env bash
# Installs Neovim (Debian's package) for test/neovim. Idempotent: does nothing when it is installed.
# Needs root (or sudo) and the Debian archive; prints the version it leaves.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if ! dpkg -s neovim >/dev/null 2>&1; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends neovim
fi
nvim --version | head -n 1
