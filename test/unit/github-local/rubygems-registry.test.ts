import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { start, type LocalGitHub } from '../../github-local';
import { gem } from './fixtures';
import { basicAuth, listedPackage } from './listing';

describe('local GitHub: the RubyGems registry (rubygems.pkg.github.com)', () => {
  let gh: LocalGitHub;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
  });
  afterEach(() => gh.stop());

  const base = (owner = 'mona') => `${gh.registries.rubygems}/${owner}`;
  const push = (body: Buffer, token?: string, owner = 'mona') =>
    fetch(`${base(owner)}/api/v1/gems`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });
  const get = (path: string, token = gh.tokens.monaRead) => fetch(`${base()}/${path}`, { headers: basicAuth(token) });

  it('gem push stores a private version linked to the repository named by metadata github_repo', async () => {
    const r = await push(gem('hola', '1.0.0', { githubRepo: 'https://github.com/mona/hello-npm' }), gh.tokens.mona);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), 'Successfully registered gem: hola (1.0.0)');
    const listed = await listedPackage(gh, 'rubygems', 'hola');
    assert.equal(listed.visibility, 'private');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['1.0.0']);
  });

  it('refuses a push without a token (401 challenge), without write:packages or into another owner (403), twice (409), or not a gem (422)', async () => {
    const file = gem('hola', '1.0.0');
    const anonymous = await push(file);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="GitHub Package Registry"');
    assert.equal((await push(file, gh.tokens.monaRead)).status, 403);
    assert.equal((await push(file, gh.tokens.mona, 'hubot')).status, 403);
    assert.equal((await push(file, gh.tokens.mona)).status, 200);
    const again = await push(file, gh.tokens.mona);
    assert.equal(again.status, 409);
    assert.match(await again.text(), /already exists/);
    assert.equal((await push(Buffer.from('not a gem'), gh.tokens.mona)).status, 422);
  });

  it('serves the compact index (names, versions, info with dependencies and checksum) and the .gem bytes', async () => {
    const file = gem('hola', '1.0.0', { dependency: ['rake', '>=', '12.0'] });
    await push(file, gh.tokens.mona);
    await push(gem('hola', '1.1.0'), gh.tokens.mona);
    assert.equal(await (await get('names')).text(), '---\nsolo-gem\nhola\n', 'the seeded gem, with a generated .gem, and the pushed one');
    const versions = await (await get('versions')).text();
    const info = await (await get('info/hola')).text();
    assert.match(versions, /^created_at: .+\n---\n/);
    assert.match(versions, new RegExp(`^hola 1\\.0\\.0,1\\.1\\.0 ${createHash('md5').update(info).digest('hex')}$`, 'm'));
    assert.equal(info.split('\n')[1], `1.0.0 rake:>= 12.0|checksum:${createHash('sha256').update(file).digest('hex')}`);
    const downloaded = await get('gems/hola-1.0.0.gem');
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), file);
  });

  it('serves the Marshal quick spec RubyGems 3.3 reads before installing', async () => {
    await push(gem('hola', '1.0.0'), gh.tokens.mona);
    const r = await get('quick/Marshal.4.8/hola-1.0.0.gemspec.rz');
    assert.equal(r.status, 200);
    const marshal = inflateSync(Buffer.from(await r.arrayBuffer()));
    assert.deepEqual([...marshal.subarray(0, 3)], [4, 8, 'u'.charCodeAt(0)]);
    assert.ok(marshal.includes(Buffer.from('Gem::Specification')));
    assert.ok(marshal.includes(Buffer.from('hola')));
  });

  it('hides a private gem from a token whose user may not read it, and asks anonymous clients to authenticate', async () => {
    await push(gem('hola', '1.0.0'), gh.tokens.mona);
    const other = await fetch(`${base()}/info/hola`, { headers: basicAuth(gh.tokens.hubot, 'hubot') });
    assert.equal(other.status, 404);
    assert.equal((await fetch(`${base()}/versions`)).status, 401);
  });
});
