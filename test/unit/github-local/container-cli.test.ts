import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { URI } from 'vscode-uri';
import { runProcess, type ProcessResult } from '../../../src/commands/runProcess';
import {
  authFilePath,
  credentialStoreText,
  hasLogin,
  loginStep,
  logoutStep,
  pullStep,
  tlsArgs,
  type CliEnvironment,
  type ContainerCli,
} from '../../../src/ecosystems/containerCli';
import { container } from '../../../src/ecosystems/container';
import { containerRefusalMessage } from '../../../src/ecosystems/containerRefusals';
import type { ManifestInfo, ProcessStep } from '../../../src/ecosystems/types';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';
import { listedPackage } from './listing';
import { writeOciLayout, type BuiltImage } from './oci-layout';
import { client, requireCommands } from './real-clients';

/** Runs one of the extension's steps as the commands do: arguments as an array, the token on stdin, output masked. */
function runStep(
  step: { command: string; args: string[]; stdin?: string },
  env: Record<string, string>,
  secrets: string[],
  cwd = tmpdir(),
): Promise<ProcessResult & { logged: string[] }> {
  const logged: string[] = [];
  const output = { info: (line: string) => logged.push(line) } as unknown as vscode.LogOutputChannel;
  const never = {
    isCancellationRequested: false,
    onCancellationRequested: () => ({ dispose() {} }),
  } as unknown as vscode.CancellationToken;
  return runProcess({ ...step, env, cwd }, secrets, output, never).then((r) => ({ ...r, logged }));
}

describe("local GitHub: the extension's podman login, pull and push steps against the stand-in", function () {
  this.timeout(180_000);
  let gh: LocalGitHub;
  let dir: string;
  let host: string;
  let image: BuiltImage;
  let env: Record<string, string>;
  let where: CliEnvironment;

  before(async function () {
    await requireCommands(this, [
      ['podman', 'podman'],
      ['skopeo', 'skopeo'],
    ]);
    gh = await start({ seed: 'small' });
    host = gh.registries.container;
    dir = await mkdtemp(join(tmpdir(), 'gp-podman-'));
    // podman's storage in the test folder (vfs works without overlay support); the extension's arguments stay as they are.
    await writeFile(
      join(dir, 'storage.conf'),
      `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'graph')}"\nrunroot = "${join(dir, 'run')}"\n`,
    );
    env = { CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'), XDG_RUNTIME_DIR: join(dir, 'xdg') };
    await mkdir(join(dir, 'xdg'), { mode: 0o700 });
    where = { home: dir, env, platform: 'linux', uid: process.getuid?.() };
    image = await writeOciLayout(join(dir, 'layout'), 'v1', { source: 'https://github.com/mona/hello-npm' });
    const push = await client('skopeo', [
      '--insecure-policy',
      'copy',
      '--dest-tls-verify=false',
      '--dest-creds',
      `mona:${gh.tokens.mona}`,
      `oci:${image.dir}:v1`,
      `docker://${host}/mona/pulled:v1`,
    ]);
    assert.equal(push.code, 0, push.stderr);
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const podman = (args: string[]) => client('podman', args, { env: { ...process.env, ...env } });
  const refusal = (stderr: string, action: 'login' | 'push' | 'pull', extra: object = {}) =>
    containerRefusalMessage(stderr, {
      cli: 'podman' as ContainerCli,
      host,
      action,
      viewer: 'hubot',
      organizations: ['octo-org'],
      ...extra,
    });

  it('logs in with the token on stdin only; auth.json is where the extension says, and no output shows the token', async () => {
    const login = await runStep(loginStep('podman', host, 'mona', gh.tokens.mona), env, [gh.tokens.mona]);
    assert.equal(login.code, 0, login.stderr);
    const file = authFilePath('podman', where);
    assert.equal(file, join(dir, 'xdg', 'containers', 'auth.json'));
    const auth = await readFile(file, 'utf8');
    assert.ok(hasLogin(auth, host), auth);
    assert.match(credentialStoreText('podman', host, where, auth), new RegExp(`podman keeps the token in ${file.replace(/[.]/g, '\\.')}`));
    assert.ok(!login.logged.join('\n').includes(gh.tokens.mona) && !login.stderr.includes(gh.tokens.mona));
    const whoami = await podman(['login', '--get-login', host]);
    assert.equal(whoami.stdout.trim(), 'mona');
  });

  it('pulls the pushed image by tag and by digest with the login', async () => {
    const byTag = await runStep(pullStep('podman', host, `${host}/mona/pulled:v1`), env, []);
    assert.equal(byTag.code, 0, byTag.stderr);
    const byDigest = await runStep(pullStep('podman', host, `${host}/mona/pulled@${image.digest}`), env, []);
    assert.equal(byDigest.code, 0, byDigest.stderr);
    const listed = await podman(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    assert.match(listed.stdout, new RegExp(`${host.replace(/[.]/g, '\\.')}/mona/pulled:v1`));
  });

  it('a missing tag is reported as not found, naming the image', async () => {
    const missing = await runStep(pullStep('podman', host, `${host}/mona/pulled:nope`), env, []);
    assert.notEqual(missing.code, 0);
    assert.match(refusal(missing.stderr, 'pull', { image: `${host}/mona/pulled:nope` })!, /mona\/pulled:nope was not found/);
  });

  it('a wrong token is refused at login with a message to sign in again', async () => {
    const wrong = await runStep(
      loginStep('podman', host, 'mona', 'gplocal_wrong'),
      { ...env, REGISTRY_AUTH_FILE: join(dir, 'other.json') },
      ['gplocal_wrong'],
    );
    assert.notEqual(wrong.code, 0);
    assert.match(refusal(wrong.stderr, 'login')!, /did not accept the token.*Sign in to GitHub Packages again/);
  });

  it("push refusals say what to do: no write:packages, someone else's namespace, an unlinked organization package", async () => {
    const pushAs = async (user: string, token: string, target: string) => {
      const authFile = join(dir, `${user}-${token.length}.json`);
      const own = { ...env, REGISTRY_AUTH_FILE: authFile };
      assert.equal((await runStep(loginStep('podman', host, user, token), own, [token])).code, 0);
      assert.equal((await podman(['tag', `${host}/mona/pulled:v1`, `${host}/${target}`])).code, 0);
      return runStep({ command: 'podman', args: ['push', ...tlsArgs('podman', host), `${host}/${target}`] }, own, [token]);
    };
    const readOnly = await pushAs('mona', gh.tokens.monaRead, 'mona/readonly:v1');
    assert.notEqual(readOnly.code, 0);
    assert.match(refusal(readOnly.stderr, 'push', { viewer: 'mona' })!, /lacks the write:packages scope/);

    const intruder = await pushAs('hubot', gh.tokens.hubot, 'mona/intruded:v1');
    assert.notEqual(intruder.code, 0);
    assert.match(
      refusal(intruder.stderr, 'push', { owner: 'mona', name: 'intruded' })!,
      /mona is neither you \(hubot\) nor an organization you belong to\. Name the image .*\/hubot\/intruded/,
    );

    assert.equal((await pushAs('mona', gh.tokens.mona, 'octo-org/unlinked:v1')).code, 0);
    const member = await pushAs('hubot', gh.tokens.hubot, 'octo-org/unlinked:v2');
    assert.notEqual(member.code, 0);
    assert.match(
      refusal(member.stderr, 'push', { owner: 'octo-org', name: 'unlinked', linkedRepository: null })!,
      /octo-org\/unlinked is not linked to a repository.*Ask an octo-org admin for Write access/,
    );
    assert.equal(gh.state.findPackage('mona', 'container', 'intruded'), undefined);
  });

  it("publishes with the extension's podman steps: login, build, push, logout; the version is listed with its tag and repository", async () => {
    const project = join(dir, 'project');
    await mkdir(project);
    await writeFile(join(project, 'hello.txt'), 'hello\n');
    const dockerfile = 'FROM scratch\nCOPY hello.txt /\nLABEL org.opencontainers.image.source="https://github.com/mona/hello-npm"\n';
    await writeFile(join(project, 'Dockerfile'), dockerfile);
    const manifest = URI.file(join(project, 'Dockerfile'));
    const info = container.parseManifest(dockerfile, manifest) as ManifestInfo;
    const steps = container.publishCommand({
      manifest,
      home: URI.file(dir),
      owner: 'mona',
      registryUrl: host,
      token: gh.tokens.mona,
      username: 'mona',
      info: { ...info, version: '1.0' },
      executable: 'podman',
    }) as ProcessStep[];
    const own = { ...env, REGISTRY_AUTH_FILE: join(dir, 'publish.json'), BUILDAH_ISOLATION: 'chroot' };
    for (const step of steps) {
      const r = await runStep(step, own, [gh.tokens.mona], step.cwd.fsPath);
      assert.equal(r.code, 0, `${step.title}: ${r.stderr}`);
      assert.ok(!r.logged.join('\n').includes(gh.tokens.mona));
    }
    assert.deepEqual(
      steps.map((step) => step.args[0]),
      ['login', 'build', 'push', 'logout'],
    );
    assert.equal((await listedPackage(gh, 'container', 'hello-npm')).repository, 'mona/hello-npm');
    const versions = await call(gh.url, 'GET', '/user/packages/container/hello-npm/versions', { token: gh.tokens.mona });
    const tags = (versions.body as Array<{ metadata: { container: { tags: string[] } } }>).flatMap((v) => v.metadata.container.tags);
    assert.deepEqual(tags, ['1.0']);
    assert.ok(!hasLogin(await readFile(join(dir, 'publish.json'), 'utf8'), host), 'signed out after the push');
  });

  it('logout removes the login from auth.json', async () => {
    const out = await runStep(logoutStep('podman', host), env, []);
    assert.equal(out.code, 0, out.stderr);
    assert.ok(!hasLogin(await readFile(authFilePath('podman', where), 'utf8').catch(() => undefined), host));
  });
});

describe("local GitHub: the extension's docker login step, which docker ≥ 27 runs without its daemon", function () {
  this.timeout(60_000);
  let gh: LocalGitHub;
  let dir: string;

  before(async function () {
    // Debian's docker.io (20.10) logs in through its daemon, so CI cannot install a client for this: skip without one.
    const version = await client('docker', ['version', '--format', '{{.Client.Version}}']);
    if (!/^(2[7-9]|[3-9]\d)\./.test(version.stdout.trim())) {
      console.log('      skipped: no docker CLI ≥ 27 on PATH (Debian docker.io 20.10 logs in only through a running daemon)');
      this.skip();
    }
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gp-docker-'));
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('logs in over stdin, stores base64 in config.json as the extension says, and a wrong token reads as one', async () => {
    const host = gh.registries.container;
    const env = { DOCKER_CONFIG: dir };
    const where: CliEnvironment = { home: '/nonexistent', env, platform: 'linux' };
    const login = await runStep(loginStep('docker', host, 'mona', gh.tokens.mona), env, [gh.tokens.mona]);
    assert.equal(login.code, 0, login.stderr);
    const config = await readFile(authFilePath('docker', where), 'utf8');
    assert.ok(hasLogin(config, host));
    assert.match(credentialStoreText('docker', host, where, config), /config\.json, base64-encoded, which is not encryption/);
    assert.ok(!login.logged.join('\n').includes(gh.tokens.mona));

    const wrong = await runStep(loginStep('docker', host, 'mona', 'gplocal_wrong'), env, ['gplocal_wrong']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /unauthorized/);
    assert.match(containerRefusalMessage(wrong.stderr, { cli: 'docker', host, action: 'login' })!, /did not accept the token/);

    // No daemon at this socket: the pull fails the way it does wherever Docker is installed but not started.
    const pull = await runStep(pullStep('docker', host, `${host}/mona/app:latest`), { ...env, DOCKER_HOST: `unix://${dir}/none.sock` }, []);
    assert.notEqual(pull.code, 0);
    assert.match(containerRefusalMessage(pull.stderr, { cli: 'docker', host, action: 'pull' })!, /daemon is not running/);
    assert.equal((await runStep(logoutStep('docker', host), env, [])).code, 0);
  });
});
