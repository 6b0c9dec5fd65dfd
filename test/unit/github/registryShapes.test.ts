import * as assert from 'node:assert/strict';
import { isIndex, MANIFEST_MEDIA_TYPES, mayBeIndex, parseChallenge, registryOrigin } from '../../../src/github/containerRegistry';

describe('github/containerRegistry: manifests, origins and challenges as registries send them', () => {
  it('takes a manifest as an index when it lists children or says it is one, whatever else it claims', () => {
    const child = { mediaType: MANIFEST_MEDIA_TYPES.ociManifest, digest: `sha256:${'a'.repeat(64)}`, size: 1 };
    assert.equal(isIndex({ mediaType: MANIFEST_MEDIA_TYPES.ociManifest, manifests: [child] }), true);
    assert.equal(isIndex({ mediaType: MANIFEST_MEDIA_TYPES.ociIndex, manifests: [] }), true);
    assert.equal(isIndex({ mediaType: MANIFEST_MEDIA_TYPES.dockerList, manifests: [] }), true);
    assert.equal(isIndex({ mediaType: MANIFEST_MEDIA_TYPES.ociManifest, manifests: [] }), false);
    assert.equal(isIndex({ mediaType: MANIFEST_MEDIA_TYPES.dockerManifest, manifests: [] }), false);
  });

  it('reads a child of unknown media type as a possible index, and only image manifests as images', () => {
    assert.equal(mayBeIndex(MANIFEST_MEDIA_TYPES.ociManifest), false);
    assert.equal(mayBeIndex(MANIFEST_MEDIA_TYPES.dockerManifest), false);
    assert.equal(mayBeIndex(MANIFEST_MEDIA_TYPES.ociIndex), true);
    assert.equal(mayBeIndex(undefined), true);
    assert.equal(mayBeIndex('application/vnd.example+json'), true);
  });

  it('uses https for a registry host unless it is this machine or the setting names a scheme', () => {
    assert.equal(registryOrigin(' ghcr.io/ '), 'https://ghcr.io');
    assert.equal(registryOrigin('ghcr.io//'), 'https://ghcr.io');
    assert.equal(registryOrigin('127.0.0.1:5000/v2'), 'http://127.0.0.1:5000');
    assert.equal(registryOrigin('HTTP://registry.example:5000/'), 'HTTP://registry.example:5000');
    assert.equal(registryOrigin('containers.example/https://x'), 'https://containers.example');
  });

  it('reads a Bearer challenge’s parameters, and nothing from another scheme', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/a:pull"'), {
      realm: 'https://ghcr.io/token',
      service: 'ghcr.io',
      scope: 'repository:o/a:pull',
    });
    assert.deepEqual(parseChallenge('bearer realm="https://r/token"'), { realm: 'https://r/token' });
    assert.deepEqual(parseChallenge('Basic realm="registry"'), {});
    assert.deepEqual(parseChallenge('xBearer realm="https://evil/token"'), {});
    assert.deepEqual(parseChallenge(null), {});
    assert.deepEqual(parseChallenge(''), {});
  });
});
