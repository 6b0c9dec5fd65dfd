import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, seen } from './helpers';

const GEMFILE = `source "https://rubygems.org"

gem "rails", "~> 7.1"

source "https://rubygems.pkg.github.com/mona" do
  gem "mona_gem", "~> 0.1"
  gem 'mona_tools', '>= 1.0', '< 2'
end

group :test do
  gem "rspec"
end
gem "octo_gem", "1.2.0", source: "https://rubygems.pkg.github.com/octo-org"
`;

describe('Gemfile dependencies', () => {
  it('finds gems with their requirements, several requirements as one range', () => {
    assert.deepEqual(seen(GEMFILE, parseDependencies('Gemfile', GEMFILE)), [
      { name: 'rails', atName: 'rails', version: '~> 7.1', atVersion: '~> 7.1' },
      { name: 'mona_gem', atName: 'mona_gem', version: '~> 0.1', atVersion: '~> 0.1' },
      { name: 'mona_tools', atName: 'mona_tools', version: '>= 1.0, < 2', atVersion: ">= 1.0', '< 2" },
      { name: 'rspec', atName: 'rspec', version: '' },
      { name: 'octo_gem', atName: 'octo_gem', version: '1.2.0', atVersion: '1.2.0' },
    ]);
  });

  it('maps gems in a GitHub source block or with a GitHub source option to that owner', () => {
    const hosted = parseDependencies('Gemfile', GEMFILE).map((d) => hostedOnGitHub(d, DOTCOM));
    assert.deepEqual(
      hosted.map((h) => h?.owners[0]),
      [undefined, 'mona', 'mona', undefined, 'octo-org'],
    );
  });
});
