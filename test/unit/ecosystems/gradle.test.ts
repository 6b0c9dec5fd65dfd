import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { gradle } from '../../../src/ecosystems/gradle';
import type { ConfigPlan, ProcessStep } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, files, ok } from './helpers';

const REPO = 'https://maven.pkg.github.com/octo/hello';
const path = URI.file('/work/hello/build.gradle.kts');

const SCRIPT = `plugins {
    \`java-library\`
    \`maven-publish\`
}

group = "com.octo" // where it goes
version = "1.0.0"

repositories {
    mavenCentral()
}
`;

describe('ecosystems/gradle', () => {
  it('matches build.gradle and build.gradle.kts', () => {
    assert.ok(gradle.matches('build.gradle') && gradle.matches('/x/build.gradle.kts'));
    assert.ok(!gradle.matches('settings.gradle.kts'));
    assert.equal(gradle.packageType, 'maven');
  });

  it('reads group, version and the folder name as artifact', () => {
    assert.deepEqual(gradle.parseManifest(SCRIPT, path), {
      name: 'com.octo.hello',
      maven: { groupId: 'com.octo', artifactId: 'hello' },
      version: '1.0.0',
    });
    assert.deepEqual(gradle.parseManifest("group 'org.x'\nartifactId = 'lib'\n", URI.file('/a/build.gradle')), {
      name: 'org.x.lib',
      maven: { groupId: 'org.x', artifactId: 'lib' },
    });
  });

  it('explains a missing group and unbalanced braces', () => {
    assert.match(err(gradle.parseManifest('version = "1"', path), 'malformed'), /^build\.gradle\.kts: set group = "com\.example"/);
    assert.match(err(gradle.parseManifest('group = "a"\nrepositories {\n  mavenCentral()\n', path)), /line 2 has no matching brace/);
    assert.ok(!('kind' in (gradle.parseManifest('group = "a" // {\nval s = "}"\n', path) as object)));
  });

  it('snippet is implementation("group:artifact:version")', () => {
    assert.deepEqual(gradle.installSnippet({ owner: 'octo', name: 'com.octo.hello', version: '1.0.0', registryUrl: REPO }), {
      language: 'kotlin',
      text: 'implementation("com.octo:hello:1.0.0")',
    });
    for (const bad of HOSTILE) err(gradle.installSnippet({ owner: 'octo', name: `com.${bad}`, version: '1', registryUrl: REPO }));
  });

  it('adds the repository to repositories {} and a publishing block, keeping the rest; idempotent', () => {
    const plan = ok<ConfigPlan>(
      gradle.configEdits({ owner: 'octo', name: 'com.octo.hello', registryUrl: REPO }, at(path.path), files({ [path.path]: SCRIPT })),
    );
    const after = plan.edits[0].after;
    const repo = (indent: string) =>
      [
        'maven {',
        '    name = "GitHubPackages"',
        `    url = uri("${REPO}")`,
        '    credentials {',
        '        username = System.getenv("GITHUB_ACTOR")',
        '        password = System.getenv("GITHUB_TOKEN")',
        '    }',
        '}',
      ]
        .map((l) => indent + l)
        .join('\n');
    assert.equal(
      after,
      `${SCRIPT.replace('    mavenCentral()\n', `    mavenCentral()\n${repo('    ')}\n`)}\npublishing {\n    repositories {\n${repo('        ')}\n    }\n}\n`,
    );
    assert.ok(!after.includes(TOKEN));
    assert.deepEqual(
      ok<ConfigPlan>(gradle.configEdits({ owner: 'octo', name: 'a.b', registryUrl: REPO }, at(path.path), files({ [path.path]: after })))
        .edits,
      [],
    );
  });

  it('inserts into an existing publishing { repositories } block', () => {
    const script = 'group = "a"\npublishing {\n  repositories {\n  }\n}\nrepositories { mavenCentral() }\n';
    const after = ok<ConfigPlan>(
      gradle.configEdits({ owner: 'octo', name: 'a.b', registryUrl: REPO }, at(path.path), files({ [path.path]: script })),
    ).edits[0].after;
    assert.match(after, /^publishing \{\n {2}repositories \{\n {4}maven \{\n {6}name = "GitHubPackages"/m);
    assert.match(after, /repositories \{ mavenCentral\(\)\n {2}maven \{/);
    assert.equal(after.split(REPO).length - 1, 2);
  });

  it('publishes with gradle publish, the token only in the environment', () => {
    const steps = ok<ProcessStep[]>(
      gradle.publishCommand({
        ...at(path.path),
        owner: 'octo',
        registryUrl: REPO,
        token: TOKEN,
        username: 'octocat',
        info: { name: 'com.octo.hello' },
        executable: './gradlew',
      }),
    );
    assert.deepEqual(
      steps.map((s) => [s.command, s.args, s.env]),
      [['./gradlew', ['publish'], { GITHUB_TOKEN: TOKEN, GITHUB_ACTOR: 'octocat' }]],
    );
    assertNoToken(steps.map((s) => ({ ...s, env: {} })));
  });
});
