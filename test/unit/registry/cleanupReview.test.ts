import * as assert from 'node:assert/strict';
import type { Package } from '../../../src/github/types';
import { reviewEntries, reviewTitle, type PackagePlan } from '../../../src/registry/cleanupReview';
import { planDeletion, versionLabel } from '../../../src/registry/deletePlan';
import { inUseMatcher, referencesIn } from '../../../src/registry/inUse';
import type { ManifestGraph } from '../../../src/registry/multiArchGuard';
import { selectForCleanup } from '../../../src/registry/retention';
import { formatBytes, freedBytes, readBlobIndex, type BlobIndex } from '../../../src/registry/storage';
import { aged, digest, NOW } from './fixtures';

function pkg(name: string, packageType: Package['packageType'] = 'container'): Package {
  return {
    id: 1,
    name,
    packageType,
    visibility: 'private',
    htmlUrl: '',
    versionCount: 0,
    owner: { login: 'octo-org', type: 'Organization' },
    repository: null,
    createdAt: '',
    updatedAt: '',
  };
}

describe('registry/inUse: versions the workspace refers to', () => {
  it('finds images by tag and by digest in Dockerfiles, compose, Kubernetes and workflow YAML, on the registry host only', () => {
    const dockerfile = 'FROM ghcr.io/octo-org/app:v1 AS build\nFROM docker.io/library/node:20\n';
    const k8s = `spec:\n  containers:\n    - image: "ghcr.io/Octo-Org/api/web@${digest('c')}"\n    - image: ghcr.io/octo-org/app\n`;
    const refs = [...referencesIn('Dockerfile', dockerfile, ['ghcr.io']), ...referencesIn('deploy/k8s.yaml', k8s, ['ghcr.io'])];
    assert.deepEqual(refs, [
      { kind: 'container', owner: 'octo-org', name: 'app', tag: 'v1', digest: undefined, where: 'Dockerfile:1' },
      { kind: 'container', owner: 'Octo-Org', name: 'api/web', tag: undefined, digest: digest('c'), where: 'deploy/k8s.yaml:3' },
    ]);
    const app = inUseMatcher(refs, { owner: 'octo-org', name: 'app', packageType: 'container' });
    assert.equal(app(aged(1, digest('a'), 3, ['v1', 'stable'])), 'v1 in Dockerfile:1');
    assert.equal(app(aged(2, digest('b'), 3, ['v2'])), undefined);
    const web = inUseMatcher(refs, { owner: 'octo-org', name: 'api/web', packageType: 'container' });
    assert.match(web(aged(3, digest('c'), 3)) ?? '', /^sha256:cccc.* in deploy\/k8s.yaml:3$/);
  });

  it('finds an image Helm values name in a repository key and a sibling tag key', () => {
    const values = 'image:\n  repository: ghcr.io/octo-org/app\n  pullPolicy: IfNotPresent\n  tag: "2.0"\nother:\n  tag: nope\n';
    const refs = referencesIn('chart/values.yaml', values, ['ghcr.io']);
    assert.deepEqual(refs, [
      { kind: 'container', owner: 'octo-org', name: 'app', tag: '2.0', digest: undefined, where: 'chart/values.yaml:2' },
    ]);
    assert.deepEqual(referencesIn('chart/values.yaml', 'image:\n  repository: ghcr.io/octo-org/app\n', ['ghcr.io']), []);
  });

  it('finds package versions in package-lock.json, pom.xml, *.csproj and Gemfile.lock', () => {
    const lock = JSON.stringify({
      packages: { '': {}, 'node_modules/@octo-org/ui': { version: '1.2.0' }, 'node_modules/left-pad': { version: '1.0.0' } },
    });
    const pom =
      '<project><dependencies><dependency><groupId>com.octo</groupId><artifactId>core</artifactId><version>2.1.0</version></dependency></dependencies></project>';
    const csproj = '<Project><ItemGroup><PackageReference Include="Octo.Client" Version="3.0.1" /></ItemGroup></Project>';
    const gems = 'GEM\n  specs:\n    octo-gem (0.4.2)\n      rack (>= 2)\n';
    const refs = [
      ...referencesIn('web/package-lock.json', lock, []),
      ...referencesIn('pom.xml', pom, []),
      ...referencesIn('src/App.csproj', csproj, []),
      ...referencesIn('Gemfile.lock', gems, []),
    ];
    assert.equal(
      inUseMatcher(refs, { owner: 'octo-org', name: 'ui', packageType: 'npm' })(aged(1, '1.2.0', 1)),
      'in web/package-lock.json',
    );
    assert.equal(inUseMatcher(refs, { owner: 'octo-org', name: 'ui', packageType: 'npm' })(aged(2, '1.1.0', 1)), undefined);
    assert.equal(
      inUseMatcher(refs, { owner: 'octo-org', name: 'com.octo.core', packageType: 'maven' })(aged(3, '2.1.0', 1)),
      'in pom.xml:1',
    );
    assert.equal(
      inUseMatcher(refs, { owner: 'octo-org', name: 'octo.client', packageType: 'nuget' })(aged(4, '3.0.1', 1)),
      'in src/App.csproj:1',
    );
    assert.equal(
      inUseMatcher(refs, { owner: 'octo-org', name: 'octo-gem', packageType: 'rubygems' })(aged(5, '0.4.2', 1)),
      'in Gemfile.lock:3',
    );
    assert.deepEqual(referencesIn('package-lock.json', '{ not json', []), []);
  });
});

describe('registry/storage: what a clean-up frees', () => {
  const blobs: BlobIndex = new Map([
    [
      digest('a'),
      [
        { digest: 'base', size: 50_000_000 },
        { digest: 'app-a', size: 2_000_000 },
      ],
    ],
    [
      digest('b'),
      [
        { digest: 'base', size: 50_000_000 },
        { digest: 'app-b', size: 3_000_000 },
      ],
    ],
    [
      digest('c'),
      [
        { digest: 'other', size: 7_000_000 },
        { digest: 'app-b', size: 3_000_000 },
      ],
    ],
  ]);

  it('counts layers only the deleted images hold; a layer shared with a kept image stays', () => {
    assert.equal(freedBytes(blobs, new Set([digest('a')])), 2_000_000);
    assert.equal(freedBytes(blobs, new Set([digest('a'), digest('b')])), 52_000_000);
    assert.equal(freedBytes(blobs, new Set([digest('a'), digest('b'), digest('c')])), 62_000_000);
    assert.equal(formatBytes(52_000_000), '52 MB');
    assert.equal(formatBytes(512), '512 bytes');
  });

  it('says why sizes are unknown when manifests cannot be read or there are too many', async () => {
    const failing = { getManifest: async () => Promise.reject(new Error('registry answered 500')) };
    const versions = [aged(1, digest('a'), 1)];
    assert.deepEqual(await readBlobIndex(failing, { owner: 'o', name: 'app' }, versions, { maxReads: 10 }), {
      ok: false,
      why: 'the manifests of app could not be read (registry answered 500)',
    });
    const unused = { getManifest: async () => Promise.reject(new Error('not called')) };
    const many = Array.from({ length: 11 }, (_, i) => aged(i, digest(String(i % 10)), 1));
    assert.deepEqual(await readBlobIndex(unused, { owner: 'o', name: 'app' }, many, { maxReads: 10 }), {
      ok: false,
      why: 'sizes of app were not read (11 images, more than a clean-up reads for sizes)',
    });
  });
});

describe('registry/cleanupReview: the review before anything goes', () => {
  const active = [
    aged(1, digest('a'), 1, ['v1']),
    aged(2, digest('b'), 30),
    aged(3, digest('c'), 30),
    aged(4, digest('d'), 40),
    aged(5, digest('e'), 50),
  ];
  const graph: ManifestGraph = {
    ok: true,
    images: [
      {
        digest: digest('a'),
        tags: ['v1'],
        references: [
          { digest: digest('b'), role: 'platform', platform: 'linux/amd64' },
          { digest: digest('c'), role: 'platform', platform: 'linux/arm64' },
        ],
      },
    ],
    protectedDigests: new Set([digest('b'), digest('c')]),
    parents: new Map([
      [digest('b'), { indexDigest: digest('a'), indexTags: ['v1'], role: 'platform', platform: 'linux/amd64' }],
      [digest('c'), { indexDigest: digest('a'), indexTags: ['v1'], role: 'platform', platform: 'linux/arm64' }],
    ]),
  };
  const plan = (): PackagePlan => {
    const selection = selectForCleanup(active, { untaggedOnly: true, olderThanDays: 7 }, NOW);
    return {
      ref: { owner: { login: 'octo-org', kind: 'org' }, type: 'container', name: 'app' },
      pkg: pkg('app'),
      active,
      selection,
      plan: planDeletion({ pkg: pkg('app'), selected: selection.selected.map((d) => d.version), active, manifests: graph }),
      parents: graph.parents,
      inUse: (version) => (version.id === 5 ? `${version.name.slice(0, 19)} in compose.yaml:4` : undefined),
      sizes: {
        ok: true,
        blobs: new Map([
          [digest('d'), [{ digest: 'l1', size: 4_000_000 }]],
          [digest('e'), [{ digest: 'l2', size: 1_000_000 }]],
        ]),
      },
    };
  };

  it('shows the platform images of a tagged index as refused, labelled as the tree labels them, and in-use ones as kept', () => {
    const entries = reviewEntries([plan()], NOW);
    assert.deepEqual(
      entries.map((e) => [e.label, e.state]),
      [
        ['linux/arm64 of v1', 'refused'],
        ['linux/amd64 of v1', 'refused'],
        ['sha256:dddddddddddd', 'delete'],
        ['sha256:eeeeeeeeeeee', 'inUse'],
      ],
    );
    assert.match(entries[0].why, /is the linux\/arm64 image of v1; deleting it would break pulling app:v1/);
    assert.match(entries[3].why, /^in use: sha256:eeee.* in compose.yaml:4 \(kept unless ticked\)/);
    assert.equal(entries[2].what, 'untagged · created 40 days ago · sha256:dddddddddddd');
    assert.equal(entries[2].why, 'untagged, created 40 days ago');
  });

  it('titles the review with versions, packages and the storage freed, or says the size is unknown', () => {
    const plans = [plan()];
    const entries = reviewEntries(plans, NOW);
    const ticked = entries.filter((e) => e.state === 'delete');
    assert.equal(reviewTitle(plans, ticked, false), 'Delete 1 version from 1 package — frees 4.0 MB (layers shared with kept images stay)');
    assert.equal(
      reviewTitle(plans, ticked, false, entries),
      'Delete 1 version from 1 package — frees 4.0 MB (layers shared with kept images stay); 2 versions refused, 1 in use kept',
    );
    assert.equal(
      reviewTitle(
        plans,
        entries.filter((e) => e.state !== 'refused'),
        true,
      ),
      'Dry run: would delete 2 versions from 1 package — frees 5.0 MB (layers shared with kept images stay)',
    );
    const unreadable = [{ ...plan(), sizes: { ok: false as const, why: 'the manifests of app could not be read (timeout)' } }];
    assert.equal(
      reviewTitle(unreadable, ticked, false),
      'Delete 1 version from 1 package — storage freed not known: the manifests of app could not be read (timeout)',
    );
  });

  it('names attestations and children of untagged indexes the way the tree does', () => {
    const child = aged(9, digest('f'), 1);
    assert.equal(
      versionLabel(child, true, { indexDigest: digest('a'), indexTags: ['v1', 'latest'], role: 'attestation', platform: 'linux/arm64' }),
      'attestation for linux/arm64 of v1, latest',
    );
    assert.equal(
      versionLabel(child, true, { indexDigest: digest('a'), indexTags: [], role: 'platform' }),
      'platform image of sha256:aaaaaaaaaaaa',
    );
    assert.equal(versionLabel(aged(10, '1.2.0', 1), false), '1.2.0');
  });
});
