import assert from 'node:assert/strict';
import { start, type LocalGitHub } from '../../github-local';
import { multipart, nupkg } from './fixtures';
import { basicAuth, listedPackage } from './listing';

interface ServiceIndex {
  resources: Array<{ '@id': string; '@type': string }>;
}
interface Registration {
  items: Array<{ items: Array<{ catalogEntry: { id: string; version: string }; packageContent: string }> }>;
}

describe('local GitHub: the NuGet v3 feed (nuget.pkg.github.com)', () => {
  let gh: LocalGitHub;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
  });
  afterEach(() => gh.stop());

  const feed = (owner = 'mona') => `${gh.registries.nuget}/${owner}`;
  function push(file: Buffer, token: string | undefined, owner = 'mona'): Promise<Response> {
    const form = multipart(file);
    return fetch(`${feed(owner)}/`, {
      method: 'PUT',
      headers: { 'content-type': form.contentType, ...(token ? { 'x-nuget-apikey': token } : {}) },
      body: new Uint8Array(form.body),
    });
  }
  const get = async <T>(path: string, token = gh.tokens.monaRead) => {
    const r = await fetch(`${feed()}/${path}`, { headers: basicAuth(token) });
    return {
      status: r.status,
      body: (r.headers.get('content-type')?.includes('json') ? await r.json() : Buffer.from(await r.arrayBuffer())) as T,
    };
  };

  it('answers the service index only with credentials, naming publish, flat container and registration resources', async () => {
    const anonymous = await fetch(`${feed()}/index.json`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="GitHub Package Registry"');
    const index = await get<ServiceIndex>('index.json');
    const types = Object.fromEntries(index.body.resources.map((r) => [r['@type'], r['@id']]));
    assert.equal(types['PackagePublish/2.0.0'], feed());
    assert.equal(types['PackageBaseAddress/3.0.0'], `${feed()}/download/`);
    assert.equal(types['RegistrationsBaseUrl/3.6.0'], `${feed()}/registration/`);
  });

  it('stores a pushed .nupkg as a private version linked to the repository of its nuspec', async () => {
    const r = await push(nupkg('Mona.Greeter', '1.2.0', { repositoryUrl: 'https://github.com/mona/hello-npm.git' }), gh.tokens.mona);
    assert.equal(r.status, 201);
    const listed = await listedPackage(gh, 'nuget', 'Mona.Greeter');
    assert.equal(listed.visibility, 'private');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['1.2.0']);
  });

  it('refuses a push without a key (401), without write:packages or into another owner (403), twice (409), or not a package (400)', async () => {
    const file = nupkg('Mona.Greeter', '1.2.0');
    assert.equal((await push(file, undefined)).status, 401);
    assert.equal((await push(file, gh.tokens.monaRead)).status, 403);
    assert.equal((await push(file, gh.tokens.mona, 'hubot')).status, 403);
    assert.equal((await push(file, gh.tokens.mona)).status, 201);
    assert.equal((await push(nupkg('mona.greeter', '1.2.0'), gh.tokens.mona)).status, 409, 'ids are case-insensitive');
    assert.equal((await push(Buffer.from('not a zip'), gh.tokens.mona)).status, 400);
  });

  it('serves the flat container (versions, .nupkg bytes) and the registration index nuget install reads', async () => {
    const file = nupkg('Mona.Greeter', '1.2.0');
    await push(file, gh.tokens.mona);
    await push(nupkg('Mona.Greeter', '1.3.0-beta'), gh.tokens.mona);
    await push(nupkg('Mona.Greeter', '1.4+build.7'), gh.tokens.mona);
    assert.deepEqual(
      (await get<{ versions: string[] }>('download/mona.greeter/index.json')).body.versions,
      ['1.2.0', '1.3.0-beta', '1.4.0'],
      'normalized versions',
    );
    assert.deepEqual((await get<Buffer>('download/mona.greeter/1.2.0/mona.greeter.1.2.0.nupkg')).body, file);
    const registration = await get<Registration>('registration/mona.greeter/index.json');
    const leaves = registration.body.items[0].items;
    assert.deepEqual(
      leaves.map((l) => l.catalogEntry.version),
      ['1.2.0', '1.3.0-beta', '1.4.0'],
    );
    assert.ok(leaves.every((l) => l.catalogEntry.id === 'Mona.Greeter'));
    assert.equal(leaves[0].packageContent, `${feed()}/download/mona.greeter/1.2.0/mona.greeter.1.2.0.nupkg`);
  });

  it('hides a private package from a user who may not read it', async () => {
    await push(nupkg('Mona.Greeter', '1.2.0'), gh.tokens.mona);
    const r = await fetch(`${feed()}/download/mona.greeter/index.json`, { headers: basicAuth(gh.tokens.hubot, 'hubot') });
    assert.equal(r.status, 404);
  });
});
