import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';

interface Version {
  id: number;
  name: string;
  metadata: { container: { tags: string[] } };
}
interface IndexManifest {
  mediaType: string;
  manifests: Array<{
    digest: string;
    mediaType: string;
    platform: { os: string; architecture: string };
    annotations?: Record<string, string>;
  }>;
}

const INDEX = 'application/vnd.oci.image.index.v1+json';
const ACCEPT = [
  INDEX,
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

describe('local GitHub: container registry (OCI distribution subset)', () => {
  let gh: LocalGitHub;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
  });
  afterEach(() => gh.stop());

  async function registryToken(image: string, token?: string): Promise<string> {
    const headers: Record<string, string> = token ? { authorization: 'Basic ' + Buffer.from(`mona:${token}`).toString('base64') } : {};
    const r = await fetch(`${gh.url}/token?scope=repository:${image}:pull&service=${gh.registries.container}`, { headers });
    assert.equal(r.status, 200);
    return ((await r.json()) as { token: string }).token;
  }
  const manifest = (image: string, ref: string, token: string, method = 'GET') =>
    fetch(`http://${gh.registries.container}/v2/${image}/manifests/${ref}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: ACCEPT },
    });

  it('challenges unauthenticated /v2/ with a Bearer realm pointing at /token', async () => {
    const r = await fetch(`http://${gh.registries.container}/v2/`);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), `Bearer realm="${gh.url}/token",service="${gh.registries.container}"`);
    const ok = await fetch(`http://${gh.registries.container}/v2/`, {
      headers: { authorization: `Bearer ${await registryToken('mona/app', gh.tokens.mona)}` },
    });
    assert.equal(ok.status, 200);
    const bad = await fetch(`${gh.url}/token?scope=repository:mona/app:pull`, {
      headers: { authorization: 'Basic ' + Buffer.from('mona:gplocal_wrong').toString('base64') },
    });
    assert.equal(bad.status, 401);
  });

  it('serves a multi-arch index whose children and attestations are the untagged REST versions', async () => {
    const token = await registryToken('mona/app', gh.tokens.mona);
    const r = await manifest('mona/app', 'latest', token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), INDEX);
    const bytes = Buffer.from(await r.arrayBuffer());
    const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
    assert.equal(r.headers.get('docker-content-digest'), digest);
    const index = JSON.parse(bytes.toString()) as IndexManifest;
    const platforms = index.manifests.filter((m) => !m.annotations);
    const attestations = index.manifests.filter((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
    assert.deepEqual(
      platforms.map((m) => `${m.platform.os}/${m.platform.architecture}`),
      ['linux/amd64', 'linux/arm64'],
    );
    assert.equal(attestations.length, 2);
    assert.deepEqual(
      attestations.map((a) => a.annotations!['vnd.docker.reference.digest']),
      platforms.map((p) => p.digest),
    );

    const versions = (await call(gh.url, 'GET', '/users/mona/packages/container/app/versions', { token: gh.tokens.mona }))
      .body as Version[];
    const byName = new Map(versions.map((v) => [v.name, v]));
    assert.deepEqual(byName.get(digest)!.metadata.container.tags.sort(), ['1.0', 'latest']);
    for (const child of index.manifests) {
      assert.deepEqual(byName.get(child.digest)!.metadata.container.tags, [], 'children are untagged versions');
      const c = await manifest('mona/app', child.digest, token);
      assert.equal(c.status, 200);
      assert.equal(c.headers.get('docker-content-digest'), child.digest);
      assert.equal(
        'sha256:' +
          createHash('sha256')
            .update(Buffer.from(await c.arrayBuffer()))
            .digest('hex'),
        child.digest,
      );
    }
    const head = await manifest('mona/app', 'latest', token, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('docker-content-digest'), digest);
  });

  it('serves docker manifest lists, names with "/", and public images anonymously', async () => {
    const token = await registryToken('octo-org/tools/cli');
    const r = await manifest('octo-org/tools/cli', 'edge', token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/vnd.docker.distribution.manifest.list.v2+json');
    const single = await manifest('octo-org/tools/cli', 'stable', token);
    assert.equal(single.headers.get('content-type'), 'application/vnd.oci.image.manifest.v1+json');
    const tags = await fetch(`http://${gh.registries.container}/v2/octo-org/tools/cli/tags/list`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.deepEqual(((await tags.json()) as { tags: string[] }).tags, ['edge', 'stable']);
  });

  it('deleting an untagged child breaks the index (manifest unknown), as on ghcr.io', async () => {
    const versions = (await call(gh.url, 'GET', '/user/packages/container/app/versions', { token: gh.tokens.mona })).body as Version[];
    const token = await registryToken('mona/app', gh.tokens.mona);
    const index = (await (await manifest('mona/app', 'latest', token)).json()) as IndexManifest;
    const child = versions.find((v) => v.name === index.manifests[0].digest)!;
    assert.equal(
      (await call(gh.url, 'DELETE', `/user/packages/container/app/versions/${child.id}`, { token: gh.tokens.mona })).status,
      204,
    );
    const gone = await manifest('mona/app', child.name, token);
    assert.equal(gone.status, 404);
    assert.equal(((await gone.json()) as { errors: Array<{ code: string }> }).errors[0].code, 'MANIFEST_UNKNOWN');
  });

  it('denies private images to tokens that may not read them', async () => {
    const pkg = gh.state.findPackage('mona', 'container', 'app')!;
    gh.state.setVisibility(pkg, 'private');
    const anonymous = await registryToken('mona/app');
    assert.equal((await manifest('mona/app', 'latest', anonymous)).status, 403);
    const hubot = await registryToken('mona/app', gh.tokens.hubot);
    assert.equal((await manifest('mona/app', 'latest', hubot)).status, 403);
    const unauth = await fetch(`http://${gh.registries.container}/v2/mona/app/manifests/latest`);
    assert.equal(unauth.status, 401);
    assert.match(unauth.headers.get('www-authenticate')!, /scope="repository:mona\/app:pull"/);
  });
});
