#!/usr/bin/env bash
# Installs code-server (real VS Code: web workbench + Node extension host) into a cache folder outside the clone,
# keyed by version, so repeated CI runs on one machine reuse it. Needs Debian ripgrep and libkrb5-dev (see .ci/run).
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${CACHELINT_E2E_CACHE:-$HOME/.cache/cachelint-e2e}"
DEST="$CACHE/code-server-$VERSION"
if [ -x "$DEST/node_modules/.bin/code-server" ]; then echo "$DEST"; exit 0; fi
mkdir -p "$DEST"
# @vscode/ripgrep downloads a prebuilt rg at install time; no route here, so pre-seed its cache with Debian's rg.
TMP_SEED="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$TMP_SEED"
if [ ! -f "$TMP_SEED/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  tmpd=$(mktemp -d); cp /usr/bin/rg "$tmpd/rg"
  tar -czf "$TMP_SEED/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmpd" rg; rm -rf "$tmpd"
fi
cd "$DEST"
[ -f package.json ] || echo '{"name":"cachelint-e2e-editor","private":true}' > package.json
npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" >&2
echo "$DEST"
