#!/usr/bin/env bash
# Installs code-server (a real VS Code build from npm) into a cache folder outside the repo, once.
# Why a cache and not a dependency: it is 300 MB, needs native builds and one Node major exactly, and only the
# host/UI test suites and `npm start` use it. Recipe and pitfalls: ../shared/docs/real-vscode-offline.md.
# Prints the path of the code-server launcher on its last line.
set -euo pipefail
# The default is the current VS Code: code-server 4.139.1 = VS Code 1.139. CTI_CODE_SERVER_VERSION picks another
# build: 4.90.3 (= VS Code 1.90, the oldest engines.vscode claims), 4.100.3 (= 1.100).
version="${CTI_CODE_SERVER_VERSION:-4.139.1}"
cache="${CTI_CODE_SERVER_CACHE:-$HOME/.cache/cognito-token-inspector/code-server-$version}"
here="$(cd "$(dirname "$0")" && pwd)"

# Each code-server line runs on one Node major only (it refuses others at install): up to 4.103 on Node 20 (what
# CI machines have), 4.104 to 4.10x on 22, from 4.139 on 24. Another major comes from the npm registry.
minor="$(echo "$version" | cut -d. -f2)"
if [ "$minor" -ge 139 ]; then nodeMajor=24; elif [ "$minor" -ge 104 ]; then nodeMajor=22; else nodeMajor=20; fi
nodeDir=""
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$nodeMajor" ]; then
  nodeDir="$(bash "$here/ensure-node.sh" "$nodeMajor" | tail -n 1)"
  # The launcher below puts that Node first on PATH, so code-server and what it spawns run on it.
  bin="$cache/bin/code-server"
else
  bin="$cache/node_modules/.bin/code-server"
fi
if [ -x "$bin" ] && [ -f "$cache/.complete" ]; then echo "$bin"; exit 0; fi

need=()
for p in libkrb5-dev ripgrep chromium fonts-ipafont-gothic; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

# @vscode/ripgrep downloads rg from GitHub at install time; it looks in this cache first
# (1.15.11 in code-server 4.100.3, 1.15.9 in 4.90.3; both want the v13.0.0-10 release).
for rgversion in 1.15.11 1.15.9; do
  rgcache="$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-$rgversion"
  rgtar="$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$rgtar" ]; then
    tmp=$(mktemp -d); mkdir -p "$rgcache"; cp /usr/bin/rg "$tmp/rg"
    tar -czf "$rgtar" -C "$tmp" rg; rm -rf "$tmp"
  fi
done

# code-server 4.90.3's kerberos 2.0.1 predates Node 20.20's const napi_env finalizers: g++ rejects the
# pointer conversion unless told to be permissive (harmless here: the signatures differ only in const).
export CXXFLAGS="${CXXFLAGS:-} -fpermissive"

rm -rf "$cache"; mkdir -p "$cache"
echo "installing code-server@$version into $cache (2 to 4 minutes)" >&2
(
  if [ -n "$nodeDir" ]; then
    # npm itself then runs on that Node too (code-server's postinstall reads the major from npm's user agent),
    # and node-gyp builds the native modules against its headers, offline.
    export PATH="$nodeDir/bin:$PATH" npm_config_nodedir="$nodeDir"
  fi
  cd "$cache" && echo '{"name":"cti-code-server-cache","private":true}' > package.json &&
  npm_config_yes=true npm_config_unsafe_perm=true npm install --unsafe-perm --no-fund --no-audit \
    --loglevel=error "code-server@$version" >&2
)
if [ -n "$nodeDir" ]; then
  mkdir -p "$cache/bin"
  printf '#!/usr/bin/env bash\n# code-server %s on the Node it was built for.\nexport PATH="%s/bin:$PATH"\nexec "%s/bin/node" "%s/node_modules/code-server/out/node/entry.js" "$@"\n' \
    "$version" "$nodeDir" "$nodeDir" "$cache" > "$bin"
  chmod +x "$bin"
fi
touch "$cache/.complete"
echo "$bin"
