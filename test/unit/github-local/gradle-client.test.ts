import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { gradle } from '../../../src/ecosystems/gradle';
import { isEcosystemError } from '../../../src/ecosystems/types';
import { hostFromApiUrl, registryUrl } from '../../../src/github/hosts';
import { start, type LocalGitHub } from '../../github-local';
import { client, requireCommands } from './real-clients';

// Core plugins only: there is no Gradle Plugin Portal or Maven Central here.
const BUILD_SCRIPT = `plugins {
    id 'java'
    id 'maven-publish'
}

group = 'com.mona'
version = '0.1.0'

dependencies {
    implementation 'com.octo:java-lib:VERSION'
}
`;

describe('local GitHub: the real Gradle client resolves from the stand-in through the build script Configure Registry writes', function () {
  this.timeout(300_000);
  let gh: LocalGitHub;
  let dir: string;
  let project: string;

  before(async function () {
    await requireCommands(this, [['gradle', 'gradle']]);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-gradle-'));
    project = join(dir, 'consumer');
    await mkdir(project);
    // A Gradle 4.4 daemon on Java 17 keeps the environment it started with, token included: one process a run.
    await mkdir(join(dir, 'gradle-home'));
    await writeFile(join(dir, 'gradle-home/gradle.properties'), 'org.gradle.daemon=false\n');
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Writes the build script asking for `version`, then adds the registry as Configure Registry does. */
  async function configure(version: string): Promise<string> {
    const manifest = URI.file(join(project, 'build.gradle'));
    const before = BUILD_SCRIPT.replace('VERSION', version);
    const url = registryUrl(hostFromApiUrl(gh.url), 'gradle', { owner: 'octo-org', repo: 'java-lib' }, { overrides: gh.registries });
    const plan = gradle.configEdits(
      { owner: 'octo-org', name: 'com.octo.java-lib', registryUrl: url },
      { manifest, home: URI.file(join(dir, 'home')) },
      new Map([[manifest.toString(), before]]),
    );
    assert.ok(!isEcosystemError(plan), JSON.stringify(plan));
    await writeFile(manifest.fsPath, plan.edits[0].after);
    return plan.edits[0].after;
  }
  const dependencies = (token: string) =>
    client('gradle', ['dependencies', '--configuration', 'compileClasspath'], {
      cwd: project,
      env: { ...process.env, GRADLE_USER_HOME: join(dir, 'gradle-home'), GITHUB_ACTOR: 'mona', GITHUB_TOKEN: token },
    });

  it('gradle dependencies resolves a package of the registry with the token only in the environment', async () => {
    const script = await configure('1.1');
    assert.ok(!script.includes(gh.tokens.monaRead), 'the build script names the variable, not the token');
    const r = await dependencies(gh.tokens.monaRead);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^\\--- com\.octo:java-lib:1\.1$/m);
    assert.match(
      r.stdout,
      /Download http:\/\/127\.0\.0\.1:\d+\/_registry\/maven\/octo-org\/java-lib\/com\/octo\/java-lib\/1\.1\/java-lib-1\.1\.pom/,
    );
    assert.equal(await readFile(join(project, 'build.gradle'), 'utf8'), script);
  });

  it('gradle dependencies marks a missing version, and a token the registry refuses, FAILED yet exits 0', async () => {
    await configure('9.9');
    const missing = await dependencies(gh.tokens.monaRead);
    assert.equal(missing.code, 0, missing.stdout + missing.stderr);
    assert.match(missing.stdout, /^\\--- com\.octo:java-lib:9\.9 FAILED$/m);
    await configure('1.0');
    const refused = await dependencies('gplocal_not_a_token');
    assert.equal(refused.code, 0, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /^\\--- com\.octo:java-lib:1\.0 FAILED$/m);
  });
});
