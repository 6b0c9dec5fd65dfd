import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { gemfileWithGem, rubygemsInstaller } from '../../../../src/ecosystems/install/rubygems';
import { HOSTILE, TOKEN, err, files, ok } from '../helpers';
import { request } from './helpers';

const uri = URI.file('/work/app/Gemfile');
const SOURCE = 'https://rubygems.pkg.github.com/mona';

const GEMFILE = `# frozen_string_literal: true
source 'https://rubygems.org'

gem 'rails', '~> 7.1'

group :test do
  gem 'rspec'
end
`;

describe('install/rubygems: Gemfile edit', () => {
  it('adds a source block for the GitHub owner with the gem, in the file’s quotes, keeping everything else', () => {
    const after = ok(gemfileWithGem(GEMFILE, 'hola-mona', '1.1.0', SOURCE, uri));
    assert.equal(after, `${GEMFILE}\nsource '${SOURCE}' do\n  gem 'hola-mona', '1.1.0'\nend\n`);
  });

  it('adds the gem inside the existing source block, in its indentation, before its end', () => {
    const gemfile = `${GEMFILE}\nsource "${SOURCE}" do\n    gem "solo-gem"\nend\n`;
    const after = ok(gemfileWithGem(gemfile, 'hola-mona', '1.1.0', `${SOURCE}/`, uri));
    assert.equal(after, gemfile.replace('    gem "solo-gem"\n', `    gem "solo-gem"\n    gem 'hola-mona', '1.1.0'\n`));
  });

  it('updates the requirements of a gem already declared instead of adding a second line', () => {
    const gemfile = `${GEMFILE}\nsource "${SOURCE}" do\n  gem "hola-mona", ">= 1.0", "< 2" # pinned\nend\n`;
    assert.equal(ok(gemfileWithGem(gemfile, 'hola-mona', '1.1.0', SOURCE, uri)), gemfile.replace('">= 1.0", "< 2"', '"1.1.0"'));
    const unpinned = `${GEMFILE}\nsource "${SOURCE}" do\n  gem "hola-mona"\nend\n`;
    assert.equal(
      ok(gemfileWithGem(unpinned, 'hola-mona', '1.1.0', SOURCE, uri)),
      unpinned.replace('gem "hola-mona"', 'gem "hola-mona", "1.1.0"'),
    );
  });

  it('tells a gem from one whose name merely starts the same', () => {
    const gemfile = `source "${SOURCE}" do\n  gem "hola-mona-extra", "0.1"\nend\n`;
    const after = ok(gemfileWithGem(gemfile, 'hola-mona', '1.1.0', SOURCE, uri));
    assert.equal(after, gemfile.replace('end\n', '  gem "hola-mona", "1.1.0"\nend\n'));
  });

  it('points a gem declared for another source at GitHub on its own line, so Bundler cannot fetch a namesake', () => {
    assert.equal(ok(gemfileWithGem(GEMFILE, 'rails', '1.1.0', SOURCE, uri)), GEMFILE.replace("'~> 7.1'", `'1.1.0', source: '${SOURCE}'`));
    const inGroup = ok(gemfileWithGem(GEMFILE, 'rspec', '1.1.0', SOURCE, uri));
    assert.equal(inGroup, GEMFILE.replace("gem 'rspec'", `gem 'rspec', '1.1.0', source: '${SOURCE}'`), 'it stays in its group');
    const options = "source 'https://rubygems.org'\ngem 'rails', '7.1', require: false # web\ngem('pg', '1.5')\n";
    assert.equal(
      ok(gemfileWithGem(options, 'rails', '1.1.0', SOURCE, uri)),
      options.replace("'7.1', require: false # web", `'1.1.0', require: false, source: '${SOURCE}' # web`),
      'after its options, before its comment',
    );
    assert.equal(
      ok(gemfileWithGem(options, 'pg', '1.1.0', SOURCE, uri)),
      options.replace("gem('pg', '1.5')", `gem('pg', '1.1.0', source: '${SOURCE}')`),
    );
    const elsewhere = `gem "rails", "7.1", source: "https://gems.example.com"\n`;
    assert.equal(ok(gemfileWithGem(elsewhere, 'rails', '1.1.0', SOURCE, uri)), `gem "rails", "1.1.0", source: "${SOURCE}"\n`);
  });

  it('leaves the source alone where a source: option would break the line: git, path, or a line that continues', () => {
    for (const gemfile of [
      "gem 'rails', git: 'https://github.com/rails/rails'\n",
      "gem 'rails', path: '../rails'\n",
      "gem 'rails', '7.1',\n  require: false\n",
    ]) {
      const after = ok(gemfileWithGem(gemfile, 'rails', '1.1.0', SOURCE, uri));
      assert.ok(!after.includes('source:'), after);
    }
  });

  it('refuses a Gemfile whose do/end blocks do not balance, and edits nothing', () => {
    assert.match(
      err(gemfileWithGem("group :test do\n  gem 'rspec'\n", 'x', '1.0', SOURCE, uri), 'malformed'),
      /^Gemfile: a 'do' block has no 'end'/,
    );
    assert.match(err(gemfileWithGem("gem 'rspec'\nend\n", 'x', '1.0', SOURCE, uri), 'malformed'), /'end' on line 2/);
  });
});

describe('install/rubygems: the install plan', () => {
  const pkg = { owner: 'mona', name: 'hola-mona', version: '1.1.0', registryUrl: SOURCE };

  it('edits the Gemfile, then runs bundle install with USER:TOKEN in Bundler’s variable for the registry host', () => {
    const plan = ok(rubygemsInstaller.plan(request('/work/app/Gemfile', pkg), files({ '/work/app/Gemfile': GEMFILE })));
    assert.equal(plan.edits.length, 1);
    assert.deepEqual([plan.steps[0].command, ...plan.steps[0].args], ['bundle', 'install']);
    assert.deepEqual(plan.steps[0].env, { BUNDLE_RUBYGEMS__PKG__GITHUB__COM: `octo:${TOKEN}` });
    assert.ok(!plan.edits[0].after.includes(TOKEN));
  });

  it('creates a Gemfile when the project has none, and names Bundler when it is missing', () => {
    const plan = ok(rubygemsInstaller.plan(request('/work/app/Gemfile', pkg, ['bundle']), files({ '/work/app/Gemfile': undefined })));
    assert.equal(plan.edits[0].before, undefined);
    assert.match(
      plan.edits[0].after,
      /^source "https:\/\/rubygems\.org"\n\nsource "https:\/\/rubygems\.pkg\.github\.com\/mona" do\n {2}gem "hola-mona", "1\.1\.0"\nend\n$/,
    );
    assert.deepEqual(plan.steps, []);
    assert.match(plan.missingTool!.name, /bundle/);
  });

  it('says so when the gem was declared for another source, and that its line now names GitHub’s', () => {
    const plan = ok(
      rubygemsInstaller.plan(request('/work/app/Gemfile', { ...pkg, name: 'rails' }), files({ '/work/app/Gemfile': GEMFILE })),
    );
    assert.equal(plan.edits[0].after, GEMFILE.replace("'~> 7.1'", `'1.1.0', source: '${SOURCE}'`));
    assert.match(plan.notes.join(' '), /declared rails for another source \(https:\/\/rubygems\.org\); its line now says source: /);
    const git = "source 'https://rubygems.org'\ngem 'rails', git: 'https://github.com/rails/rails'\n";
    const kept = ok(rubygemsInstaller.plan(request('/work/app/Gemfile', { ...pkg, name: 'rails' }), files({ '/work/app/Gemfile': git })));
    assert.match(kept.notes.join(' '), /cannot take a source: option .* point it at https:\/\/rubygems\.pkg\.github\.com\/mona yourself/);
  });

  it('refuses hostile gem names and versions before any edit', () => {
    const current = files({ '/work/app/Gemfile': GEMFILE });
    for (const name of HOSTILE) err(rubygemsInstaller.plan(request('/work/app/Gemfile', { ...pkg, name }), current));
    for (const version of HOSTILE) err(rubygemsInstaller.plan(request('/work/app/Gemfile', { ...pkg, version }), current));
  });
});
