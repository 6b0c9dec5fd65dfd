import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { ECOSYSTEMS, detectManifest, ecosystemFor, isEcosystemError } from '../../../src/ecosystems';

describe('ecosystems registry', () => {
  it('has one ecosystem per id', () => {
    assert.deepEqual(
      ECOSYSTEMS.map((e) => e.id),
      ['npm', 'maven', 'gradle', 'nuget', 'rubygems', 'container'],
    );
  });

  it('maps GitHub package types to ecosystems', () => {
    assert.equal(ecosystemFor('npm')?.id, 'npm');
    assert.equal(ecosystemFor('maven')?.id, 'maven');
    assert.equal(ecosystemFor('nuget')?.id, 'nuget');
    assert.equal(ecosystemFor('rubygems')?.id, 'rubygems');
    assert.equal(ecosystemFor('container')?.id, 'container');
    assert.equal(ecosystemFor('docker')?.id, 'container');
  });

  it('detects manifests by file name', () => {
    const cases: Record<string, string | undefined> = {
      '/p/package.json': 'npm',
      '/p/pom.xml': 'maven',
      '/p/build.gradle.kts': 'gradle',
      '/p/build.gradle': 'gradle',
      'C:\\p\\App.csproj': 'nuget',
      '/p/x.gemspec': 'rubygems',
      '/p/Dockerfile': 'container',
      '/p/README.md': undefined,
    };
    for (const [file, id] of Object.entries(cases)) assert.equal(detectManifest(file)?.id, id, file);
  });

  it('never throws on garbage input', () => {
    for (const e of ECOSYSTEMS) {
      for (const text of ['', '\u0000\uffff', '<'.repeat(1000), '{'.repeat(1000), 'x'.repeat(10000)]) {
        const result = e.parseManifest(text, URI.file('/p/f'));
        assert.ok(typeof result === 'object' && result !== null);
      }
      assert.ok(isEcosystemError(e.installSnippet({ owner: '', name: '', registryUrl: '' })));
    }
  });
});
