import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, seen } from './helpers';

const POM = `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <properties><core.version>1.1.0</core.version></properties>
  <repositories>
    <repository><id>github</id><url>https://maven.pkg.github.com/octo-org/octo-java</url></repository>
    <repository><id>central</id><url>https://repo.maven.apache.org/maven2</url></repository>
  </repositories>
  <dependencies>
    <dependency>
      <groupId>com.octo</groupId>
      <artifactId>core</artifactId>
      <version> [1.0,2.0) </version>
    </dependency>
    <dependency><groupId>com.octo</groupId><artifactId>core-bom</artifactId><version>\${core.version}</version></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency>
  </dependencies>
</project>`;

describe('pom.xml dependencies', () => {
  it('finds coordinates and versions, following ${property} to where the version is written', () => {
    assert.deepEqual(seen(POM, parseDependencies('pom.xml', POM)), [
      { name: 'com.octo:core', atName: 'core', version: '[1.0,2.0)', atVersion: '[1.0,2.0)' },
      { name: 'com.octo:core-bom', atName: 'core-bom', version: '1.1.0', atVersion: '1.1.0' },
      { name: 'junit:junit', atName: 'junit', version: '' },
    ]);
  });

  it('maps dependencies to the owners of the GitHub Maven repositories the pom declares', () => {
    const [core] = parseDependencies('pom.xml', POM).map((d) => hostedOnGitHub(d, DOTCOM));
    assert.deepEqual(core && { owners: core.owners, name: core.packageName, type: core.packageType, mapped: core.mapped }, {
      owners: ['octo-org'],
      name: 'com.octo.core',
      type: 'maven',
      mapped: true,
    });
  });

  it('counts nothing as GitHub-hosted when the pom declares no GitHub repository', () => {
    const plain = POM.replace('https://maven.pkg.github.com/octo-org/octo-java', 'https://repo.example.com/maven');
    assert.deepEqual(
      parseDependencies('pom.xml', plain).map((d) => hostedOnGitHub(d, DOTCOM)),
      [undefined, undefined, undefined],
    );
  });

  it('gives no dependencies for XML that does not parse', () => {
    assert.deepEqual(parseDependencies('pom.xml', '<project><dependencies><dependency>'), []);
    assert.deepEqual(parseDependencies('pom.xml', 'not xml at all'), []);
  });
});
