import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { gradle, parseGradleBuild } from '../../../src/ecosystems/gradle';
import { gradleInstaller } from '../../../src/ecosystems/install';
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
  });
  const gradleHome = () => ({ GRADLE_USER_HOME: join(dir, 'gradle-home') });
  after(async () => {
    // Only if a regression left one: the daemons of this sandbox's Gradle home, none other.
    if (dir) await client('gradle', ['--stop'], { cwd: dir, env: { ...process.env, ...gradleHome() } });
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const url = () => registryUrl(hostFromApiUrl(gh.url), 'gradle', { owner: 'octo-org', repo: 'java-lib' }, { overrides: gh.registries });

  /** Writes the build script asking for `version`, then adds the registry as Configure Registry does. */
  async function configure(version: string, script = BUILD_SCRIPT): Promise<string> {
    const manifest = URI.file(join(project, 'build.gradle'));
    const before = script.replace('VERSION', version);
    const plan = gradle.configEdits(
      { owner: 'octo-org', name: 'com.octo.java-lib', registryUrl: url() },
      { manifest, home: URI.file(join(dir, 'home')) },
      new Map([[manifest.toString(), before]]),
    );
    assert.ok(!isEcosystemError(plan), JSON.stringify(plan));
    await writeFile(manifest.fsPath, plan.edits[0].after);
    return plan.edits[0].after;
  }
  /** The resolve command line the extension runs (Install into Project's), as is, with `token` in its environment. */
  async function dependencies(token: string) {
    const manifest = URI.file(join(project, 'build.gradle'));
    const plan = gradleInstaller.plan(
      {
        pkg: { owner: 'octo-org', name: 'com.octo.java-lib', version: 'VERSION', registryUrl: url() },
        location: { manifest, home: URI.file(join(dir, 'home')) },
        token,
        username: 'mona',
        onPath: (command) => command === 'gradle',
      },
      new Map([[manifest.toString(), BUILD_SCRIPT]]),
    );
    assert.ok(!isEcosystemError(plan), JSON.stringify(plan));
    const [step] = plan.steps;
    return client(step.command, step.args, { cwd: step.cwd.fsPath, env: { ...process.env, ...gradleHome(), ...step.env } });
  }
  const daemons = () => client('gradle', ['--status'], { cwd: dir, env: { ...process.env, ...gradleHome() } });

  it('gradle dependencies resolves a package of the registry with the token only in the environment, leaving no daemon', async () => {
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
    const status = await daemons();
    assert.match(status.stdout, /No Gradle daemons are running/, 'the token must not live on in a daemon: ' + status.stdout);
  });

  it('a build without maven-publish still builds after Configure Registry: only the repository to resolve from is added', async () => {
    const script = await configure('1.1', BUILD_SCRIPT.replace("    id 'maven-publish'\n", ''));
    assert.ok(!script.includes('publishing'), script);
    const r = await dependencies(gh.tokens.monaRead);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /Could not find method publishing/);
    assert.match(r.stdout, /^\\--- com\.octo:java-lib:1\.1$/m);
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

  it('names the artifact as Gradle does: rootProject.name from settings.gradle, not the folder', async () => {
    const folder = join(dir, 'lib-folder');
    await mkdir(folder);
    const script = `${BUILD_SCRIPT.replace(/dependencies \{[\s\S]*$/, '')}publishing {\n    publications {\n        maven(MavenPublication) {\n            from components.java\n        }\n    }\n}\n`;
    const settings = "// the build's name\nrootProject.name = 'greeter-lib'\n";
    await writeFile(join(folder, 'build.gradle'), script);
    await writeFile(join(folder, 'settings.gradle'), settings);
    const info = parseGradleBuild(script, URI.file(join(folder, 'build.gradle')), settings);
    assert.ok(!isEcosystemError(info), JSON.stringify(info));
    // The POM maven-publish would upload, written without any repository or token.
    const r = await client('gradle', ['--no-daemon', 'generatePomFileForMavenPublication'], {
      cwd: folder,
      env: { ...process.env, ...gradleHome() },
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const pom = await readFile(join(folder, 'build/publications/maven/pom-default.xml'), 'utf8');
    assert.match(pom, new RegExp(`<groupId>${info.maven!.groupId}</groupId>\\s*<artifactId>${info.maven!.artifactId}</artifactId>`));
    assert.equal(info.name, 'com.mona.greeter-lib');
  });
});
