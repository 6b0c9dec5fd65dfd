import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';

const run = promisify(execFile);

describe('local GitHub: the real npm client publishes, views and installs', function () {
  this.timeout(60000);
  let gh: LocalGitHub;
  let dir: string;

  async function npm(args: string[], token: string, cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const r = await run('npm', args, {
        cwd,
        env: {
          ...parentEnvWithoutNpmConfig(),
          NODE_AUTH_TOKEN: token,
          npm_config_cache: join(dir, '.cache'),
          npm_config_userconfig: join(dir, '.user-npmrc'),
          npm_config_audit: 'false',
          npm_config_fund: 'false',
          npm_config_update_notifier: 'false',
        },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
    }
  }

  async function project(path: string, pkg: Record<string, unknown>, scope: string): Promise<void> {
    const host = gh.registries.npm.replace(/^http:/, '');
    await run('mkdir', ['-p', path]);
    await writeFile(join(path, 'package.json'), JSON.stringify(pkg, null, 2));
    await writeFile(join(path, 'index.js'), 'module.exports = 42;\n');
    await writeFile(join(path, '.npmrc'), `@${scope}:registry=${gh.registries.npm}\n${host}:_authToken=\${NODE_AUTH_TOKEN}\n`);
  }

  before(async () => {
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-npm-'));
    await writeFile(join(dir, '.user-npmrc'), '');
    await writeFile(
      join(dir, '.npmrc'),
      `@mona:registry=${gh.registries.npm}\n${gh.registries.npm.replace(/^http:/, '')}:_authToken=\${NODE_AUTH_TOKEN}\n`,
    );
  });
  after(async () => {
    await gh.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a scoped package, linked to its repository, that the REST API then lists', async () => {
    const lib = join(dir, 'lib');
    await project(
      lib,
      {
        name: '@mona/fresh',
        version: '1.0.0',
        main: 'index.js',
        repository: { type: 'git', url: 'git+https://github.com/mona/hello-npm.git' },
      },
      'mona',
    );
    const r = await npm(['publish'], gh.tokens.mona, lib);
    assert.equal(r.code, 0, r.stderr);
    const pkg = await call(gh.url, 'GET', '/user/packages/npm/fresh', { token: gh.tokens.mona });
    assert.equal(pkg.status, 200);
    const body = pkg.body as { visibility: string; version_count: number; repository: { full_name: string } };
    assert.equal(body.visibility, 'private');
    assert.equal(body.version_count, 1);
    assert.equal(body.repository.full_name, 'mona/hello-npm');
  });

  it('refuses to publish over an existing version and into a scope the token cannot write', async () => {
    const lib = join(dir, 'lib');
    const again = await npm(['publish'], gh.tokens.mona, lib);
    assert.notEqual(again.code, 0);
    // npm 11 reads the packument first and refuses by itself; the registry's own 409 is checked below.
    assert.match(again.stderr, /409|Cannot publish over existing version|cannot publish over the previously published versions/i);
    const put = await fetch(`${gh.registries.npm}@mona%2ffresh`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${gh.tokens.mona}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '@mona/fresh',
        versions: { '1.0.0': { name: '@mona/fresh', version: '1.0.0' } },
        _attachments: { 'fresh-1.0.0.tgz': { data: 'AA==' } },
      }),
    });
    assert.equal(put.status, 409);
    assert.deepEqual(await put.json(), { error: 'Cannot publish over existing version' });
    const other = join(dir, 'other');
    await project(other, { name: '@hubot/intruder', version: '1.0.0' }, 'hubot');
    const denied = await npm(['publish'], gh.tokens.mona, other);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /403/);
    const readOnly = await npm(['publish'], gh.tokens.monaRead, lib.replace('lib', 'other'));
    assert.notEqual(readOnly.code, 0);
  });

  it('views and installs through the registry (packument, abbreviated metadata, tarball, dist-tags)', async () => {
    const lib = join(dir, 'lib');
    const pkgJson = JSON.parse(await readFile(join(lib, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(lib, 'package.json'), JSON.stringify({ ...pkgJson, version: '1.1.0' }));
    assert.equal((await npm(['publish'], gh.tokens.mona, lib)).code, 0);
    const view = await npm(['view', '@mona/fresh', 'dist-tags.latest', 'versions', '--json'], gh.tokens.mona);
    assert.equal(view.code, 0, view.stderr);
    const viewed = JSON.parse(view.stdout) as { 'dist-tags.latest': string; versions: string[] };
    assert.equal(viewed['dist-tags.latest'], '1.1.0');
    assert.deepEqual(viewed.versions, ['1.0.0', '1.1.0']);
    const app = join(dir, 'app');
    await project(app, { name: 'app', version: '0.0.0', private: true }, 'mona');
    const install = await npm(['install', '@mona/fresh@1.0.0', '@mona/hello'], gh.tokens.monaRead, app);
    assert.equal(install.code, 0, install.stderr);
    const installed = JSON.parse(await readFile(join(app, 'node_modules/@mona/fresh/package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, '1.0.0');
    const seeded = JSON.parse(await readFile(join(app, 'node_modules/@mona/hello/package.json'), 'utf8')) as { version: string };
    assert.equal(seeded.version, '1.1.0');
    const tags = await fetch(`${gh.registries.npm}-/package/@mona%2ffresh/dist-tags`, {
      headers: { authorization: `Bearer ${gh.tokens.mona}` },
    });
    assert.deepEqual(await tags.json(), { latest: '1.1.0' });
    const abbreviated = await fetch(`${gh.registries.npm}@mona%2ffresh`, {
      headers: { authorization: `Bearer ${gh.tokens.mona}`, accept: 'application/vnd.npm.install-v1+json' },
    });
    assert.equal(abbreviated.headers.get('content-type'), 'application/vnd.npm.install-v1+json');
    const unauthenticated = await fetch(`${gh.registries.npm}@mona%2ffresh`);
    assert.equal(unauthenticated.status, 401);
    const hidden = await fetch(`${gh.registries.npm}@hubot%2fsecret`, { headers: { authorization: `Bearer ${gh.tokens.mona}` } });
    assert.equal(hidden.status, 404);
  });
});

/** `npm run --silent` passes npm_config_loglevel=silent (and the rest of its config) down; the client under test must not inherit it. */
function parentEnvWithoutNpmConfig(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
}
