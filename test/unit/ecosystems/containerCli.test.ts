import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { container, containerRegistryHost } from '../../../src/ecosystems/container';
import { hostFromApiUrl } from '../../../src/github/hosts';
import {
  authFilePath,
  chooseContainerCli,
  credentialHelperOf,
  credentialStoreText,
  hasLogin,
  loginStep,
  pullStep,
  tlsArgs,
  type CliEnvironment,
} from '../../../src/ecosystems/containerCli';
import { onPath } from '../../../src/ecosystems/onPath';
import type { ProcessStep } from '../../../src/ecosystems/types';
import { TOKEN, assertNoToken, ok } from './helpers';

const linux = (env: NodeJS.ProcessEnv = {}): CliEnvironment => ({ home: '/home/octo', env, platform: 'linux', uid: 1000 });

describe('ecosystems/containerCli: which CLI, and how it is called', () => {
  it('auto picks docker when it is on PATH, else podman; an explicit choice is kept', () => {
    const both = () => true;
    const podmanOnly = (c: string) => c === 'podman';
    assert.deepEqual(chooseContainerCli('auto', both), { cli: 'docker' });
    assert.deepEqual(chooseContainerCli(undefined, podmanOnly), { cli: 'podman' });
    assert.deepEqual(chooseContainerCli('podman', both), { cli: 'podman' });
    assert.deepEqual(
      chooseContainerCli('docker', (c) => c === 'docker'),
      { cli: 'docker' },
    );
    assert.deepEqual(chooseContainerCli('--rm; evil', podmanOnly), { cli: 'podman' }, 'an unknown value is auto');
  });

  it('names the tool to install when the chosen CLI, or both, are missing', () => {
    const none = () => false;
    assert.match(chooseContainerCli('auto', none).missing!, /Neither docker nor podman is on PATH\. Install Docker .* or Podman/);
    const podman = chooseContainerCli('podman', (c) => c === 'docker');
    assert.equal(podman.cli, 'podman');
    assert.match(podman.missing!, /^podman is not on PATH\. Install Podman .*githubPackages\.containerCli to "auto"/);
    assert.match(chooseContainerCli('docker', none).missing!, /^docker is not on PATH\. Install Docker/);
  });

  it('finds an executable on PATH and ignores a file that is not executable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gp-path-'));
    try {
      await writeFile(join(dir, 'podman'), '#!/bin/sh\n');
      await chmod(join(dir, 'podman'), 0o755);
      await writeFile(join(dir, 'docker'), 'not executable');
      assert.equal(onPath('podman', { PATH: `/nonexistent:${dir}` }, 'linux'), true);
      assert.equal(onPath('docker', { PATH: dir }, 'linux'), false);
      assert.equal(onPath('podman', { PATH: '' }, 'linux'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('logs in to the container registry of the configured host: ghcr.io, containers.HOST, the stand-in, an override', () => {
    assert.equal(containerRegistryHost(hostFromApiUrl('https://api.github.com')), 'ghcr.io');
    assert.equal(containerRegistryHost(hostFromApiUrl('https://ghes.example.com/api/v3')), 'containers.ghes.example.com');
    assert.equal(containerRegistryHost(hostFromApiUrl('https://api.octocorp.ghe.com')), 'containers.octocorp.ghe.com');
    assert.equal(containerRegistryHost(hostFromApiUrl('http://127.0.0.1:4010')), '127.0.0.1:4010');
    const dotcom = hostFromApiUrl('https://api.github.com');
    assert.equal(containerRegistryHost(dotcom, { overrides: { container: 'https://registry.example.com/' } }), 'registry.example.com');
    assert.equal(containerRegistryHost(dotcom, { overrides: { container: 'evil.example; rm -rf /' } }), undefined);
  });

  it('logs in with the token on standard input only, never in the arguments', () => {
    for (const cli of ['docker', 'podman'] as const) {
      const step = loginStep(cli, 'ghcr.io', 'octocat', TOKEN);
      assert.deepEqual(step.args, ['login', 'ghcr.io', '--username', 'octocat', '--password-stdin']);
      assert.equal(step.command, cli);
      assert.equal(step.stdin, TOKEN);
      assertNoToken(step.args);
    }
  });

  it('turns off TLS checks for podman on a loopback registry only, never for a real host or for docker', () => {
    assert.deepEqual(tlsArgs('podman', '127.0.0.1:5000'), ['--tls-verify=false']);
    assert.deepEqual(tlsArgs('podman', 'localhost:5000'), ['--tls-verify=false']);
    assert.deepEqual(tlsArgs('podman', '[::1]:5000'), ['--tls-verify=false']);
    for (const host of ['ghcr.io', 'containers.ghe.example.com', '127.0.0.1.evil.example', 'localhost.example:443'])
      assert.deepEqual(tlsArgs('podman', host), [], host);
    assert.deepEqual(tlsArgs('docker', '127.0.0.1:5000'), []);
    assert.deepEqual(loginStep('podman', '127.0.0.1:5000', 'mona', TOKEN).args, [
      'login',
      '--tls-verify=false',
      '127.0.0.1:5000',
      '--username',
      'mona',
      '--password-stdin',
    ]);
  });

  it('pulls IMAGE:TAG or IMAGE@digest with the chosen CLI', () => {
    assert.deepEqual(pullStep('docker', 'ghcr.io', 'ghcr.io/octo/app:1.0'), { command: 'docker', args: ['pull', 'ghcr.io/octo/app:1.0'] });
    const digest = `127.0.0.1:5000/mona/app@sha256:${'b'.repeat(64)}`;
    assert.deepEqual(pullStep('podman', '127.0.0.1:5000', digest).args, ['pull', '--tls-verify=false', digest]);
  });

  it('publishes with podman when chosen, and signs podman out again unless it was signed in before', () => {
    const request = {
      manifest: URI.file('/work/app/Dockerfile'),
      home: URI.file('/home/octo'),
      owner: 'octo',
      registryUrl: 'ghcr.io',
      token: TOKEN,
      username: 'octocat',
      info: { name: 'app', version: '2.0' },
      executable: 'podman',
    };
    const steps = ok<ProcessStep[]>(container.publishCommand(request));
    assert.deepEqual(
      steps.map((s) => [s.command, s.args[0]]),
      [
        ['podman', 'login'],
        ['podman', 'build'],
        ['podman', 'push'],
        ['podman', 'logout'],
      ],
    );
    assert.equal(steps[0].stdin, TOKEN);
    assertNoToken(steps.map((s) => s.args));
    const kept = ok<ProcessStep[]>(container.publishCommand({ ...request, keepLogin: true }));
    assert.ok(!kept.some((s) => s.args[0] === 'logout'));
    const local = ok<ProcessStep[]>(container.publishCommand({ ...request, registryUrl: '127.0.0.1:5000' }));
    assert.deepEqual(local[2].args, ['push', '--tls-verify=false', '127.0.0.1:5000/octo/app:2.0']);
  });
});

describe('ecosystems/containerCli: where the CLI keeps the token', () => {
  it('finds podman auth.json where podman documents it: REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, /run/containers/UID', () => {
    assert.equal(authFilePath('podman', linux({ XDG_RUNTIME_DIR: '/run/user/1000' })), '/run/user/1000/containers/auth.json');
    assert.equal(authFilePath('podman', linux()), '/run/containers/1000/auth.json');
    assert.equal(authFilePath('podman', linux({ REGISTRY_AUTH_FILE: '/srv/auth.json', XDG_RUNTIME_DIR: '/run/user/1' })), '/srv/auth.json');
    assert.equal(authFilePath('podman', { home: '/Users/octo', env: {}, platform: 'darwin' }), '/Users/octo/.config/containers/auth.json');
  });

  it("finds docker's config.json under DOCKER_CONFIG or ~/.docker", () => {
    assert.equal(authFilePath('docker', linux()), '/home/octo/.docker/config.json');
    assert.equal(authFilePath('docker', linux({ DOCKER_CONFIG: '/etc/dock' })), '/etc/dock/config.json');
  });

  it('names the credential helper for the host, else credsStore; unreadable config means none', () => {
    assert.equal(credentialHelperOf('{"credHelpers":{"ghcr.io":"gcloud"},"credsStore":"desktop"}', 'ghcr.io'), 'gcloud');
    assert.equal(credentialHelperOf('{"credHelpers":{"other.io":"gcloud"},"credsStore":"desktop"}', 'ghcr.io'), 'desktop');
    assert.equal(credentialHelperOf('{"auths":{}}', 'ghcr.io'), undefined);
    assert.equal(credentialHelperOf('not json', 'ghcr.io'), undefined);
    assert.equal(credentialHelperOf(undefined, 'ghcr.io'), undefined);
  });

  it('tells whether the CLI already holds a login for the host', () => {
    assert.equal(hasLogin('{"auths":{"ghcr.io":{"auth":"eA=="}}}', 'ghcr.io'), true);
    assert.equal(hasLogin('{"auths":{"ghcr.io.evil":{}}}', 'ghcr.io'), false);
    assert.equal(hasLogin('{"auths":null}', 'ghcr.io'), false);
    assert.equal(hasLogin('[1]', 'ghcr.io'), false);
  });

  it('says plainly where the token went: the helper, or a base64 file that is not encrypted', () => {
    const helper = credentialStoreText('docker', 'ghcr.io', linux(), '{"credsStore":"secretservice"}');
    assert.match(helper, /credential helper docker-credential-secretservice/);
    assert.match(helper, /docker logout ghcr\.io/);
    const file = credentialStoreText('docker', 'ghcr.io', linux(), '{}');
    assert.match(file, /\/home\/octo\/\.docker\/config\.json, base64-encoded, which is not encryption/);
    const podman = credentialStoreText('podman', 'ghcr.io', linux({ XDG_RUNTIME_DIR: '/run/user/1000' }), undefined);
    assert.match(podman, /^podman keeps the token in \/run\/user\/1000\/containers\/auth\.json, base64-encoded/);
    assert.match(podman, /podman logout ghcr\.io.*gone after you log out of the system/);
    assert.doesNotMatch(credentialStoreText('podman', 'ghcr.io', linux({ REGISTRY_AUTH_FILE: '/srv/a.json' }), undefined), /gone after/);
  });
});
