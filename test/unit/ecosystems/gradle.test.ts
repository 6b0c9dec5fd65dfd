import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { appliesMavenPublish, gradle, gradlePublishProblem, parseGradleBuild } from '../../../src/ecosystems/gradle';
import { repositoryFromUrl } from '../../../src/ecosystems';
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
      appliesMavenPublish: true,
    });
    assert.deepEqual(gradle.parseManifest("group 'org.x'\nartifactId = 'lib'\n", URI.file('/a/build.gradle')), {
      name: 'org.x.lib',
      maven: { groupId: 'org.x', artifactId: 'lib' },
      appliesMavenPublish: false,
    });
  });

  it('names the artifact after rootProject.name in settings.gradle, as Gradle does; an artifactId in the script still wins', () => {
    const settings = '// rootProject.name = "old"\nrootProject.name = "greeter-lib"\ninclude("app")\n';
    assert.deepEqual(ok(parseGradleBuild(SCRIPT, path, settings)).maven, { groupId: 'com.octo', artifactId: 'greeter-lib' });
    assert.equal(ok(parseGradleBuild(SCRIPT, path, "rootProject.name = 'greeter-lib'\n")).name, 'com.octo.greeter-lib');
    assert.equal(ok(parseGradleBuild(SCRIPT, path, 'include("app")\n')).name, 'com.octo.hello', 'no name there: the folder');
    assert.equal(ok(parseGradleBuild(`${SCRIPT}artifactId = "core"\n`, path, settings)).name, 'com.octo.core');
    err(parseGradleBuild(SCRIPT, path, 'rootProject.name = "a b"\n'), 'malformed');
  });

  it('reads the repository (and owner) from the publication pom: scm url, scm connection or the pom url, never a licence url', () => {
    const publication = (pom: string) =>
      `${SCRIPT}publishing {\n    publications {\n        create<MavenPublication>("maven") {\n            pom {\n${pom}\n            }\n        }\n    }\n}\n`;
    const licence = '                licenses { license { url.set("https://www.apache.org/licenses/LICENSE-2.0.txt") } }';
    const cases: Array<[string, string | undefined]> = [
      [`${licence}\n                scm { url.set("https://github.com/octo/hello-lib") }`, 'https://github.com/octo/hello-lib'],
      [
        "                scm {\n                    connection = 'scm:git:git://github.com/octo/hello-lib.git'\n                }",
        'https://github.com/octo/hello-lib',
      ],
      [`${licence}\n                url = "https://github.com/octo/hello-lib"`, 'https://github.com/octo/hello-lib'],
      [licence, undefined],
    ];
    for (const [pom, expected] of cases) {
      const info = ok(gradle.parseManifest(publication(pom), path));
      assert.equal(info.repositoryUrl, expected, pom);
      assert.equal(repositoryFromUrl(info.repositoryUrl), expected && 'hello-lib');
      assert.equal(info.owner, expected && 'octo');
      assert.equal(info.registryUrl, undefined, 'a pom URL is not a registry');
    }
  });

  it('tells whether the script applies maven-publish in each way Gradle accepts, not in a comment or another plugin', () => {
    for (const yes of [
      "plugins {\n  id 'maven-publish'\n}",
      'plugins {\n    id("maven-publish")\n}',
      'plugins {\n    `maven-publish`\n}',
      "apply plugin: 'maven-publish'",
      'apply(plugin = "maven-publish")',
      'subprojects {\n  apply plugin: "maven-publish"\n}',
    ])
      assert.ok(appliesMavenPublish(yes), yes);
    for (const no of [
      "plugins {\n  id 'java'\n  // id 'maven-publish'\n}",
      "plugins { id 'maven-publish-extra' }",
      '/* `maven-publish` */',
      '',
    ])
      assert.ok(!appliesMavenPublish(no), no);
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

  it('adds only the resolution repository to a script without maven-publish, and says how to add the plugin', () => {
    const script = "plugins {\n    id 'java'\n}\n\ngroup = 'com.octo'\n";
    const groovy = URI.file('/work/hello/build.gradle');
    const plan = ok<ConfigPlan>(
      gradle.configEdits({ owner: 'octo', name: 'com.octo.hello', registryUrl: REPO }, at(groovy.path), files({ [groovy.path]: script })),
    );
    const after = plan.edits[0].after;
    assert.ok(!/publishing/.test(after), 'no publishing block: Gradle would fail with "Could not find method publishing()"');
    assert.match(after, /^repositories \{\n {4}maven \{\n {8}name = "GitHubPackages"/m);
    assert.match(
      plan.notes.join('\n'),
      /maven-publish plugin, which build\.gradle does not apply[\s\S]*Add id 'maven-publish' to its plugins/,
    );
    const kts = ok<ConfigPlan>(
      gradle.configEdits(
        { owner: 'octo', name: 'a.b', registryUrl: REPO },
        at(path.path),
        files({ [path.path]: 'plugins {\n    java\n}\n' }),
      ),
    );
    assert.match(kts.notes.join('\n'), /Add `maven-publish` to its plugins/);
  });

  it('adds no publishing repository for a registry URL without a repository (OWNER/*), and says how to name one', () => {
    const plan = ok<ConfigPlan>(
      gradle.configEdits(
        { owner: 'octo', name: 'com.octo.hello', registryUrl: 'https://maven.pkg.github.com/octo/*' },
        at(path.path),
        files({ [path.path]: SCRIPT }),
      ),
    );
    assert.ok(!plan.edits[0].after.includes('publishing'));
    assert.match(
      plan.notes.join('\n'),
      /names no repository: add pom \{ scm \{ url\.set\("https:\/\/github\.com\/OWNER\/REPOSITORY"\) \} \}/,
    );
  });

  it('adds the resolution repository to settings.gradle when it declares dependencyResolutionManagement repositories', () => {
    const groovy = URI.file('/work/hello/build.gradle');
    const settings = URI.file('/work/hello/settings.gradle');
    const central =
      'dependencyResolutionManagement {\n  repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)\n  repositories {\n    mavenCentral()\n  }\n}\n';
    const script = "plugins {\n  id 'java'\n  id 'maven-publish'\n}\ngroup = 'com.octo'\n";
    const plan = ok<ConfigPlan>(
      gradle.configEdits(
        { owner: 'octo', name: 'com.octo.hello', registryUrl: REPO },
        at(groovy.path),
        files({ [groovy.path]: script, [settings.path]: central }),
      ),
    );
    assert.deepEqual(
      plan.edits.map((edit) => edit.uri.path),
      [groovy.path, settings.path],
    );
    const [scriptEdit, settingsEdit] = plan.edits;
    assert.ok(!/^repositories/m.test(scriptEdit.after), 'no project repository: FAIL_ON_PROJECT_REPOS would fail the build');
    assert.match(scriptEdit.after, /^publishing \{\n {2}repositories \{\n {4}maven \{/m, 'publishing still goes in the script');
    assert.match(settingsEdit.after, /^ {2}repositories \{\n {4}mavenCentral\(\)\n {4}maven \{\n {6}name = "GitHubPackages"/m);
    assert.deepEqual(
      gradle.configFiles(at(groovy.path)).map((uri) => uri.path),
      [groovy.path, '/work/hello/settings.gradle.kts', settings.path],
    );
    const again = ok<ConfigPlan>(
      gradle.configEdits(
        { owner: 'octo', name: 'com.octo.hello', registryUrl: REPO },
        at(groovy.path),
        files({ [groovy.path]: scriptEdit.after, [settings.path]: settingsEdit.after }),
      ),
    );
    assert.deepEqual(again.edits, [], 'configuring again changes nothing');
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
      [['./gradlew', ['--no-daemon', 'publish'], { GITHUB_TOKEN: TOKEN, GITHUB_ACTOR: 'octocat' }]],
    );
    assertNoToken(steps.map((s) => ({ ...s, env: {} })));
  });

  it('runs gradle publish without a daemon, which would keep the token for later builds', () => {
    const info = ok(gradle.parseManifest(SCRIPT, path));
    const request = { ...at(path.path), owner: 'octo', registryUrl: REPO, token: TOKEN, username: 'octocat', info };
    const steps = ok<ProcessStep[]>(gradle.publishCommand(request));
    assert.deepEqual([steps[0].command, ...steps[0].args], ['gradle', '--no-daemon', 'publish']);
  });

  it('refuses to publish a script without maven-publish, naming the plugin line and a publication to add', () => {
    const groovy = URI.file('/work/hello/build.gradle');
    const info = ok(gradle.parseManifest("plugins {\n  id 'java'\n}\ngroup = 'com.octo'\n", groovy));
    const request = { ...at(groovy.path), owner: 'octo', registryUrl: REPO, token: TOKEN, username: 'octocat', info };
    const message = err(gradle.publishCommand(request), 'invalid-input');
    assert.match(message, /^build\.gradle does not apply the maven-publish plugin.*Add id 'maven-publish'.*maven\(MavenPublication\)/);
    assert.equal(
      gradlePublishProblem(info, groovy)?.message,
      message,
      'the command layer refuses with the same words before asking anything',
    );
    assert.match(
      err(gradlePublishProblem(ok(gradle.parseManifest('group = "a"\n', path)), path)),
      /Add `maven-publish`.*create<MavenPublication>/,
    );
    assertNoToken(message);
  });

  it('never publishes to OWNER/*: without a repository it refuses, naming the pom scm url to add', () => {
    const info = ok(gradle.parseManifest(SCRIPT, path));
    const request = {
      ...at(path.path),
      owner: 'octo',
      registryUrl: 'https://maven.pkg.github.com/octo/*',
      token: TOKEN,
      username: 'octocat',
      info,
    };
    assert.match(err(gradle.publishCommand(request)), /publishes to …\/OWNER\/REPOSITORY.*add pom \{ scm \{ url\.set\(/);
  });
});
