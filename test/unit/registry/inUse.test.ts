import * as assert from 'node:assert/strict';
import { inUseMatcher, referencesIn } from '../../../src/registry/inUse';
import { aged, digest } from './fixtures';

const app = { owner: 'octo-org', name: 'app', packageType: 'container' as const };

describe('registry/inUse: only the versions the workspace really uses are kept', () => {
  it('protects an image pinned by digest by that digest only, not by the tag it was pulled with', () => {
    const refs = referencesIn('compose.yaml', `services:\n  web:\n    image: ghcr.io/octo-org/app:v1@${digest('a')}\n`, ['ghcr.io']);
    const used = inUseMatcher(refs, app);
    assert.equal(used(aged(1, digest('a'), 1)), `sha256:aaaaaaaaaaaa in compose.yaml:3`);
    assert.equal(used(aged(2, digest('b'), 1, ['v1'])), undefined, 'v1 moved on; the pinned digest is what runs');
    assert.equal(used(aged(3, digest('a').toUpperCase().replace('SHA256', 'sha256'), 1)), 'sha256:aaaaaaaaaaaa in compose.yaml:3');
  });

  it('protects nothing of another owner, another image or another type', () => {
    const refs = [
      ...referencesIn('Dockerfile', 'FROM ghcr.io/octo-org/app:v1\nFROM ghcr.io/other/app:v2\nFROM ghcr.io/octo-org/api:v3\n', ['ghcr.io']),
      ...referencesIn('package-lock.json', JSON.stringify({ packages: { 'node_modules/@octo-org/app': { version: 'v4' } } }), []),
    ];
    const used = inUseMatcher(refs, app);
    assert.equal(used(aged(1, digest('a'), 1, ['v1'])), 'v1 in Dockerfile:1');
    for (const tag of ['v2', 'v3', 'v4']) assert.equal(used(aged(2, digest('b'), 1, [tag])), undefined, tag);
    assert.equal(inUseMatcher(refs, { ...app, packageType: 'docker' })(aged(1, digest('a'), 1, ['v1'])), 'v1 in Dockerfile:1');
    const npm = inUseMatcher(refs, { owner: 'octo-org', name: 'app', packageType: 'npm' });
    assert.equal(npm(aged(4, 'v4', 1)), 'in package-lock.json');
    assert.equal(npm(aged(5, 'v1', 1)), undefined, 'an image tag is not an npm version');
    assert.equal(inUseMatcher(refs, { owner: 'other', name: 'app', packageType: 'npm' })(aged(4, 'v4', 1)), undefined);
    assert.equal(inUseMatcher(refs, { owner: 'octo-org', name: 'app', packageType: 'maven' })(aged(4, 'v4', 1)), undefined);
  });

  it('reads images on the configured registry hosts only, the host name taken literally', () => {
    const text = 'FROM containersXghe.example.com/octo-org/app:v1\nFROM containers.ghe.example.com/octo-org/app:v2\n';
    assert.deepEqual(
      referencesIn('Dockerfile', text, ['containers.ghe.example.com']).map((ref) => ref.kind === 'container' && ref.tag),
      ['v2'],
    );
    assert.deepEqual(referencesIn('Dockerfile', text, []), []);
  });

  it('names the line an image stands on when it starts the line, as in a list of images', () => {
    const refs = referencesIn('images.txt', `# images we run\nghcr.io/octo-org/app:v1\n\nghcr.io/octo-org/app:v2\n`, ['ghcr.io']);
    assert.deepEqual(
      refs.map((ref) => ref.where),
      ['images.txt:2', 'images.txt:4'],
    );
  });

  it('reads Helm values with the tag above the repository, comments between, and a digest in capitals', () => {
    const values = [
      'image:',
      '  tag: "1.5"',
      '  # pinned for the release',
      '',
      '  repository: ghcr.io/octo-org/app',
      `  digest: ${digest('c').toUpperCase()}`,
      'sidecar:',
      '  - repository: ghcr.io/octo-org/agent',
      '    digest: latest',
    ].join('\n');
    assert.deepEqual(referencesIn('values.yaml', values, ['ghcr.io']), [
      { kind: 'container', owner: 'octo-org', name: 'app', tag: '1.5', digest: digest('c'), where: 'values.yaml:5' },
    ]);
  });

  it('reads npm lockfiles of both formats, scoped packages only, and not a dependency nested under one', () => {
    const v3 = JSON.stringify({
      packages: {
        'node_modules/@octo-org/ui': { version: '1.2.0' },
        'node_modules/@octo-org/ui/node_modules/left-pad': { version: '9.9.9' },
        'node_modules/@octo-org/linked': { resolved: 'file:../linked', link: true },
      },
    });
    const v1 = JSON.stringify({ dependencies: { '@octo-org/ui': { version: '1.1.0' }, lodash: { version: '4.17.21' } } });
    const refs = [...referencesIn('a/package-lock.json', v3, []), ...referencesIn('b/package-lock.json', v1, [])];
    assert.deepEqual(refs, [
      { kind: 'package', type: 'npm', name: '@octo-org/ui', version: '1.2.0', where: 'a/package-lock.json' },
      { kind: 'package', type: 'npm', name: '@octo-org/ui', version: '1.1.0', where: 'b/package-lock.json' },
    ]);
    assert.deepEqual(referencesIn('package-lock.json', '{ not json', []), []);
  });

  it('reads pom.xml dependencies with their line, skipping property versions and incomplete ones', () => {
    const pom = [
      '<project>',
      '  <dependencies>',
      '    <dependency>',
      '      <groupId> com.octo </groupId>',
      '      <artifactId>core</artifactId>',
      '      <version>2.1.0</version>',
      '    </dependency>',
      '    <dependency><groupId>com.octo</groupId><artifactId>util</artifactId><version>${util.version}</version></dependency>',
      '    <dependency><artifactId>nogroup</artifactId><version>1.0</version></dependency>',
      '    <dependency><groupId>com.octo</groupId><version>1.0</version></dependency>',
      '    <dependency><groupId>com.octo</groupId><artifactId>noversion</artifactId></dependency>',
      '  </dependencies>',
      '</project>',
    ].join('\n');
    assert.deepEqual(referencesIn('app/pom.xml', pom, []), [
      { kind: 'package', type: 'maven', name: 'com.octo.core', version: '2.1.0', where: 'app/pom.xml:3' },
    ]);
  });

  it('reads csproj package references in any attribute order, skipping those without a version', () => {
    const csproj = [
      '<Project>',
      '  <ItemGroup>',
      '    <PackageReference Version="3.0.1" Include="Octo.Client" />',
      '    <packagereference include="Octo.Core" version="1.0.0"/>',
      '    <PackageReference Include="Octo.Central" />',
      '  </ItemGroup>',
      '</Project>',
    ].join('\n');
    assert.deepEqual(referencesIn('src/App.csproj', csproj, []), [
      { kind: 'package', type: 'nuget', name: 'Octo.Client', version: '3.0.1', where: 'src/App.csproj:3' },
      { kind: 'package', type: 'nuget', name: 'Octo.Core', version: '1.0.0', where: 'src/App.csproj:4' },
    ]);
  });
});
