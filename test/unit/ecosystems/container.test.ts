import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { container } from '../../../src/ecosystems/container';
import { credentialHelperOf } from '../../../src/ecosystems/containerCli';
import type { ConfigPlan, ProcessStep } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, ok } from './helpers';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const path = URI.file('/work/My App/Dockerfile');

describe('ecosystems/container', () => {
  it('matches Dockerfile, *.Dockerfile and Containerfile', () => {
    for (const name of ['Dockerfile', '/x/Containerfile', 'api.Dockerfile']) assert.ok(container.matches(name), name);
    assert.ok(!container.matches('Dockerfile.txt.bak') && !container.matches('notDockerfile'));
  });

  it('names the image from the source label, or the folder', () => {
    const text =
      'FROM node:20\nLABEL org.opencontainers.image.source="https://github.com/Octo/Hello-World" \\\n      org.opencontainers.image.version=2.0.1\n';
    assert.deepEqual(container.parseManifest(text, path), {
      name: 'hello-world',
      version: '2.0.1',
      repositoryUrl: 'https://github.com/Octo/Hello-World',
      owner: 'Octo',
    });
    assert.deepEqual(container.parseManifest('FROM scratch\n', path), { name: 'my-app' });
    assert.match(err(container.parseManifest('RUN echo hi\n', path), 'malformed'), /^Dockerfile: no FROM instruction/);
  });

  it('snippet is docker pull with a tag, a digest for untagged versions, or neither', () => {
    const pkg = { owner: 'Octo', name: 'hello', registryUrl: 'https://ghcr.io' };
    assert.equal(ok(container.installSnippet({ ...pkg, version: '1.0' })).text, 'docker pull ghcr.io/octo/hello:1.0');
    assert.equal(
      ok(container.installSnippet({ ...pkg, version: '1.0', registryUrl: 'ghcr.io/octo' })).text,
      'docker pull ghcr.io/octo/hello:1.0',
    );
    assert.equal(ok(container.installSnippet({ ...pkg, version: DIGEST })).text, `docker pull ghcr.io/octo/hello@${DIGEST}`);
    assert.equal(
      ok(container.installSnippet({ ...pkg, name: 'repo/img', registryUrl: 'containers.ghe.example.com' })).text,
      'docker pull containers.ghe.example.com/octo/repo/img',
    );
  });

  it('refuses hostile names, tags, digests and registries', () => {
    for (const bad of HOSTILE) {
      err(container.installSnippet({ owner: 'octo', name: bad, registryUrl: 'ghcr.io' }));
      err(container.installSnippet({ owner: 'octo', name: 'a', version: bad, registryUrl: 'ghcr.io' }));
    }
    assert.match(
      err(container.installSnippet({ owner: 'octo', name: 'a', version: 'sha256:abc', registryUrl: 'ghcr.io' })),
      /64 hexadecimal/,
    );
    err(container.installSnippet({ owner: 'octo', name: 'a', registryUrl: 'ghcr.io; rm -rf /' }));
    err(container.installSnippet({ owner: 'octo', name: 'a', registryUrl: 'ghcr.io/someone-else' }));
  });

  it('has no config file; tells how to log in with --password-stdin', () => {
    const plan = ok<ConfigPlan>(container.configEdits({ owner: 'octo', name: 'a', registryUrl: 'ghcr.io' }, at(path.path), new Map()));
    assert.deepEqual(plan.edits, []);
    assert.match(plan.notes[0], /docker login ghcr\.io -u USERNAME --password-stdin/);
  });

  it('logs in with the token on stdin, builds with the source label, pushes', () => {
    const steps = ok<ProcessStep[]>(
      container.publishCommand({
        ...at(path.path),
        owner: 'octo',
        registryUrl: 'https://ghcr.io',
        token: TOKEN,
        username: 'octocat',
        info: { name: 'hello', version: '1.0', repositoryUrl: 'https://github.com/octo/hello' },
      }),
    );
    assert.deepEqual(
      steps.map((s) => [s.command, s.args]),
      [
        ['docker', ['login', 'ghcr.io', '--username', 'octocat', '--password-stdin']],
        [
          'docker',
          [
            'build',
            '--file',
            'Dockerfile',
            '--tag',
            'ghcr.io/octo/hello:1.0',
            '--label',
            'org.opencontainers.image.source=https://github.com/octo/hello',
            '.',
          ],
        ],
        ['docker', ['push', 'ghcr.io/octo/hello:1.0']],
        ['docker', ['logout', 'ghcr.io']],
      ],
    );
    assert.equal(steps[3].always, true, 'the login is undone even when the push fails');
    assert.equal(steps[0].stdin, TOKEN);
    assert.equal(steps[0].cwd.path, '/work/My App');
    assertNoToken(steps.map((s) => ({ ...s, stdin: undefined })));
    err(
      container.publishCommand({
        ...at(path.path),
        owner: 'octo',
        registryUrl: 'ghcr.io',
        token: TOKEN,
        username: '--password=x',
        info: { name: 'hello' },
      }),
    );
  });

  it('keeps the login when a credential helper stores it, and only then', () => {
    const request = {
      ...at(path.path),
      owner: 'octo',
      registryUrl: 'https://ghcr.io',
      token: TOKEN,
      username: 'octocat',
      info: { name: 'hello' },
    };
    const steps = ok<ProcessStep[]>(container.publishCommand({ ...request, credentialHelper: true }));
    assert.ok(!steps.some((s) => s.args[0] === 'logout'));
    assert.equal(credentialHelperOf('{"credsStore":"desktop"}', 'ghcr.io') !== undefined, true);
    assert.equal(credentialHelperOf('{"credHelpers":{"ghcr.io":"gh"}}', 'ghcr.io') !== undefined, true);
    assert.equal(credentialHelperOf('{"credHelpers":{"other.io":"gh"},"auths":{}}', 'ghcr.io') !== undefined, false);
    assert.equal(credentialHelperOf('{"auths":{"ghcr.io":{"auth":"x"}}}', 'ghcr.io') !== undefined, false);
    assert.equal(credentialHelperOf('not json', 'ghcr.io') !== undefined, false);
    assert.equal(credentialHelperOf(undefined, 'ghcr.io') !== undefined, false);
  });
});
