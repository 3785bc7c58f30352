# Sourced by setup-code-server.sh (and tested by test/unit/e2e-setup.test.ts).
#
# The nested installs must not see the environment of an outer `npm run` / `npm test`:
# npm reads every npm_config_* variable as configuration, so the outer npm's
# npm_config_user_agent ("… node/v20 …") reached code-server's postinstall check,
# which then refused Node 24 as "node v20". npm_execpath, npm_node_execpath, NODE,
# npm_lifecycle_* and npm_package_* are the outer run's too, and the outer npm puts
# node_modules/.bin folders and its node-gyp-bin on PATH. clean_env runs a command
# with none of that: a PATH of the system folders (plus what is given in $1) and only
# the variables a network install needs (home, locale, temp folder, CA and proxies).
clean_path() {
  local IFS=: out="" d
  for d in $PATH; do
    case "$d" in
      ""|*/node_modules/.bin|*/node_modules/.bin/|*node-gyp-bin*) continue ;;
    esac
    out="${out:+$out:}$d"
  done
  printf '%s' "$out"
}
clean_env() {
  local first_path="$1"; shift
  local keep=() v
  for v in HOME USER LOGNAME LANG LC_ALL TMPDIR TERM SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS \
           http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    if [ -n "${!v+x}" ]; then keep+=("$v=${!v}"); fi
  done
  env -i "${keep[@]}" PATH="${first_path:+$first_path:}$(clean_path)" "$@"
}
