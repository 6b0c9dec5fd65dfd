import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { ContainerRegistryClient } from '../../../src/github/containerRegistry';
import { isGitHubError } from '../../../src/github/errors';
import { startLocal } from './local';

const EMPTY_INDEX = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  body: '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
};

describe('github/containerRegistry: moving a tag (the registry way to untag)', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  const client = (tokenName: string) =>
    new ContainerRegistryClient({
      registry: server.registries.container,
      token: async () => server.tokens[tokenName],
      username: () => 'mona',
    });

  it('moves a tag to a pushed empty index with a push token, leaving the image its other tags', async () => {
    const record = server.state.findPackage('mona', 'container', 'app')!;
    const image =
      server.state.listVersions(record).find((v) => v.tags.length > 1) ?? server.state.listVersions(record).find((v) => v.tags.length > 0)!;
    const [moving, ...others] = image.tags;
    const digest = await client('mona').putManifest('mona', 'app', moving, EMPTY_INDEX);
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(server.state.version(image.id)!.tags, others);
    const pushed = server.state.listVersions(record).find((v) => v.name === digest)!;
    assert.deepEqual(pushed.tags, [moving]);
  });

  it('says the token cannot push when it lacks write:packages, and moves nothing', async () => {
    const record = server.state.findPackage('mona', 'container', 'app')!;
    const image = server.state.listVersions(record).find((v) => v.tags.length > 0)!;
    const tags = [...image.tags];
    await assert.rejects(client('monaRead').putManifest('mona', 'app', tags[0], EMPTY_INDEX), (error: unknown) => isGitHubError(error));
    assert.deepEqual(server.state.version(image.id)!.tags, tags);
  });
});
