import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type LocalGitHub } from '../../github-local';
import { listedPackage } from './listing';
import { client, copyDebianMavenRepo, requireMaven, run } from './real-clients';

const DEPLOY = 'org.apache.maven.plugins:maven-deploy-plugin:3.0.0:deploy-file';
const GET = 'org.apache.maven.plugins:maven-dependency-plugin:3.5.0:get';

describe('local GitHub: the real Maven client deploys to and resolves from the stand-in', function () {
  this.timeout(300_000);
  let gh: LocalGitHub;
  let dir: string;
  let localRepo: string;

  before(async function () {
    await requireMaven(this);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-maven-'));
    // No Maven Central here: Debian's repository, copied, is the local repository with every plugin Maven needs.
    localRepo = join(dir, 'repo');
    await copyDebianMavenRepo(localRepo);
    await writeFile(
      join(dir, 'settings.xml'),
      '<settings><servers><server><id>github</id><username>mona</username><password>${env.GITHUB_TOKEN}</password></server></servers></settings>\n',
    );
    await writeFile(join(dir, 'Greeter.txt'), 'hello from a real jar\n');
    await run('jar', ['cf', 'greeter.jar', 'Greeter.txt'], { cwd: dir });
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mvn = (token: string, args: string[]) =>
    client('mvn', ['-B', '-s', join(dir, 'settings.xml'), `-Dmaven.repo.local=${localRepo}`, ...args], {
      cwd: dir,
      env: { ...process.env, GITHUB_TOKEN: token },
    });
  const deploy = (token: string, version: string, repo = 'hello-npm') =>
    mvn(token, [
      DEPLOY,
      '-Dfile=greeter.jar',
      '-DgroupId=com.mona',
      '-DartifactId=greeter',
      `-Dversion=${version}`,
      '-Dpackaging=jar',
      '-DrepositoryId=github',
      `-Durl=${gh.registries.maven}/mona/${repo}`,
    ]);

  /** dependency:get of com.mona:greeter with a read-only token, into a local repository that does not hold it yet. */
  async function resolve(version: string) {
    await rm(join(localRepo, 'com/mona'), { recursive: true, force: true });
    return mvn(gh.tokens.monaRead, [
      GET,
      `-Dartifact=com.mona:greeter:${version}`,
      '-Dtransitive=false',
      `-DremoteRepositories=github::default::${gh.registries.maven}/mona/hello-npm`,
    ]);
  }

  it('mvn deploy-file publishes a version the REST API lists under groupId.artifactId, linked to the repository', async () => {
    const r = await deploy(gh.tokens.mona, '1.0.0');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const listed = await listedPackage(gh, 'maven', 'com.mona.greeter');
    assert.equal(listed.status, 200);
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['1.0.0']);
  });

  it('mvn dependency:get resolves the published jar with a read-only token and gets the same bytes', async () => {
    const r = await resolve('1.0.0');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(await readFile(join(localRepo, 'com/mona/greeter/1.0.0/greeter-1.0.0.jar')), await readFile(join(dir, 'greeter.jar')));
  });

  it('mvn reports the refusals: 409 for a version deployed twice, 403 for a token without write:packages', async () => {
    const again = await deploy(gh.tokens.mona, '1.0.0');
    assert.notEqual(again.code, 0);
    assert.match(again.stdout, /409 Conflict/);
    const readOnly = await deploy(gh.tokens.monaRead, '1.0.1');
    assert.notEqual(readOnly.code, 0);
    assert.match(readOnly.stdout, /403 Forbidden/);
    assert.deepEqual((await listedPackage(gh, 'maven', 'com.mona.greeter')).versions, ['1.0.0']);
  });

  it('mvn deploys a -SNAPSHOT twice, and dependency:get resolves the latest snapshot build', async () => {
    assert.equal((await deploy(gh.tokens.mona, '1.1-SNAPSHOT')).code, 0);
    await writeFile(join(dir, 'Greeter.txt'), 'second snapshot build\n');
    await run('jar', ['cf', 'greeter.jar', 'Greeter.txt'], { cwd: dir });
    const second = await deploy(gh.tokens.mona, '1.1-SNAPSHOT');
    assert.equal(second.code, 0, second.stdout + second.stderr);
    const r = await resolve('1.1-SNAPSHOT');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(
      await readFile(join(localRepo, 'com/mona/greeter/1.1-SNAPSHOT/greeter-1.1-SNAPSHOT.jar')),
      await readFile(join(dir, 'greeter.jar')),
    );
    assert.deepEqual(
      (await listedPackage(gh, 'maven', 'com.mona.greeter')).versions,
      ['1.1-SNAPSHOT', '1.0.0'],
      'a snapshot is one version, whatever its builds',
    );
  });
});
