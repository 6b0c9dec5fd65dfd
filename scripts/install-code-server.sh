#!/usr/bin/env bash
# Installs code-server 4.100.3 (a real VS Code 1.100 server) into .vscode-test/code-server without any
# download but the npm registry: its own postinstall fetches ripgrep from GitHub, so we do its steps by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.vscode-test/code-server
cs=$dest/node_modules/code-server
if [ -f "$dest/.installed" ]; then exit 0; fi
for tool in rg pkg-config; do
  command -v "$tool" >/dev/null || { echo "install-code-server: missing $tool (apt-get install ripgrep pkg-config libkrb5-dev)" >&2; exit 1; }
done
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{"name":"code-server-host","private":true}' > "$dest/package.json"
echo "install-code-server: fetching code-server@4.100.3 (scripts off)"
npm install --prefix "$dest" --no-save --ignore-scripts --no-package-lock code-server@4.100.3 >/dev/null
echo "install-code-server: installing VS Code's own dependencies"
(cd "$cs/lib/vscode" && npm install --omit=dev --ignore-scripts --no-package-lock >/dev/null)
(cd "$cs/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-package-lock >/dev/null)
mkdir -p "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
echo "install-code-server: building native modules"
(cd "$cs/lib/vscode" && npm rebuild @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty >/dev/null)
(cd "$dest" && npm rebuild argon2 >/dev/null)
(cd "$cs/lib/vscode" && rm -rf node_modules.asar && ln -s node_modules node_modules.asar)
(cd "$cs/lib/vscode/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$cs/lib/vscode/bin/helpers" && ln -sf browser-linux.sh browser.sh)
touch "$dest/.installed"
echo "install-code-server: ready at $cs"
