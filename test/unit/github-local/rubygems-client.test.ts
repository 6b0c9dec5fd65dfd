import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type LocalGitHub } from '../../github-local';
import { listedPackage } from './listing';
import { client, requireCommands } from './real-clients';

const GEMSPEC = `Gem::Specification.new do |s|
  s.name = 'hola-mona'
  s.version = ENV.fetch('GEM_VERSION')
  s.summary = 'Says hola'
  s.authors = ['Mona']
  s.license = 'MIT'
  s.files = ['lib/hola_mona.rb']
  s.metadata = { 'github_repo' => 'ssh://github.com/mona/hello-npm' }
end
`;

describe('local GitHub: the real gem and bundle clients publish to and install from the stand-in', function () {
  this.timeout(180_000);
  let gh: LocalGitHub;
  let dir: string;

  before(async function () {
    await requireCommands(this, [
      ['gem', 'ruby'],
      ['bundle', 'bundler'],
    ]);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-gem-'));
    await mkdir(join(dir, 'src/lib'), { recursive: true });
    await mkdir(join(dir, 'home/.gem'), { recursive: true });
    await writeFile(join(dir, 'src/hola-mona.gemspec'), GEMSPEC);
    await writeFile(join(dir, 'src/lib/hola_mona.rb'), 'module HolaMona; GREETING = "hola"; end\n');
    // gem push reads the key from ~/.gem/credentials, as GitHub's documentation sets it up.
    await writeFile(join(dir, 'home/.gem/credentials'), `---\n:github: Bearer ${gh.tokens.mona}\n`);
    await chmod(join(dir, 'home/.gem/credentials'), 0o600);
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    HOME: join(dir, 'home'),
    GEM_HOME: join(dir, 'gems'),
    GEM_PATH: join(dir, 'gems'),
    ...extra,
  });
  const source = () => `${gh.registries.rubygems}/mona`;
  async function build(version: string): Promise<string> {
    const r = await client('gem', ['build', 'hola-mona.gemspec'], { cwd: join(dir, 'src'), env: env({ GEM_VERSION: version }) });
    assert.equal(r.code, 0, r.stderr);
    return join(dir, 'src', `hola-mona-${version}.gem`);
  }
  const push = (file: string) => client('gem', ['push', '--key', 'github', '--host', source(), file], { env: env() });

  it('gem push publishes a version the REST API lists, linked through github_repo', async () => {
    const r = await push(await build('1.0.0'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Successfully registered gem: hola-mona \(1\.0\.0\)/);
    const listed = await listedPackage(gh, 'rubygems', 'hola-mona');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['1.0.0']);
  });

  it("gem push of the same version again is refused with the registry's message", async () => {
    const r = await push(join(dir, 'src/hola-mona-1.0.0.gem'));
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /already exists/);
    assert.deepEqual((await listedPackage(gh, 'rubygems', 'hola-mona')).versions, ['1.0.0']);
  });

  it('gem install --source installs the published gem with a read-only token', async () => {
    const withCredentials = source().replace('http://', `http://mona:${gh.tokens.monaRead}@`) + '/';
    const r = await client(
      'gem',
      ['install', 'hola-mona', '--version', '1.0.0', '--clear-sources', '--source', withCredentials, '--no-document'],
      { env: env() },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(
      await readFile(join(dir, 'gems/gems/hola-mona-1.0.0/lib/hola_mona.rb'), 'utf8'),
      'module HolaMona; GREETING = "hola"; end\n',
    );
  });

  it('gem install also installs a seeded gem, from the .gem the stand-in generates for it', async () => {
    const withCredentials = source().replace('http://', `http://mona:${gh.tokens.monaRead}@`) + '/';
    const r = await client('gem', ['install', 'solo-gem', '--clear-sources', '--source', withCredentials, '--no-document'], { env: env() });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(await readFile(join(dir, 'gems/gems/solo-gem-0.1.0/lib/solo-gem.rb'), 'utf8'), /solo-gem 0\.1\.0/);
  });

  it('bundle install resolves a Gemfile source block against the stand-in, credentials from the environment', async () => {
    await push(await build('1.1.0'));
    const app = join(dir, 'app');
    await mkdir(app, { recursive: true });
    await writeFile(join(app, 'Gemfile'), `source "${source()}" do\n  gem "hola-mona", "~> 1.0"\nend\n`);
    const r = await client('bundle', ['install'], {
      cwd: app,
      env: env({ BUNDLE_PATH: join(app, 'vendor'), BUNDLE_127__0__0__1: `mona:${gh.tokens.monaRead}`, BUNDLE_DISABLE_SHARED_GEMS: 'true' }),
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(await readFile(join(app, 'Gemfile.lock'), 'utf8'), /hola-mona \(1\.1\.0\)/);
  });
});
