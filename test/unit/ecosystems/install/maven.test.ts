import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { mavenInstaller, pomWithDependency } from '../../../../src/ecosystems/install/maven';
import { HOSTILE, TOKEN, assertNoToken, err, files, ok } from '../helpers';
import { request } from './helpers';

const uri = URI.file('/work/app/pom.xml');
const greeter = { groupId: 'com.mona', artifactId: 'greeter' };
const REGISTRY = 'https://maven.pkg.github.com/mona/*';

const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <!-- the app -->
    <groupId>com.octo</groupId>
    <artifactId>app</artifactId>
    <version>1.0.0</version>
</project>
`;

describe('install/maven: pom.xml dependency edit', () => {
  it('creates <dependencies> with the dependency in the file’s own four-space indentation, keeping the comment', () => {
    const after = ok(pomWithDependency(POM, greeter, '1.2.0', uri)) as string;
    assert.equal(
      after,
      POM.replace(
        '</project>',
        `    <dependencies>
        <dependency>
            <groupId>com.mona</groupId>
            <artifactId>greeter</artifactId>
            <version>1.2.0</version>
        </dependency>
    </dependencies>
</project>`,
      ),
    );
  });

  it('appends to an existing <dependencies> after the dependencies already there', () => {
    const pom = POM.replace(
      '</project>',
      '    <dependencies>\n        <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13</version></dependency>\n    </dependencies>\n</project>',
    );
    const after = ok(pomWithDependency(pom, greeter, '1.2.0', uri)) as string;
    assert.match(
      after,
      /<artifactId>junit<\/artifactId><version>4\.13<\/version><\/dependency>\n {8}<dependency>\n {12}<groupId>com\.mona/,
    );
    assert.equal((after.match(/<dependencies>/g) ?? []).length, 1);
  });

  it('updates the version of a dependency already declared instead of adding a second one', () => {
    const pom = POM.replace(
      '</project>',
      '    <dependencies>\n        <dependency>\n            <groupId>com.mona</groupId>\n            <artifactId>greeter</artifactId>\n            <version>1.0.0</version>\n        </dependency>\n    </dependencies>\n</project>',
    );
    const after = ok(pomWithDependency(pom, greeter, '1.2.0', uri)) as string;
    assert.equal(after, pom.replace('<version>1.0.0</version>\n        </dependency>', '<version>1.2.0</version>\n        </dependency>'));
  });

  it('updates the property a dependency takes its version from', () => {
    const pom = POM.replace(
      '</project>',
      '    <properties><greeter.version>1.0.0</greeter.version></properties>\n    <dependencies>\n        <dependency><groupId>com.mona</groupId><artifactId>greeter</artifactId><version>${greeter.version}</version></dependency>\n    </dependencies>\n</project>',
    );
    const after = ok(pomWithDependency(pom, greeter, '2.0.0', uri)) as string;
    assert.equal(after, pom.replace('<greeter.version>1.0.0<', '<greeter.version>2.0.0<'));
  });

  it('adds a <version> to a dependency declared without one', () => {
    const pom = POM.replace(
      '</project>',
      '    <dependencies>\n        <dependency>\n            <groupId>com.mona</groupId>\n            <artifactId>greeter</artifactId>\n        </dependency>\n    </dependencies>\n</project>',
    );
    const after = ok(pomWithDependency(pom, greeter, '1.2.0', uri)) as string;
    assert.match(after, /<artifactId>greeter<\/artifactId>\n {12}<version>1\.2\.0<\/version>\n {8}<\/dependency>/);
  });

  it('updates a <dependencyManagement> version and uses the dependency without repeating it', () => {
    const pom = POM.replace(
      '</project>',
      '    <dependencyManagement>\n        <dependencies>\n            <dependency><groupId>com.mona</groupId><artifactId>greeter</artifactId><version>1.0.0</version></dependency>\n        </dependencies>\n    </dependencyManagement>\n</project>',
    );
    const after = ok(pomWithDependency(pom, greeter, '1.2.0', uri)) as string;
    assert.match(after, /<artifactId>greeter<\/artifactId><version>1\.2\.0<\/version>/);
    assert.match(
      after,
      /<\/dependencyManagement>\n {4}<dependencies>\n {8}<dependency>\n {12}<groupId>com\.mona<\/groupId>\n {12}<artifactId>greeter<\/artifactId>\n {8}<\/dependency>/,
    );
  });

  it('refuses invalid XML and a non-pom root with a message naming the file, and edits nothing', () => {
    assert.match(err(pomWithDependency('<project><dependencies></project>', greeter, '1.0.0', uri), 'malformed'), /^pom\.xml: invalid XML/);
    assert.match(err(pomWithDependency('<settings/>', greeter, '1.0.0', uri), 'malformed'), /not <project>/);
  });

  it('keeps CRLF line endings', () => {
    const after = ok(pomWithDependency(POM.replace(/\n/g, '\r\n'), greeter, '1.2.0', uri)) as string;
    assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
  });
});

describe('install/maven: the install plan', () => {
  const current = files({ '/work/app/pom.xml': POM, '/home/octo/.m2/settings.xml': undefined, '/work/app/mvnw': undefined });
  const pkg = { owner: 'Mona', name: 'com.mona.greeter', version: '1.2.0', registryUrl: REGISTRY };

  it('edits pom.xml (dependency and repository, no deploy target) and settings.xml, then runs mvn dependency:resolve with the token in the environment', () => {
    const plan = ok(mavenInstaller.plan(request('/work/app/pom.xml', pkg), current));
    assert.deepEqual(
      plan.edits.map((e) => e.uri.path),
      ['/work/app/pom.xml', '/home/octo/.m2/settings.xml'],
    );
    const pom = plan.edits[0].after;
    assert.match(pom, /<repositories>[\s\S]*<url>https:\/\/maven\.pkg\.github\.com\/mona\/\*<\/url>/);
    assert.match(pom, /<artifactId>greeter<\/artifactId>/);
    assert.ok(!pom.includes('distributionManagement'), 'installing does not add a deploy target');
    assert.match(plan.edits[1].after, /\$\{env\.GITHUB_TOKEN\}/);
    assert.deepEqual(
      plan.steps.map((s) => [s.command, ...s.args]),
      [['mvn', '-B', 'dependency:resolve']],
    );
    assert.equal(plan.steps[0].env.GITHUB_TOKEN, TOKEN);
    assert.equal(plan.steps[0].cwd.path, '/work/app');
    assertNoToken([plan.edits, plan.steps.map((s) => s.args)]);
  });

  it('uses ./mvnw when the project has the Maven wrapper, and names Maven when neither is there', () => {
    const wrapped = ok(
      mavenInstaller.plan(request('/work/app/pom.xml', pkg, ['mvn']), files({ '/work/app/pom.xml': POM, '/work/app/mvnw': '#!/bin/sh' })),
    );
    assert.equal(wrapped.steps[0].command, './mvnw');
    const missing = ok(mavenInstaller.plan(request('/work/app/pom.xml', pkg, ['mvn']), current));
    assert.deepEqual(missing.steps, []);
    assert.match(missing.missingTool!.name, /mvn/);
    assert.equal(missing.edits.length, 2, 'the edit is still made');
  });

  it('refuses hostile package names and versions before any edit', () => {
    for (const name of HOSTILE) err(mavenInstaller.plan(request('/work/app/pom.xml', { ...pkg, name: `com.mona.${name}` }), current));
    for (const version of HOSTILE) err(mavenInstaller.plan(request('/work/app/pom.xml', { ...pkg, version }), current));
  });

  it('refuses a malformed pom without planning any edit', () => {
    err(mavenInstaller.plan(request('/work/app/pom.xml', pkg), files({ '/work/app/pom.xml': '<project>' })), 'malformed');
  });
});
