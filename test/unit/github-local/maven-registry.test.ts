import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, type LocalGitHub } from '../../github-local';
import { basicAuth, listedPackage } from './listing';

describe('local GitHub: the Maven registry (maven.pkg.github.com)', () => {
  let gh: LocalGitHub;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
  });
  afterEach(() => gh.stop());

  const file = (path: string) => `${gh.registries.maven}/${path}`;
  const put = (path: string, body: string, token = gh.tokens.mona) => fetch(file(path), { method: 'PUT', headers: basicAuth(token), body });
  const get = (path: string, token = gh.tokens.mona, method = 'GET') => fetch(file(path), { method, headers: basicAuth(token) });
  const jar = 'mona/hello-npm/com/mona/greeter/1.0.0/greeter-1.0.0.jar';

  it('stores a deployed artifact as version 1.0.0 of the package groupId.artifactId, linked to the repository in the URL', async () => {
    assert.equal((await put(jar, 'JAR BYTES')).status, 201);
    assert.equal((await put(`${jar}.sha1`, createHash('sha1').update('JAR BYTES').digest('hex'))).status, 201);
    assert.equal((await put('mona/hello-npm/com/mona/greeter/1.0.0/greeter-1.0.0.pom', '<project/>')).status, 201);
    const listed = await listedPackage(gh, 'maven', 'com.mona.greeter');
    assert.equal(listed.versionCount, 1);
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.equal(listed.visibility, 'public', 'a Maven package takes the visibility of its (public) repository');
    assert.deepEqual(listed.versions, ['1.0.0']);
  });

  it('serves the files back with GET and HEAD, checksums computed when not uploaded, and a maven-metadata.xml listing versions', async () => {
    await put(jar, 'JAR BYTES');
    await put('mona/hello-npm/com/mona/greeter/1.1.0/greeter-1.1.0.jar', 'NEWER');
    const got = await get(jar, gh.tokens.monaRead);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), 'JAR BYTES');
    assert.equal((await get(jar, gh.tokens.monaRead, 'HEAD')).status, 200);
    assert.equal(await (await get(`${jar}.sha256`)).text(), createHash('sha256').update('JAR BYTES').digest('hex'));
    const metadata = await (await get('mona/any-repo/com/mona/greeter/maven-metadata.xml')).text();
    assert.match(metadata, /<groupId>com\.mona<\/groupId>\s*<artifactId>greeter<\/artifactId>/);
    assert.match(
      metadata,
      /<latest>1\.1\.0<\/latest>\s*<release>1\.1\.0<\/release>\s*<versions>\s*<version>1\.0\.0<\/version>\s*<version>1\.1\.0<\/version>/,
    );
    const sha1 = await (await get('mona/any-repo/com/mona/greeter/maven-metadata.xml.sha1')).text();
    assert.equal(sha1, createHash('sha1').update(metadata).digest('hex'));
    assert.equal((await get('mona/hello-npm/com/mona/greeter/9.9.9/greeter-9.9.9.jar')).status, 404);
  });

  it('serves seeded versions a pom and a jar, to those who may read the (private) repository only', async () => {
    const pom = await fetch(file('octo-org/java-lib/com/octo/java-lib/1.0/java-lib-1.0.pom'), { headers: basicAuth(gh.tokens.mona) });
    assert.equal(pom.status, 200);
    assert.match(await pom.text(), /<artifactId>java-lib<\/artifactId>/);
    gh.state.addUser('eve');
    gh.state.addToken('eve', 'gplocal_eve', 'eve', ['read:packages']);
    const outsider = await fetch(file('octo-org/java-lib/com/octo/java-lib/1.0/java-lib-1.0.pom'), { headers: basicAuth('gplocal_eve') });
    assert.equal(outsider.status, 404);
  });

  it('challenges a request without a token for Basic credentials, even for public packages', async () => {
    await put(jar, 'JAR BYTES');
    const r = await fetch(file(jar));
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Basic realm="GitHub Package Registry"');
    const bad = await fetch(file(jar), { headers: basicAuth('gplocal_wrong') });
    assert.equal(bad.status, 401);
  });

  it('refuses a deploy without write:packages (403), into another owner (403), to a missing repository (404)', async () => {
    assert.equal((await put(jar, 'x', gh.tokens.monaRead)).status, 403);
    assert.equal((await put('hubot/private-stuff/com/h/a/1.0/a-1.0.jar', 'x')).status, 403);
    assert.equal((await put('mona/no-such-repo/com/mona/greeter/1.0.0/greeter-1.0.0.jar', 'x')).status, 404);
    assert.equal(gh.state.findPackage('mona', 'maven', 'com.mona.greeter'), undefined);
  });

  it('refuses to overwrite a file of a published version (409) and a package from another repository (409)', async () => {
    await put(jar, 'JAR BYTES');
    const again = await put(jar, 'OTHER BYTES');
    assert.equal(again.status, 409);
    assert.match(await again.text(), /already exists/);
    assert.equal(await (await get(jar)).text(), 'JAR BYTES');
    gh.state.addRepo('mona', 'second');
    assert.equal((await put('mona/second/com/mona/greeter/2.0.0/greeter-2.0.0.jar', 'x')).status, 409);
  });

  it('lets a -SNAPSHOT version be deployed again, as Maven does for every snapshot build', async () => {
    const snapshot = 'mona/hello-npm/com/mona/greeter/1.1-SNAPSHOT';
    assert.equal((await put(`${snapshot}/maven-metadata.xml`, '<metadata>1</metadata>')).status, 201);
    assert.equal((await put(`${snapshot}/maven-metadata.xml`, '<metadata>2</metadata>')).status, 201);
    assert.equal(await (await get(`${snapshot}/maven-metadata.xml`)).text(), '<metadata>2</metadata>');
  });
});
