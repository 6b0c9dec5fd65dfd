// Starts the code-server installed by install-code-server.sh on 127.0.0.1 and resolves once it answers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerEntry = join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');

export function ensureCodeServer() {
  execFileSync('bash', [join(root, 'scripts/install-code-server.sh')], { stdio: 'inherit' });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Packages the extension as dist/github-packages.vsix and installs it into `extensionsDir` with code-server's
 * `--install-extension`, as a user would. Returns code-server's output; throws when it did not install.
 */
export function installPackagedExtension({ extensionsDir, userDataDir }) {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(root, 'dist/github-packages.vsix');
  const output = execFileSync(
    process.execPath,
    [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!/successfully installed/i.test(output)) throw new Error(`installing ${vsix} failed:\n${output}`);
  return output;
}

/** Headless Chromium (Debian's, or CHROMIUM_PATH) with nothing of its own reaching the network. */
export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', ...extraArgs],
  });
}

/** Writes VS Code user settings into a fresh user-data-dir so no dialog or tour blocks the window. */
export function prepareUserData(userDataDir, settings = {}, keybindings = []) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  if (keybindings.length > 0) writeFileSync(join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(keybindings, null, 2));
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        ...settings,
      },
      null,
      2,
    ),
  );
}

/**
 * Starts code-server on 127.0.0.1. `password` turns on code-server's password login (the demo: anyone who can reach
 * the port would otherwise get a shell and the token); the test runners, which own the machine, leave it off.
 */
export async function startCodeServer({ port, userDataDir, extensionsDir, env = {}, quiet = true, password }) {
  port ??= await freePort();
  const args = [
    codeServerEntry,
    '--auth',
    password ? 'password' : 'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, ...(password ? { PASSWORD: password } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (!quiet) process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    pid: child.pid,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
