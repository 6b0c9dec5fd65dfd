import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { writeOciLayout } from '../../unit/github-local/oci-layout';
import { driver } from './driver';
import { extensionApi, notificationsMatching, signedInSession, waitUntil } from './helpers';

const run = promisify(execFile);
const QUICK_INPUT = '.quick-input-widget';

describe('Containers: podman signs in to the registry, pulls an image into a Dockerfile and publishes one', function () {
  this.timeout(180_000);
  const session = signedInSession('small');
  const saved = { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR, CONTAINERS_STORAGE_CONF: process.env.CONTAINERS_STORAGE_CONF };
  let dir: string;
  let host: string;
  const settings = () => vscode.workspace.getConfiguration('githubPackages');

  before(async function () {
    const missing = await run('sh', ['-c', 'command -v podman && command -v skopeo']).then(
      () => false,
      () => true,
    );
    if (missing) {
      if (process.env.CI === 'true') throw new Error('missing real client: podman, skopeo (apt-get install podman skopeo)');
      console.log('      skipped: missing real client: podman, skopeo (apt-get install podman skopeo)');
      this.skip();
    }
    host = session.gh.registries.container;
    dir = await mkdtemp(join(tmpdir(), 'gp-containers-'));
    await mkdir(join(dir, 'xdg'), { mode: 0o700 });
    const storage = `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'graph')}"\nrunroot = "${join(dir, 'run')}"\n`;
    await writeFile(join(dir, 'storage.conf'), storage);
    // The extension runs podman with its own environment: point podman's logins and storage at this test's folder.
    process.env.XDG_RUNTIME_DIR = join(dir, 'xdg');
    process.env.CONTAINERS_STORAGE_CONF = join(dir, 'storage.conf');
    await settings().update('containerCli', 'podman', vscode.ConfigurationTarget.Global);
    const image = await writeOciLayout(join(dir, 'layout'), 'v1', { source: 'https://github.com/mona/hello-npm' });
    await run('skopeo', [
      '--insecure-policy',
      'copy',
      '--dest-tls-verify=false',
      '--dest-creds',
      `mona:${session.gh.tokens.mona}`,
      `oci:${image.dir}:v1`,
      `docker://${host}/mona/pulled:v1`,
    ]);
    await vscode.commands.executeCommand('githubPackages.refresh');
    const api = await extensionApi();
    await waitUntil(() => api.owners().some((o) => o.packages.some((p) => p.name === 'pulled')), 'mona/pulled listed');
  });
  after(async () => {
    await settings().update('containerCli', undefined, vscode.ConfigurationTarget.Global);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Log In to the Container Registry signs podman in with the token on stdin and says where auth.json is', async () => {
    await vscode.commands.executeCommand('githubPackages.containerLogin');
    const authFile = join(dir, 'xdg', 'containers', 'auth.json');
    const [message] = await notificationsMatching(/^podman is signed in to /);
    assert.ok(message.includes(`podman is signed in to ${host}.`), message);
    assert.ok(message.includes(`podman keeps the token in ${authFile}, base64-encoded, which is not encryption`), message);
    const auth = JSON.parse(await readFile(authFile, 'utf8')) as { auths: Record<string, { auth: string }> };
    assert.strictEqual(Buffer.from(auth.auths[host].auth, 'base64').toString(), `mona:${session.gh.tokens.mona}`);
  });

  it('Install into Project on a Dockerfile shows the FROM edit, makes it, and pulls the image with podman', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dockerfile = vscode.Uri.joinPath(folder, 'image', 'Dockerfile');
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode('FROM --platform=linux/amd64 alpine:3 AS base\nRUN true\n'));
    try {
      const running = vscode.commands.executeCommand('githubPackages.install', dockerfile);
      await driver.waitFor(`${QUICK_INPUT} .quick-input-title`, { text: 'Install which package' });
      await driver.type('pulled');
      await driver.press('Enter');
      await running;
      const reference = `${host}/mona/pulled:v1`;
      assert.strictEqual(
        session.questions.at(-1),
        `Point image/Dockerfile at ${reference}?\nLine 1:\nFROM --platform=linux/amd64 alpine:3 AS base\nbecomes\nFROM --platform=linux/amd64 ${reference} AS base`,
      );
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile));
      assert.strictEqual(text, `FROM --platform=linux/amd64 ${reference} AS base\nRUN true\n`);
      await notificationsMatching(
        new RegExp(`^image/Dockerfile now starts FROM ${reference.replace(/[.]/g, '\\.')}\\. Pulled .* with podman\\.$`),
      );
      const images = await run('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { env: process.env });
      assert.ok(images.stdout.split('\n').includes(reference), images.stdout);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'image'), { recursive: true });
    }
  });
  it('Publish on a Dockerfile builds and pushes with podman, keeps the login made before, and lists the image with its tag', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const project = vscode.Uri.joinPath(folder, 'image-publish');
    const dockerfile = vscode.Uri.joinPath(project, 'Dockerfile');
    const encode = (text: string) => new TextEncoder().encode(text);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(project, 'hello.txt'), encode('hello\n'));
    await vscode.workspace.fs.writeFile(
      dockerfile,
      encode(
        'FROM scratch\nCOPY hello.txt /\nLABEL org.opencontainers.image.source="https://github.com/mona/hello-npm" org.opencontainers.image.version=2.0\n',
      ),
    );
    // podman build without a container runtime daemon: chroot isolation, as root here.
    process.env.BUILDAH_ISOLATION = 'chroot';
    try {
      await vscode.commands.executeCommand('githubPackages.publish', dockerfile);
      const asked = session.questions.at(-1)!;
      assert.match(asked, /^Publish hello-npm 2\.0 to GitHub Packages as mona\?/);
      assert.ok(asked.includes(`Run: podman login --tls-verify=false ${host} --username mona --password-stdin`), asked);
      assert.ok(asked.includes(`Run: podman push --tls-verify=false ${host}/mona/hello-npm:2.0`), asked);
      assert.ok(!asked.includes(session.gh.tokens.mona), 'no token in the confirmation');
      const published = session.gh.state.findPackage('mona', 'container', 'hello-npm');
      assert.ok(published, 'the image exists on the server');
      assert.deepStrictEqual(
        session.gh.state.listVersions(published).flatMap((v) => v.tags),
        ['2.0'],
      );
      assert.strictEqual(published.repository, 'mona/hello-npm', 'linked through the source label');
      const api = await extensionApi();
      assert.ok(
        api
          .registry()
          .getPackages('mona')!
          .some((pkg) => pkg.name === 'hello-npm' && pkg.packageType === 'container'),
        'listed without a refresh',
      );
      // The login from the first test was there before the push, so it is kept.
      const auth = JSON.parse(await readFile(join(dir, 'xdg', 'containers', 'auth.json'), 'utf8')) as { auths: Record<string, unknown> };
      assert.ok(auth.auths[host], 'the earlier login stays');
    } finally {
      delete process.env.BUILDAH_ISOLATION;
      await vscode.workspace.fs.delete(project, { recursive: true });
    }
  });
});
