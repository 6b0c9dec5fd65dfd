// Runs the same integration suite under @vscode/test-electron, which downloads a desktop VS Code build.
// It needs the network; CI (offline) uses run-code-server.mjs instead.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { root } from '../../scripts/code-server.mjs';
import { buildIntegrationSuite } from './build.mjs';

async function main() {
  execFileSync(process.execPath, [join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  const { suitePath } = await buildIntegrationSuite();
  const workspace = join(mkdtempSync(join(tmpdir(), 'gp-electron-')), 'workspace');
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: suitePath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { GITHUB_PACKAGES_TOKEN: '' },
    });
  } catch (e) {
    const text = String(e?.message ?? e);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|Failed to get|download/i.test(text)) {
      console.error(
        `test:electron needs the network to download VS Code ${process.env.VSCODE_VERSION || '1.100.3'} and could not reach it (${text.split('\n')[0]}).`,
      );
      console.error('Run `npm test` instead: it runs the same suite inside code-server, offline.');
    } else {
      console.error(e);
    }
    process.exit(1);
  }
}

main();
