import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { URI } from 'vscode-uri';
import {
  gradleInstaller,
  mavenInstaller,
  nugetInstaller,
  resolveFailure,
  rubygemsInstaller,
  type InstallPlan,
  type Installer,
} from '../../../src/ecosystems/install';
import { isEcosystemError, type ProcessStep } from '../../../src/ecosystems/types';
import { start, type LocalGitHub } from '../../github-local';
import { basicAuth } from './listing';
import { client, copyDebianMavenRepo, requireCommands, requireMaven, requireNugetExe, run, type RunResult } from './real-clients';

/**
 * What Install into Project does, outside VS Code: the installer's plan is applied to a fixture project on disk, and
 * the resolve command line it builds runs with the real client against the stand-in, the token only in its environment.
 */
async function planAndApply(
  installer: Installer,
  manifest: string,
  home: string,
  pkg: Parameters<Installer['plan']>[0]['pkg'],
  token: string,
) {
  const location = { manifest: URI.file(manifest), home: URI.file(home) };
  const current = new Map<string, string | undefined>();
  for (const file of installer.files(location)) current.set(file.toString(), await readFile(file.fsPath, 'utf8').catch(() => undefined));
  const plan = installer.plan(
    { pkg, location, token, username: 'mona', onPath: (c) => ['mvn', 'gradle', 'bundle', 'nuget'].includes(c) },
    current,
  );
  if (isEcosystemError(plan)) assert.fail(plan.message);
  for (const edit of plan.edits) {
    await mkdir(join(edit.uri.fsPath, '..'), { recursive: true });
    await writeFile(edit.uri.fsPath, edit.after);
  }
  assert.ok(!JSON.stringify(plan.edits).includes(token), 'no token in any edited file');
  assert.ok(!plan.steps.some((s) => s.args.some((a) => a.includes(token))), 'no token on the command line');
  return plan;
}

/** Runs a plan step as the extension does (arguments as an array, its env merged over ours) plus `extra` for the sandbox. */
function runStep(step: ProcessStep, extra: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return client(step.command, step.args, { cwd: step.cwd.fsPath, env: { ...process.env, ...extra, ...step.env } });
}

const withToken = (plan: InstallPlan, token: string): ProcessStep => {
  const step = plan.steps[0];
  return { ...step, env: Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, v.replace(/gplocal_\w+/, token)])) };
};

describe('local GitHub: Install into Project edits a pom.xml, then the real mvn resolves it', function () {
  this.timeout(300_000);
  let gh: LocalGitHub;
  let dir: string;
  let mavenOpts: string;

  before(async function () {
    await requireMaven(this);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-install-maven-'));
    // No Maven Central here: Debian's repository, copied, is the local repository; user.home points at the sandbox's ~/.m2.
    await copyDebianMavenRepo(join(dir, 'repo'));
    mavenOpts = `-Dmaven.repo.local=${join(dir, 'repo')} -Duser.home=${join(dir, 'home')}`;
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(join(dir, 'Greeter.txt'), 'hello from a real jar\n');
    await run('jar', ['cf', 'greeter.jar', 'Greeter.txt'], { cwd: dir });
    await writeFile(
      join(dir, 'deploy-settings.xml'),
      '<settings><servers><server><id>github</id><username>mona</username><password>${env.GITHUB_TOKEN}</password></server></servers></settings>\n',
    );
    const deployed = await client(
      'mvn',
      [
        '-B',
        '-s',
        join(dir, 'deploy-settings.xml'),
        `-Dmaven.repo.local=${join(dir, 'repo')}`,
        'org.apache.maven.plugins:maven-deploy-plugin:3.0.0:deploy-file',
      ].concat([
        '-Dfile=greeter.jar',
        '-DgroupId=com.mona',
        '-DartifactId=greeter',
        '-Dversion=1.0.0',
        '-Dpackaging=jar',
        '-DrepositoryId=github',
        `-Durl=${gh.registries.maven}/mona/hello-npm`,
      ]),
      { cwd: dir, env: { ...process.env, GITHUB_TOKEN: gh.tokens.mona } },
    );
    assert.equal(deployed.code, 0, deployed.stdout);
    await rm(join(dir, 'repo/com/mona'), { recursive: true, force: true });
    await mkdir(join(dir, 'app'));
    await writeFile(
      join(dir, 'app/pom.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <!-- the app -->\n  <groupId>com.octo</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0.0</version>\n</project>\n',
    );
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pkg = () => ({ owner: 'mona', name: 'com.mona.greeter', version: '1.0.0', registryUrl: `${gh.registries.maven}/mona/hello-npm` });

  it('mvn -B dependency:resolve downloads the dependency the edit added, with a read-only token in GITHUB_TOKEN only', async () => {
    const plan = await planAndApply(mavenInstaller, join(dir, 'app/pom.xml'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.deepEqual(
      plan.edits.map((e) => e.uri.fsPath),
      [join(dir, 'app/pom.xml'), join(dir, 'home/.m2/settings.xml')],
    );
    assert.match(await readFile(join(dir, 'app/pom.xml'), 'utf8'), /<!-- the app -->[\s\S]*<artifactId>greeter<\/artifactId>/);
    const r = await runStep(plan.steps[0], { MAVEN_OPTS: mavenOpts });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(await readFile(join(dir, 'repo/com/mona/greeter/1.0.0/greeter-1.0.0.jar')), await readFile(join(dir, 'greeter.jar')));
  });

  it('a second install of the same version changes no file; a token GitHub refuses reads as a token problem', async () => {
    const again = await planAndApply(mavenInstaller, join(dir, 'app/pom.xml'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.deepEqual(again.edits, []);
    await rm(join(dir, 'repo/com/mona'), { recursive: true, force: true });
    const refused = await runStep(withToken(again, 'gplocal_not_a_token'), { MAVEN_OPTS: mavenOpts });
    assert.notEqual(refused.code, 0);
    assert.equal(resolveFailure(refused.stdout + refused.stderr), 'unauthorized', refused.stdout);
  });
});

describe('local GitHub: Install into Project edits a build.gradle, then the real gradle resolves it', function () {
  this.timeout(300_000);
  let gh: LocalGitHub;
  let dir: string;
  // Gradle's caches (and daemon registry) inside the sandbox; whether a daemon stays is up to the extension's command line.
  const sandbox = () => ({ GRADLE_USER_HOME: join(dir, 'gradle-home') });
  const daemons = () => client('gradle', ['--status'], { cwd: dir, env: { ...process.env, ...sandbox() } });

  before(async function () {
    await requireCommands(this, [
      ['gradle', 'gradle'],
      ['mvn', 'maven'],
      ['jar', 'openjdk-17-jdk-headless'],
    ]);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-install-gradle-'));
    await writeFile(join(dir, 'Greeter.txt'), 'hello from a real jar\n');
    await run('jar', ['cf', 'greeter.jar', 'Greeter.txt'], { cwd: dir });
    // Deployed over HTTP as mvn deploy does (PUT with Basic credentials): the pom, then the jar.
    const base = `${gh.registries.maven}/mona/hello-npm/com/mona/greeter/1.0.0/greeter-1.0.0`;
    const pom = `<project><modelVersion>4.0.0</modelVersion><groupId>com.mona</groupId><artifactId>greeter</artifactId><version>1.0.0</version></project>`;
    for (const [suffix, body] of [
      ['.pom', Buffer.from(pom)],
      ['.jar', await readFile(join(dir, 'greeter.jar'))],
    ] as const) {
      const put = await fetch(`${base}${suffix}`, { method: 'PUT', headers: basicAuth(gh.tokens.mona), body });
      assert.equal(put.status, 201, await put.text());
    }
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app/build.gradle'), "plugins {\n    id 'java'\n}\n\n// the app\n");
  });
  after(async () => {
    // Only if a regression left one: the daemons of this sandbox's Gradle home, none other.
    if (dir) await client('gradle', ['--stop'], { cwd: dir, env: { ...process.env, ...sandbox() } });
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pkg = () => ({ owner: 'mona', name: 'com.mona.greeter', version: '1.0.0', registryUrl: `${gh.registries.maven}/mona/hello-npm` });

  it('gradle dependencies resolves the dependency the edit added, the token in GITHUB_TOKEN only, and leaves no daemon holding it', async () => {
    const plan = await planAndApply(gradleInstaller, join(dir, 'app/build.gradle'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.match(
      await readFile(join(dir, 'app/build.gradle'), 'utf8'),
      /\/\/ the app\n\ndependencies \{\n {4}implementation 'com\.mona:greeter:1\.0\.0'\n\}/,
    );
    const r = await runStep(plan.steps[0], sandbox());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Download [^\n]*\/greeter-1\.0\.0\.pom\n\\--- com\.mona:greeter:1\.0\.0\n/);
    assert.ok(!plan.failedIn!.test(r.stdout), r.stdout);
    const status = await daemons();
    assert.match(status.stdout, /No Gradle daemons are running/, status.stdout);
  });

  it('an unresolved dependency (a token the registry refuses) is a failure even though gradle exits 0', async () => {
    const plan = await planAndApply(gradleInstaller, join(dir, 'app/build.gradle'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.deepEqual(plan.edits, [], 'the dependency is already there');
    await rm(join(dir, 'gradle-home'), { recursive: true, force: true });
    const r = await runStep(withToken(plan, 'gplocal_not_a_token'), sandbox());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(plan.failedIn!.test(r.stdout), r.stdout);
  });
});

describe('local GitHub: Install into Project edits a Gemfile, then the real bundle install resolves it', function () {
  this.timeout(180_000);
  let gh: LocalGitHub;
  let dir: string;
  const sandbox = () => ({
    HOME: join(dir, 'home'),
    GEM_HOME: join(dir, 'gems'),
    GEM_PATH: join(dir, 'gems'),
    BUNDLE_PATH: join(dir, 'app/vendor'),
    BUNDLE_DISABLE_SHARED_GEMS: 'true',
  });

  before(async function () {
    await requireCommands(this, [
      ['gem', 'ruby'],
      ['bundle', 'bundler'],
    ]);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-install-gem-'));
    await mkdir(join(dir, 'home'), { recursive: true });
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app/Gemfile'), '# frozen_string_literal: true\n\n# gems of the app\n');
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pkg = () => ({ owner: 'mona', name: 'solo-gem', version: '0.1.0', registryUrl: `${gh.registries.rubygems}/mona` });

  it('bundle install installs the gem the edit added inside the source block, the credential in BUNDLE_<HOST> only', async () => {
    const plan = await planAndApply(rubygemsInstaller, join(dir, 'app/Gemfile'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.deepEqual(Object.keys(plan.steps[0].env), ['BUNDLE_127__0__0__1']);
    assert.equal(
      await readFile(join(dir, 'app/Gemfile'), 'utf8'),
      `# frozen_string_literal: true\n\n# gems of the app\n\nsource "${gh.registries.rubygems}/mona" do\n  gem "solo-gem", "0.1.0"\nend\n`,
    );
    const r = await runStep(plan.steps[0], sandbox());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(await readFile(join(dir, 'app/Gemfile.lock'), 'utf8'), /solo-gem \(0\.1\.0\)/);
  });

  it('a gem declared for another source is pointed at GitHub on its line, and bundle install fetches it from there', async () => {
    // The global source is another owner's registry, which has no solo-gem: only the added source: can resolve it.
    const other = `${gh.registries.rubygems}/octo-org`;
    await writeFile(join(dir, 'app/Gemfile'), `source "${other}"\n\ngem "solo-gem" # ours\n`);
    await rm(join(dir, 'app/Gemfile.lock'), { force: true });
    const plan = await planAndApply(rubygemsInstaller, join(dir, 'app/Gemfile'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    assert.equal(
      await readFile(join(dir, 'app/Gemfile'), 'utf8'),
      `source "${other}"\n\ngem "solo-gem", "0.1.0", source: "${gh.registries.rubygems}/mona" # ours\n`,
    );
    const r = await runStep(plan.steps[0], sandbox());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      await readFile(join(dir, 'app/Gemfile.lock'), 'utf8'),
      new RegExp(`remote: ${gh.registries.rubygems}/mona/[\\s\\S]*solo-gem \\(0\\.1\\.0\\)`),
    );
  });

  it('a token the registry refuses reads as a token problem, and a missing version as not found', async () => {
    const plan = await planAndApply(rubygemsInstaller, join(dir, 'app/Gemfile'), join(dir, 'home'), pkg(), gh.tokens.monaRead);
    await rm(join(dir, 'app/vendor'), { recursive: true, force: true });
    const refused = await runStep(withToken(plan, 'gplocal_not_a_token'), sandbox());
    assert.notEqual(refused.code, 0);
    assert.equal(resolveFailure(refused.stdout + refused.stderr), 'unauthorized', refused.stdout + refused.stderr);
    const missing = await planAndApply(
      rubygemsInstaller,
      join(dir, 'app/Gemfile'),
      join(dir, 'home'),
      { ...pkg(), version: '9.9.9' },
      gh.tokens.monaRead,
    );
    await rm(join(dir, 'app/Gemfile.lock'), { force: true });
    const notFound = await runStep(missing.steps[0], sandbox());
    assert.notEqual(notFound.code, 0);
    assert.equal(resolveFailure(notFound.stdout + notFound.stderr), 'not-found', notFound.stdout + notFound.stderr);
  });
});

describe('local GitHub: Install into Project edits a .csproj, then the real nuget.exe (Mono) fetches the package', function () {
  this.timeout(240_000);
  let gh: LocalGitHub;
  let dir: string;
  let exe: string;

  before(async function () {
    exe = await requireNugetExe(this);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-install-nuget-'));
    await mkdir(join(dir, 'home'), { recursive: true });
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'App'));
    // A `nuget` on PATH as Mono installs it: a wrapper that runs nuget.exe.
    await writeFile(join(dir, 'bin/nuget'), `#!/bin/sh\nexec mono "${exe}" "$@"\n`);
    await chmod(join(dir, 'bin/nuget'), 0o755);
    await writeFile(
      join(dir, 'App/App.csproj'),
      '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n',
    );
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('nuget install through the nuget.config the edit wrote fetches the referenced version, the token in GITHUB_TOKEN only', async () => {
    const pkg = { owner: 'mona', name: 'Mona.Lib', version: '1.0.1', registryUrl: `${gh.registries.nuget}/mona/index.json` };
    const plan = await planAndApply(nugetInstaller, join(dir, 'App/App.csproj'), join(dir, 'home'), pkg, gh.tokens.monaRead);
    assert.match(
      await readFile(join(dir, 'App/App.csproj'), 'utf8'),
      /<ItemGroup>\n {4}<PackageReference Include="Mona\.Lib" Version="1\.0\.1" \/>/,
    );
    assert.match(await readFile(join(dir, 'App/nuget.config'), 'utf8'), /%GITHUB_TOKEN%/);
    const env = { HOME: join(dir, 'home'), PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}` };
    const r = await runStep(plan.steps[0], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await readFile(join(dir, 'App/packages/Mona.Lib.1.0.1/content/README.txt'), 'utf8'), 'Mona.Lib 1.0.1 (local seed)\n');
    const refused = await runStep(
      withToken(
        { ...plan, steps: [{ ...plan.steps[0], args: plan.steps[0].args.map((a) => (a === '1.0.1' ? '1.0.0' : a)) }] },
        'gplocal_not_a_token',
      ),
      env,
    );
    assert.notEqual(refused.code, 0);
    assert.equal(resolveFailure(refused.stdout + refused.stderr), 'unauthorized', refused.stdout + refused.stderr);
  });
});
