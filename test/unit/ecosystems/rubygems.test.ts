import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { bundlerCredentialVariable, rubygems } from '../../../src/ecosystems/rubygems';
import type { ConfigPlan, ProcessStep } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, files, ok } from './helpers';

const SOURCE = 'https://rubygems.pkg.github.com/octo';
const path = URI.file('/work/hello/hello.gemspec');
const GEMSPEC = `Gem::Specification.new do |spec|
  spec.name = "hello"
  spec.version = Hello::VERSION
  spec.metadata["github_repo"] = "ssh://github.com/octo/hello"
end
`;

describe('ecosystems/rubygems', () => {
  it('reads the literal name and the github_repo owner; leaves a computed version out', () => {
    assert.ok(rubygems.matches('hello.gemspec'));
    assert.deepEqual(rubygems.parseManifest(GEMSPEC, path), {
      name: 'hello',
      repositoryUrl: 'https://github.com/octo/hello',
      owner: 'octo',
    });
    assert.equal((rubygems.parseManifest(GEMSPEC.replace('Hello::VERSION', "'0.1.0'"), path) as { version?: string }).version, '0.1.0');
  });

  it('explains what is missing', () => {
    assert.match(err(rubygems.parseManifest('puts 1', path), 'malformed'), /^hello\.gemspec: no Gem::Specification\.new/);
    assert.match(err(rubygems.parseManifest('Gem::Specification.new do |s|\nend', path)), /set spec\.name/);
    assert.match(err(rubygems.parseManifest('Gem::Specification.new do |s|\n s.name = "-x"\nend', path)), /starts with '-'/);
  });

  it('snippet is gem install with version and source', () => {
    assert.deepEqual(rubygems.installSnippet({ owner: 'octo', name: 'hello', version: '0.1.0', registryUrl: SOURCE }), {
      language: 'shellscript',
      text: `gem install hello --version 0.1.0 --source ${SOURCE}`,
    });
    for (const bad of HOSTILE) err(rubygems.installSnippet({ owner: 'octo', name: bad, registryUrl: SOURCE }));
  });

  it('adds a source block to the Gemfile, or the gem into an existing block; no token', () => {
    const before = 'source "https://rubygems.org"\n\ngem "rails" # pinned by ops\n';
    const plan = ok<ConfigPlan>(
      rubygems.configEdits(
        { owner: 'octo', name: 'hello', version: '0.1.0', registryUrl: SOURCE },
        at(path.path),
        files({ '/work/hello/Gemfile': before }),
      ),
    );
    assert.equal(plan.edits[0].after, `${before}\nsource "${SOURCE}" do\n  gem "hello", "0.1.0"\nend\n`);
    assert.ok(plan.notes.some((n) => n.includes('BUNDLE_RUBYGEMS__PKG__GITHUB__COM')));
    assertNoToken(plan);
    const withBlock = `source "${SOURCE}" do\n    gem "other"\nend\n`;
    const merged = ok<ConfigPlan>(
      rubygems.configEdits(
        { owner: 'octo', name: 'hello', registryUrl: SOURCE },
        at(path.path),
        files({ '/work/hello/Gemfile': withBlock }),
      ),
    );
    assert.equal(merged.edits[0].after, `source "${SOURCE}" do\n    gem "other"\n    gem "hello"\nend\n`);
    assert.deepEqual(
      ok<ConfigPlan>(
        rubygems.configEdits(
          { owner: 'octo', name: 'hello', registryUrl: SOURCE },
          at(path.path),
          files({ '/work/hello/Gemfile': merged.edits[0].after }),
        ),
      ).edits,
      [],
    );
  });

  it('names the Bundler credential variable after the host', () => {
    assert.equal(bundlerCredentialVariable('https://rubygems.ghe-host.example.com/octo'), 'BUNDLE_RUBYGEMS__GHE___HOST__EXAMPLE__COM');
  });

  it('builds then pushes with GEM_HOST_API_KEY in the environment', () => {
    const steps = ok<ProcessStep[]>(
      rubygems.publishCommand({
        ...at(path.path),
        owner: 'octo',
        registryUrl: SOURCE,
        token: TOKEN,
        username: 'octocat',
        info: { name: 'hello' },
      }),
    );
    assert.deepEqual(
      steps.map((s) => [s.command, s.args]),
      [
        ['gem', ['build', 'hello.gemspec', '--output', 'hello.gem']],
        ['gem', ['push', '--host', SOURCE, 'hello.gem']],
      ],
    );
    assert.deepEqual(steps[1].env, { GEM_HOST_API_KEY: `Bearer ${TOKEN}` });
    assertNoToken(steps.map((s) => ({ ...s, env: {} })));
  });
});
