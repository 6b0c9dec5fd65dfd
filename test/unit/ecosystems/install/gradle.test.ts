import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { gradleInstaller, gradleWithDependency } from '../../../../src/ecosystems/install/gradle';
import { HOSTILE, TOKEN, err, files, ok } from '../helpers';
import { request } from './helpers';

const groovy = URI.file('/work/app/build.gradle');
const kts = URI.file('/work/app/build.gradle.kts');
const greeter = { groupId: 'com.mona', artifactId: 'greeter' };

const GROOVY = `plugins {
  id 'java'
}

// what the app uses
dependencies {
  implementation 'org.slf4j:slf4j-api:2.0.9' // logging
}
`;

const KTS = `plugins {
    java
}

dependencies {
    implementation("org.slf4j:slf4j-api:2.0.9")
}
`;

describe('install/gradle: build script dependency edit', () => {
  it('adds implementation in Groovy notation to the dependencies block, in the file’s indentation, keeping the comments', () => {
    const after = ok(gradleWithDependency(GROOVY, greeter, '1.2.0', groovy));
    assert.equal(after, GROOVY.replace('// logging\n', "// logging\n  implementation 'com.mona:greeter:1.2.0'\n"));
  });

  it('adds implementation("…") in a Kotlin script', () => {
    const after = ok(gradleWithDependency(KTS, greeter, '1.2.0', kts));
    assert.equal(after, KTS.replace('2.0.9")\n', '2.0.9")\n    implementation("com.mona:greeter:1.2.0")\n'));
  });

  it('creates a dependencies block when the script has none, leaving buildscript dependencies alone', () => {
    const script = "buildscript {\n  dependencies {\n    classpath 'x:y:1'\n  }\n}\n";
    const after = ok(gradleWithDependency(script, greeter, '1.2.0', groovy));
    assert.equal(after, `${script}\ndependencies {\n  implementation 'com.mona:greeter:1.2.0'\n}\n`);
  });

  it('opens up a one-line empty dependencies block', () => {
    const after = ok(gradleWithDependency('dependencies {}\n', greeter, '1.2.0', kts));
    assert.equal(after, 'dependencies {\n    implementation("com.mona:greeter:1.2.0")\n}\n');
  });

  it('updates the version of a dependency already declared, in string and map notation, instead of adding one', () => {
    const string = GROOVY.replace('org.slf4j:slf4j-api:2.0.9', 'com.mona:greeter:1.0.0');
    assert.equal(ok(gradleWithDependency(string, greeter, '1.2.0', groovy)), string.replace(':1.0.0', ':1.2.0'));
    const map = "dependencies {\n  implementation group: 'com.mona', name: 'greeter', version: '1.0.0'\n}\n";
    assert.equal(ok(gradleWithDependency(map, greeter, '1.2.0', groovy)), map.replace("'1.0.0'", "'1.2.0'"));
    const unversioned = 'dependencies {\n    implementation("com.mona:greeter")\n}\n';
    assert.equal(ok(gradleWithDependency(unversioned, greeter, '1.2.0', kts)), unversioned.replace('greeter"', 'greeter:1.2.0"'));
  });

  it('does not take a commented-out dependency for a declared one', () => {
    const script = "dependencies {\n  // implementation 'com.mona:greeter:0.1'\n}\n";
    const after = ok(gradleWithDependency(script, greeter, '1.2.0', groovy));
    assert.match(after, /\/\/ implementation 'com\.mona:greeter:0\.1'\n {2}implementation 'com\.mona:greeter:1\.2\.0'\n}/);
  });

  it('refuses a script whose braces do not balance, naming the line, and edits nothing', () => {
    assert.match(err(gradleWithDependency('dependencies {\n  implementation "a:b:1"\n', greeter, '1.0', groovy), 'malformed'), /line 1/);
    assert.match(err(gradleWithDependency('}\n', greeter, '1.0', groovy), 'malformed'), /build\.gradle: the '}' on line 1/);
  });
});

describe('install/gradle: the install plan', () => {
  const pkg = { owner: 'mona', name: 'com.mona.greeter', version: '1.2.0', registryUrl: 'https://maven.pkg.github.com/mona/*' };
  const current = files({ '/work/app/build.gradle.kts': KTS, '/work/app/gradlew': undefined });

  it('adds the dependency and a resolution repository (no publishing block), then runs gradle dependencies', () => {
    const plan = ok(gradleInstaller.plan(request('/work/app/build.gradle.kts', pkg), current));
    const after = plan.edits[0].after;
    assert.match(after, /implementation\("com\.mona:greeter:1\.2\.0"\)/);
    assert.match(after, /repositories \{\n {4}maven \{[\s\S]*url = uri\("https:\/\/maven\.pkg\.github\.com\/mona\/\*"\)/);
    assert.match(after, /System\.getenv\("GITHUB_TOKEN"\)/);
    assert.ok(!after.includes('publishing'), 'a consumer build gets no publishing block');
    assert.deepEqual(
      [plan.steps[0].command, ...plan.steps[0].args],
      ['gradle', '--no-daemon', 'dependencies'],
      'no daemon keeps the token',
    );
    assert.equal(plan.steps[0].env.GITHUB_TOKEN, TOKEN);
    assert.ok(!after.includes(TOKEN));
    assert.ok(plan.failedIn!.test('\\--- com.mona:greeter:1.2.0 FAILED'), 'gradle marks an unresolved dependency FAILED');
    assert.ok(!plan.failedIn!.test('\\--- com.mona:greeter:1.2.0\n\\--- com.mona:other:1.0 FAILED'));
  });

  it('runs ./gradlew when the project has the wrapper, and names Gradle when neither is there', () => {
    const wrapped = ok(
      gradleInstaller.plan(
        request('/work/app/build.gradle.kts', pkg, ['gradle']),
        files({ '/work/app/build.gradle.kts': KTS, '/work/app/gradlew': '#!/bin/sh' }),
      ),
    );
    assert.equal(wrapped.steps[0].command, './gradlew');
    const missing = ok(gradleInstaller.plan(request('/work/app/build.gradle.kts', pkg, ['gradle']), current));
    assert.deepEqual(missing.steps, []);
    assert.match(missing.missingTool!.howToGet, /wrapper|gradle\.org/);
    assert.equal(missing.edits.length, 1, 'the edit is still made');
  });

  it('refuses hostile names before any edit', () => {
    for (const name of HOSTILE)
      err(gradleInstaller.plan(request('/work/app/build.gradle.kts', { ...pkg, name: `com.mona.${name}` }), current));
  });

  it('puts the repository in settings.gradle.kts when the build resolves from dependencyResolutionManagement', () => {
    const settings = `dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        mavenCentral()
    }
}
rootProject.name = "app"
`;
    const settingsPath = '/work/app/settings.gradle.kts';
    const plan = ok(
      gradleInstaller.plan(
        request('/work/app/build.gradle.kts', pkg),
        files({ '/work/app/build.gradle.kts': KTS, [settingsPath]: settings }),
      ),
    );
    const [script, central] = plan.edits;
    assert.equal(
      script.after,
      KTS.replace('2.0.9")\n', '2.0.9")\n    implementation("com.mona:greeter:1.2.0")\n'),
      'the script gets no repository Gradle would refuse',
    );
    assert.equal(central.uri.toString(), URI.file(settingsPath).toString());
    assert.match(
      central.after,
      /repositories \{\n {8}mavenCentral\(\)\n {8}maven \{\n {12}name = "GitHubPackages"\n {12}url = uri\("https:\/\/maven\.pkg\.github\.com\/mona\/\*"\)/,
    );
    assert.ok(central.after.endsWith('}\nrootProject.name = "app"\n'), 'the rest of settings is kept');
    assert.ok(!central.after.includes(TOKEN));
    const again = ok(
      gradleInstaller.plan(
        request('/work/app/build.gradle.kts', pkg),
        files({ '/work/app/build.gradle.kts': script.after, [settingsPath]: central.after }),
      ),
    );
    assert.deepEqual(again.edits, [], 'installing again changes nothing');
  });

  it('keeps adding the repository to the script when settings.gradle only names the project', () => {
    const plan = ok(
      gradleInstaller.plan(
        request('/work/app/build.gradle', pkg),
        files({ '/work/app/build.gradle': GROOVY, '/work/app/settings.gradle': "rootProject.name = 'app'\n" }),
      ),
    );
    assert.equal(plan.edits.length, 1);
    assert.match(plan.edits[0].after, /^repositories \{\n {2}maven \{/m);
  });
});
