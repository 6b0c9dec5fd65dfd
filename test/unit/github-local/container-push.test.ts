import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';

interface Pkg {
  repository: { full_name: string } | null;
  visibility: string;
}
interface Version {
  name: string;
  metadata: { container: { tags: string[] } };
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const digestOf = (b: Buffer | string) => 'sha256:' + createHash('sha256').update(b).digest('hex');

describe('local GitHub: pushing to the container registry (OCI distribution)', () => {
  let gh: LocalGitHub;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
  });
  afterEach(() => gh.stop());

  const v2 = (path: string) => `http://${gh.registries.container}/v2/${path}`;
  async function registryToken(scopes: string[], token = gh.tokens.mona, user = 'mona'): Promise<string> {
    const q = scopes.map((s) => `scope=${encodeURIComponent(s)}`).join('&');
    const r = await fetch(`${gh.url}/token?${q}`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${user}:${token}`).toString('base64') },
    });
    return ((await r.json()) as { token: string }).token;
  }
  const pushToken = (image = 'mona/pushed', token?: string) => registryToken([`repository:${image}:pull,push`], token);
  const bearer = (t: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${t}`, ...extra });

  async function pushBlob(t: string, body: string, image = 'mona/pushed'): Promise<string> {
    const digest = digestOf(body);
    const r = await fetch(v2(`${image}/blobs/uploads/?digest=${encodeURIComponent(digest)}`), { method: 'POST', headers: bearer(t), body });
    assert.equal(r.status, 201);
    return digest;
  }
  async function pushImage(
    t: string,
    ref: string,
    text: string,
    image = 'mona/pushed',
    labels: Record<string, string> = {},
  ): Promise<{ digest: string; body: string }> {
    const layer = await pushBlob(t, text, image);
    const configBody = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: labels },
      rootfs: { type: 'layers', diff_ids: [layer] },
    });
    const config = await pushBlob(t, configBody, image);
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: configBody.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer, size: text.length }],
    });
    const r = await fetch(v2(`${image}/manifests/${ref}`), { method: 'PUT', headers: bearer(t, { 'content-type': OCI_MANIFEST }), body });
    assert.equal(r.status, 201, await r.text());
    assert.equal(r.headers.get('docker-content-digest'), digestOf(body));
    return { digest: digestOf(body), body };
  }
  const versions = async () =>
    (await call(gh.url, 'GET', '/user/packages/container/pushed/versions', { token: gh.tokens.mona })).body as Version[];

  it('a pushed image becomes a private container version with its tag, linked by its source label', async () => {
    const t = await pushToken();
    const { digest } = await pushImage(t, 'v1', 'layer one', 'mona/pushed', {
      'org.opencontainers.image.source': 'https://github.com/mona/hello-npm',
    });
    const pkg = (await call(gh.url, 'GET', '/user/packages/container/pushed', { token: gh.tokens.mona })).body as Pkg;
    assert.equal(pkg.visibility, 'private');
    assert.equal(pkg.repository?.full_name, 'mona/hello-npm');
    assert.deepEqual(
      (await versions()).map((v) => [v.name, v.metadata.container.tags]),
      [[digest, ['v1']]],
    );
    const pulled = await fetch(v2(`mona/pushed/manifests/v1`), { headers: bearer(t) });
    assert.equal(pulled.headers.get('docker-content-digest'), digest);
  });

  it('uploads a blob in chunks, refusing an out-of-order chunk (416) and a wrong digest (400)', async () => {
    const t = await pushToken();
    const started = await fetch(v2('mona/pushed/blobs/uploads/'), { method: 'POST', headers: bearer(t) });
    assert.equal(started.status, 202);
    const location = started.headers.get('location')!;
    const url = `http://${gh.registries.container}${location}`;
    const first = await fetch(url, { method: 'PATCH', headers: bearer(t, { 'content-range': '0-4' }), body: 'hello' });
    assert.equal(first.status, 202);
    assert.equal(first.headers.get('range'), '0-4');
    assert.equal((await fetch(url, { method: 'PATCH', headers: bearer(t, { 'content-range': '9-12' }), body: 'late' })).status, 416);
    const wrong = await fetch(`${url}?digest=${encodeURIComponent(digestOf('other'))}`, {
      method: 'PUT',
      headers: bearer(t),
      body: ' world',
    });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { errors: Array<{ code: string }> }).errors[0].code, 'DIGEST_INVALID');
    const again = await fetch(v2('mona/pushed/blobs/uploads/'), { method: 'POST', headers: bearer(t) });
    const url2 = `http://${gh.registries.container}${again.headers.get('location')!}`;
    await fetch(url2, { method: 'PATCH', headers: bearer(t), body: 'hello' });
    const done = await fetch(`${url2}?digest=${encodeURIComponent(digestOf('hello world'))}`, {
      method: 'PUT',
      headers: bearer(t),
      body: ' world',
    });
    assert.equal(done.status, 201);
    const blob = await fetch(`http://${gh.registries.container}${done.headers.get('location')!}`, { headers: bearer(t) });
    assert.equal(blob.status, 404, 'blobs are served per package, and mona/pushed has no version yet');
    assert.ok(gh.state.blobs.has(digestOf('hello world')));
  });

  it('mounts a blob from another repository the token may pull, and uploads otherwise', async () => {
    const seeded = [...gh.state.blobs.keys()][0];
    const t = await registryToken(['repository:mona/pushed:pull,push', 'repository:mona/app:pull']);
    const mounted = await fetch(v2(`mona/pushed/blobs/uploads/?mount=${encodeURIComponent(seeded)}&from=mona/app`), {
      method: 'POST',
      headers: bearer(t),
    });
    assert.equal(mounted.status, 201);
    assert.equal(mounted.headers.get('docker-content-digest'), seeded);
    const noScope = await pushToken();
    const fallback = await fetch(v2(`mona/pushed/blobs/uploads/?mount=${encodeURIComponent(seeded)}&from=mona/app`), {
      method: 'POST',
      headers: bearer(noScope),
    });
    assert.equal(fallback.status, 202);
  });

  it('pushing another manifest onto a tag moves the tag; the old version stays, untagged', async () => {
    const t = await pushToken();
    const first = await pushImage(t, 'latest', 'one');
    const second = await pushImage(t, 'latest', 'two');
    assert.deepEqual(
      (await versions()).map((v) => [v.name, v.metadata.container.tags]),
      [
        [second.digest, ['latest']],
        [first.digest, []],
      ],
    );
  });

  it('an index keeps its children, pushed first by digest, as untagged versions; an unknown child is refused', async () => {
    const t = await pushToken();
    const children = [];
    for (const arch of ['amd64', 'arm64']) {
      const layer = await pushBlob(t, `layer ${arch}`);
      const config = await pushBlob(t, `{"architecture":"${arch}","os":"linux"}`);
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 1 },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer, size: 1 }],
      });
      assert.equal(
        (
          await fetch(v2(`mona/pushed/manifests/${digestOf(body)}`), {
            method: 'PUT',
            headers: bearer(t, { 'content-type': OCI_MANIFEST }),
            body,
          })
        ).status,
        201,
      );
      children.push({ mediaType: OCI_MANIFEST, digest: digestOf(body), size: body.length, platform: { os: 'linux', architecture: arch } });
    }
    const unknown = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [...children, { ...children[0], digest: digestOf('nothing') }],
    });
    const refused = await fetch(v2('mona/pushed/manifests/v2'), {
      method: 'PUT',
      headers: bearer(t, { 'content-type': OCI_INDEX }),
      body: unknown,
    });
    assert.equal(refused.status, 400);
    const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: children });
    const mismatch = await fetch(v2(`mona/pushed/manifests/${digestOf('')}`), {
      method: 'PUT',
      headers: bearer(t, { 'content-type': OCI_INDEX }),
      body: index,
    });
    assert.equal(mismatch.status, 400, 'a digest reference must be the digest of the manifest');
    assert.equal(
      (await fetch(v2('mona/pushed/manifests/v2'), { method: 'PUT', headers: bearer(t, { 'content-type': OCI_INDEX }), body: index }))
        .status,
      201,
    );
    const listed = await versions();
    assert.deepEqual(listed.find((v) => v.name === digestOf(index))?.metadata.container.tags, ['v2']);
    assert.deepEqual(
      children.map((c) => listed.find((v) => v.name === c.digest)?.metadata.container.tags),
      [[], []],
    );
  });

  it('lists referrers of a digest (an attestation pushed with a subject), filtered by artifactType', async () => {
    const t = await pushToken();
    const image = await pushImage(t, 'v1', 'subject layer');
    const empty = await pushBlob(t, '{}');
    const statement = await pushBlob(t, '{"_type":"https://in-toto.io/Statement/v1"}');
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.in-toto+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty, size: 2 },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: statement, size: 1 }],
      subject: { mediaType: OCI_MANIFEST, digest: image.digest, size: image.body.length },
    });
    const put = await fetch(v2(`mona/pushed/manifests/${digestOf(body)}`), {
      method: 'PUT',
      headers: bearer(t, { 'content-type': OCI_MANIFEST }),
      body,
    });
    assert.equal(put.headers.get('oci-subject'), image.digest);
    const referrers = await fetch(v2(`mona/pushed/referrers/${image.digest}`), { headers: bearer(t) });
    assert.equal(referrers.headers.get('content-type'), OCI_INDEX);
    assert.deepEqual(
      ((await referrers.json()) as { manifests: Array<{ digest: string }> }).manifests.map((m) => m.digest),
      [digestOf(body)],
    );
    const filtered = await fetch(v2(`mona/pushed/referrers/${image.digest}?artifactType=application/spdx%2Bjson`), { headers: bearer(t) });
    assert.equal(filtered.headers.get('oci-filters-applied'), 'artifactType');
    assert.deepEqual(((await filtered.json()) as { manifests: unknown[] }).manifests, []);
  });

  it('asks for push scope (401 insufficient_scope) and refuses tokens that may not write (403 DENIED, in ghcr.io words)', async () => {
    const pullOnly = await registryToken(['repository:mona/pushed:pull']);
    const r = await fetch(v2('mona/pushed/blobs/uploads/'), { method: 'POST', headers: bearer(pullOnly) });
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate')!, /scope="repository:mona\/pushed:pull,push",error="insufficient_scope"/);
    const refusal = async (t: string, image = 'mona/pushed') => {
      const denied = await fetch(v2(`${image}/blobs/uploads/`), { method: 'POST', headers: bearer(t) });
      assert.equal(denied.status, 403);
      return ((await denied.json()) as { errors: Array<{ code: string; message: string }> }).errors[0];
    };
    assert.deepEqual(await refusal(await pushToken('mona/pushed', gh.tokens.monaRead)), {
      code: 'DENIED',
      message: 'permission_denied: The token provided does not match expected scopes.',
    });
    assert.deepEqual(await refusal(await registryToken(['repository:mona/pushed:pull,push'], gh.tokens.hubot, 'hubot')), {
      code: 'DENIED',
      message: 'permission_denied: write_package',
    });
  });

  it("refuses a member's push to an organization package not linked to a repository; admins and linked packages pass", async () => {
    const admin = await pushToken('octo-org/unlinked');
    await pushImage(admin, 'v1', 'by the admin', 'octo-org/unlinked');
    const member = await registryToken(['repository:octo-org/unlinked:pull,push'], gh.tokens.hubot, 'hubot');
    const denied = await fetch(v2('octo-org/unlinked/blobs/uploads/'), { method: 'POST', headers: bearer(member) });
    assert.equal(denied.status, 403);
    assert.equal(((await denied.json()) as { errors: Array<{ message: string }> }).errors[0].message, 'permission_denied: write_package');
    const linked = await registryToken(['repository:octo-org/tools/cli:pull,push'], gh.tokens.hubot, 'hubot');
    await pushImage(linked, 'member-build', 'by a member', 'octo-org/tools/cli');
    const fresh = await registryToken(['repository:octo-org/brand-new:pull,push'], gh.tokens.hubot, 'hubot');
    await pushImage(fresh, 'v1', 'new package', 'octo-org/brand-new');
    assert.ok(gh.state.findPackage('octo-org', 'container', 'brand-new'));
  });
});
