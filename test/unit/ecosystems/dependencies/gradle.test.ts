import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, seen } from './helpers';

const GROOVY = `repositories {
    mavenCentral()
    maven { url 'https://maven.pkg.github.com/octo-org/octo-gradle' } // GitHub Packages
}
dependencies {
    implementation 'com.octo:core:1.+'
    // implementation 'com.octo:commented-out:9.9.9'
    testImplementation group: 'com.octo', name: 'testkit', version: '0.5.0'
    runtimeOnly "org.slf4j:slf4j-simple"
}`;

const KOTLIN = `repositories {
    maven {
        url = uri("https://maven.pkg.github.com/octo-org/octo-gradle")
    }
}
dependencies {
    api("com.octo:gradle-plugin:0.5.0")
}`;

describe('build.gradle and build.gradle.kts dependencies', () => {
  it('finds string and map notations with the place of artifact and version, skipping comments', () => {
    assert.deepEqual(seen(GROOVY, parseDependencies('build.gradle', GROOVY)), [
      { name: 'com.octo:core', atName: 'core', version: '1.+', atVersion: '1.+' },
      { name: 'com.octo:testkit', atName: 'testkit', version: '0.5.0', atVersion: '0.5.0' },
      { name: 'org.slf4j:slf4j-simple', atName: 'slf4j-simple', version: '' },
    ]);
  });

  it('reads the Kotlin DSL and maps to the owner of the declared GitHub Maven repository', () => {
    const found = parseDependencies('/x/build.gradle.kts', KOTLIN);
    assert.deepEqual(seen(KOTLIN, found), [
      { name: 'com.octo:gradle-plugin', atName: 'gradle-plugin', version: '0.5.0', atVersion: '0.5.0' },
    ]);
    const hosted = hostedOnGitHub(found[0], DOTCOM);
    assert.deepEqual(hosted && [hosted.owners, hosted.packageName, hosted.packageType], [['octo-org'], 'com.octo.gradle-plugin', 'maven']);
  });

  it('gives no dependencies for text that holds none, and never throws on broken syntax', () => {
    assert.deepEqual(parseDependencies('build.gradle', 'dependencies { implementation "com.octo:core'), []);
    assert.deepEqual(parseDependencies('build.gradle', '/* unterminated'), []);
  });
});
