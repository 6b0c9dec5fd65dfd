import * as assert from 'node:assert/strict';
import { resolveFailure, versionToInstall } from '../../../../src/ecosystems/install';

describe('install: reading a failed resolve', () => {
  it('tells a refused token (401) from a missing scope (403) and a missing package, in each client’s words', () => {
    const cases: Array<[string, ReturnType<typeof resolveFailure>]> = [
      [
        'Could not transfer artifact com.mona:greeter:jar:1.0.0 from/to github: status code: 401, reason phrase: Unauthorized (401)',
        'unauthorized',
      ],
      ["> Could not GET 'https://maven.pkg.github.com/…'. Received status code 401 from server: Unauthorized", 'unauthorized'],
      ['Bad username or password for http://mona@127.0.0.1:3000/mona/.', 'unauthorized'],
      ['Response status code does not indicate success: 403 (Forbidden).', 'forbidden'],
      ['[ERROR] Failed to execute goal on project app: Could not find artifact com.mona:greeter:jar:9.9 in github', 'not-found'],
      ['> Could not find com.mona:greeter:9.9.', 'not-found'],
      ['Unable to find package Mona.Lib with version (>= 9.9.9)', 'not-found'],
      ["Could not find gem 'solo-gem (= 9.9.9)' in rubygems repository http://127.0.0.1/mona/ or installed locally.", 'not-found'],
      ['error: some other failure', undefined],
    ];
    for (const [output, expected] of cases) assert.equal(resolveFailure(output), expected, output);
  });

  it('does not take a download size for a status code', () => {
    assert.equal(resolveFailure('Downloaded from github: http://x/greeter-1.0.0.pom (401 B at 20 kB/s)\nBUILD FAILURE'), undefined);
  });
});

describe('install: the version installed when only a package was chosen', () => {
  const v = (name: string, tags: string[] = []) => ({ name, tags });

  it('is the one tagged latest, else the newest release, else the newest of all', () => {
    assert.equal(versionToInstall([v('2.0.0'), v('1.0.0', ['latest'])]), '1.0.0');
    assert.equal(versionToInstall([v('2.0.0-rc.1'), v('1.2-SNAPSHOT'), v('1.1.0'), v('1.0.0')]), '1.1.0');
    assert.equal(versionToInstall([v('2.0.0-rc.1'), v('1.0.0-beta')]), '2.0.0-rc.1');
    assert.equal(versionToInstall([]), undefined);
  });
});
