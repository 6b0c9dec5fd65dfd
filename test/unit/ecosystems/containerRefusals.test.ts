import * as assert from 'node:assert/strict';
import { classifyContainerFailure, containerRefusalMessage, type RefusalContext } from '../../../src/ecosystems/containerRefusals';

// Lines as docker and podman print ghcr.io's refusals (from users' reports of ghcr.io pushes and logins).
const GHCR = {
  badLogin: 'Error response from daemon: Get "https://ghcr.io/v2/": denied: denied',
  podmanBadLogin: 'Error: authenticating creds for "ghcr.io": Requesting bearer token: invalid status code from registry 403 (Forbidden)',
  noScope: 'denied: permission_denied: The token provided does not match expected scopes.',
  notAllowed: 'ERROR: failed to push ghcr.io/octo-org/web:1.0: denied: permission_denied: write_package',
  installation: 'denied: installation not allowed to Write organization package',
  missing: 'Error response from daemon: manifest unknown',
  podmanMissing: 'Error: initializing source docker://ghcr.io/octo/app:nope: reading manifest nope in ghcr.io/octo/app: manifest unknown',
  daemon: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
};

const push: RefusalContext = {
  cli: 'docker',
  action: 'push',
  host: 'ghcr.io',
  image: 'ghcr.io/octo-org/web:1.0',
  owner: 'octo-org',
  name: 'web',
  viewer: 'mona',
  organizations: ['octo-org'],
};

describe("ecosystems/containerRefusals: docker's and podman's refusals as messages that say what to do", () => {
  it('reads each kind of refusal from the lines docker and podman print', () => {
    assert.equal(classifyContainerFailure(GHCR.badLogin), 'badToken');
    assert.equal(classifyContainerFailure(GHCR.podmanBadLogin), 'badToken');
    assert.equal(classifyContainerFailure(GHCR.noScope), 'scope');
    assert.equal(classifyContainerFailure(GHCR.notAllowed), 'notPermitted');
    assert.equal(classifyContainerFailure(GHCR.installation), 'notPermitted');
    assert.equal(classifyContainerFailure(GHCR.missing), 'notFound');
    assert.equal(classifyContainerFailure(GHCR.podmanMissing), 'notFound');
    assert.equal(classifyContainerFailure(GHCR.daemon), 'daemon');
    assert.equal(classifyContainerFailure('no space left on device'), 'other');
  });

  it('a push without write:packages asks for that scope; a pull, for read:packages', () => {
    assert.match(
      containerRefusalMessage(GHCR.noScope, push)!,
      /refused the push: the token lacks the write:packages scope\. Sign in again/,
    );
    assert.match(containerRefusalMessage(GHCR.noScope, { ...push, action: 'pull' })!, /lacks the read:packages scope/);
  });

  it('a name whose owner is neither you nor one of your organizations says which name to use', () => {
    const message = containerRefusalMessage(GHCR.notAllowed, { ...push, owner: 'someone-else', image: 'ghcr.io/someone-else/web:1.0' })!;
    assert.match(message, /someone-else is neither you \(mona\) nor an organization you belong to\. Name the image ghcr\.io\/mona\/web/);
  });

  it('an organization package without a linked repository says how to get access or link it', () => {
    const message = containerRefusalMessage(GHCR.installation, { ...push, linkedRepository: null })!;
    assert.match(message, /octo-org\/web is not linked to a repository/);
    assert.match(
      message,
      /Ask an octo-org admin for Write access .*LABEL org\.opencontainers\.image\.source="https:\/\/github\.com\/octo-org\/REPOSITORY"/,
    );
  });

  it('a linked organization package names both ways to get Write access', () => {
    const message = containerRefusalMessage(GHCR.notAllowed, { ...push, linkedRepository: 'octo-org/web' })!;
    assert.match(message, /may not write to octo-org's package\. You need Write access through the repository it is linked to/);
  });

  it('does not blame the owner when the member list is unknown or the name is your own', () => {
    assert.doesNotMatch(containerRefusalMessage(GHCR.notAllowed, { ...push, owner: 'x', organizations: undefined })!, /neither you/);
    assert.match(containerRefusalMessage(GHCR.notAllowed, { ...push, owner: 'Mona' })!, /check that the token has write:packages/);
  });

  it('a wrong or expired token, a missing image and a stopped daemon each say what to do', () => {
    assert.match(
      containerRefusalMessage(GHCR.badLogin, { ...push, action: 'login' })!,
      /did not accept the token.*Sign in to GitHub Packages again/,
    );
    assert.match(
      containerRefusalMessage(GHCR.missing, { ...push, action: 'pull' })!,
      /ghcr\.io\/octo-org\/web:1\.0 was not found on ghcr\.io/,
    );
    assert.match(containerRefusalMessage(GHCR.daemon, push)!, /daemon is not running\. Start Docker .*containerCli to "podman"/);
    assert.match(
      containerRefusalMessage('denied: requested access to the resource is denied', { ...push, action: 'pull' })!,
      /private and your account has no read access/,
    );
  });

  it('leaves anything else to the CLI’s own lines', () => {
    assert.equal(containerRefusalMessage('failed to compute cache key: "/app" not found', push), undefined);
  });
});
