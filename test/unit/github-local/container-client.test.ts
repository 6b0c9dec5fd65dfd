import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';
import { listedPackage } from './listing';
import { writeOciLayout, type BuiltImage } from './oci-layout';
import { client, requireCommands, type RunResult } from './real-clients';

interface Version {
  name: string;
  metadata: { container: { tags: string[] } };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("local GitHub: skopeo pushes and pulls images, the same against the stand-in and Debian's docker-registry", function () {
  this.timeout(120_000);
  let gh: LocalGitHub;
  let dir: string;
  let reference: ChildProcess | undefined;
  let referenceHost: string;
  let image: BuiltImage;

  before(async function () {
    await requireCommands(this, [
      ['skopeo', 'skopeo'],
      ['docker-registry', 'docker-registry'],
    ]);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-oci-'));
    image = await writeOciLayout(join(dir, 'layout'), 'v1', {
      platforms: ['linux/amd64', 'linux/arm64'],
      source: 'https://github.com/mona/hello-npm',
    });
    referenceHost = `127.0.0.1:${await freePort()}`;
    await writeFile(
      join(dir, 'registry.yml'),
      `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'storage')}\nhttp:\n  addr: ${referenceHost}\n`,
    );
    reference = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`http://${referenceHost}/v2/`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    reference?.kill('SIGTERM');
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const targets = () => [
    { name: 'stand-in', host: gh.registries.container, creds: ['--creds', `mona:${gh.tokens.mona}`] },
    { name: 'docker-registry', host: referenceHost, creds: [] as string[] },
  ];
  const skopeo = (args: string[]): Promise<RunResult> => client('skopeo', ['--insecure-policy', ...args]);
  const withCreds = (flag: 'src' | 'dest' | '', creds: string[]) => (creds.length ? [flag ? `--${flag}-creds` : '--creds', creds[1]] : []);

  it('copy --all pushes a multi-arch OCI layout that inspect, list-tags and a pull read back byte for byte', async () => {
    const seen: Record<string, unknown> = {};
    for (const t of targets()) {
      const ref = `docker://${t.host}/mona/multi:v1`;
      const push = await skopeo(['copy', '--all', '--dest-tls-verify=false', ...withCreds('dest', t.creds), `oci:${image.dir}:v1`, ref]);
      assert.equal(push.code, 0, `${t.name}: ${push.stderr}`);
      const raw = await skopeo(['inspect', '--raw', '--tls-verify=false', ...withCreds('', t.creds), ref]);
      assert.equal(raw.code, 0, `${t.name}: ${raw.stderr}`);
      const tags = await skopeo(['list-tags', '--tls-verify=false', ...withCreds('', t.creds), `docker://${t.host}/mona/multi`]);
      const pulledDir = join(dir, `pulled-${t.name}`);
      const pull = await skopeo(['copy', '--all', '--src-tls-verify=false', ...withCreds('src', t.creds), ref, `oci:${pulledDir}:v1`]);
      assert.equal(pull.code, 0, `${t.name}: ${pull.stderr}`);
      const layers = await Promise.all(image.layers.map((d) => readFile(join(pulledDir, 'blobs/sha256', d.slice(7)))));
      seen[t.name] = {
        index: JSON.parse(raw.stdout) as unknown,
        tags: (JSON.parse(tags.stdout) as { Tags: string[] }).Tags,
        layers: layers.map((l) => l.toString('base64')),
      };
    }
    assert.deepEqual(seen['stand-in'], seen['docker-registry']);
    const originals = await Promise.all(image.layers.map((d) => readFile(join(image.dir, 'blobs/sha256', d.slice(7)))));
    assert.deepEqual(
      (seen['stand-in'] as { layers: string[] }).layers,
      originals.map((l) => l.toString('base64')),
    );
  });

  it('on the stand-in the push is a linked container package: the index tagged, its two children untagged', async () => {
    assert.equal((await listedPackage(gh, 'container', 'multi')).repository, 'mona/hello-npm');
    const versions = (await call(gh.url, 'GET', '/user/packages/container/multi/versions', { token: gh.tokens.mona })).body as Version[];
    const tags = Object.fromEntries(versions.map((v) => [v.name, v.metadata.container.tags]));
    assert.deepEqual(tags, { [image.digest]: ['v1'], [image.children[0]]: [], [image.children[1]]: [] });
  });

  it('copying another image onto the tag moves it on both registries, and the stand-in keeps the old index untagged', async () => {
    const next = await writeOciLayout(join(dir, 'layout2'), 'v1', { text: 'second' });
    for (const t of targets()) {
      const push = await skopeo([
        'copy',
        '--dest-tls-verify=false',
        ...withCreds('dest', t.creds),
        `oci:${next.dir}:v1`,
        `docker://${t.host}/mona/multi:v1`,
      ]);
      assert.equal(push.code, 0, `${t.name}: ${push.stderr}`);
      const digest = await skopeo([
        'inspect',
        '--tls-verify=false',
        '--format',
        '{{.Digest}}',
        ...withCreds('', t.creds),
        `docker://${t.host}/mona/multi:v1`,
      ]);
      assert.equal(digest.stdout.trim(), next.digest, t.name);
    }
    const versions = (await call(gh.url, 'GET', '/user/packages/container/multi/versions', { token: gh.tokens.mona })).body as Version[];
    assert.deepEqual(versions.find((v) => v.name === image.digest)?.metadata.container.tags, []);
  });

  it('skopeo reports a refusal when the token may not write to the owner', async () => {
    const r = await skopeo([
      'copy',
      '--dest-tls-verify=false',
      '--dest-creds',
      `hubot:${gh.tokens.hubot}`,
      `oci:${image.dir}:v1`,
      `docker://${gh.registries.container}/mona/intruded:v1`,
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /denied/);
    assert.equal(gh.state.findPackage('mona', 'container', 'intruded'), undefined);
  });
});
