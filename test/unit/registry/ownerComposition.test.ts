import * as assert from 'node:assert/strict';
import type { Owner } from '../../../src/github/types';
import { composeOwners, ownerStatesFor, workspaceOwnerLogins } from '../../../src/registry/ownerComposition';
import type { OwnerState } from '../../../src/registry/state';

const viewer = { login: 'mona', avatarUrl: 'https://avatars.example/mona' };
const octoOrg: Owner = { login: 'octo-org', kind: 'org', source: 'membership' };

describe('registry/ownerComposition', () => {
  it('lists you first, then your organizations, then settings, then the workspace', () => {
    const { owners, unknownKinds } = composeOwners({
      viewer,
      memberships: [octoOrg],
      extraOwners: ['hubot'],
      workspaceLogins: ['acme-corp'],
      accountKinds: { hubot: 'user', 'acme-corp': 'org' },
    });
    assert.deepEqual(owners, [
      { login: 'mona', kind: 'viewer', avatarUrl: viewer.avatarUrl, source: 'self' },
      octoOrg,
      { login: 'hubot', kind: 'user', source: 'setting' },
      { login: 'acme-corp', kind: 'org', source: 'workspace' },
    ]);
    assert.deepEqual(unknownKinds, []);
  });

  it('lists a login once, under its first source, whatever its case', () => {
    const { owners } = composeOwners({
      viewer,
      memberships: [octoOrg],
      extraOwners: ['MONA', 'Octo-Org', 'hubot', 'HUBOT'],
      workspaceLogins: ['hubot', 'octo-org'],
      accountKinds: { hubot: 'user' },
    });
    assert.deepEqual(
      owners.map((owner) => `${owner.login}:${owner.source}`),
      ['mona:self', 'octo-org:membership', 'hubot:setting'],
    );
  });

  it('asks about logins of unknown kind: a setting is listed as an organization meanwhile, the workspace waits', () => {
    const { owners, unknownKinds } = composeOwners({
      viewer,
      memberships: [],
      extraOwners: ['new-org'],
      workspaceLogins: ['someone'],
      accountKinds: {},
    });
    assert.deepEqual(unknownKinds, ['new-org', 'someone']);
    assert.deepEqual(owners.slice(1), [{ login: 'new-org', kind: 'org', source: 'setting' }]);
  });

  it('drops names that cannot be GitHub logins instead of asking GitHub about them', () => {
    const { owners, unknownKinds } = composeOwners({
      viewer,
      memberships: [],
      extraOwners: ['../etc', '-dash', 'a b'],
      workspaceLogins: ['x/y'],
      accountKinds: {},
    });
    assert.deepEqual(
      owners.map((owner) => owner.login),
      ['mona'],
    );
    assert.deepEqual(unknownKinds, []);
  });

  it('reads workspace owners from package.json scopes and git remotes on the web host only', () => {
    const logins = workspaceOwnerLogins(
      {
        packageJsonTexts: [JSON.stringify({ name: '@octo-org/web' })],
        gitConfigTexts: [
          '[remote "origin"]\n\turl = https://ghe.example.com/team/tool.git\n[remote "gh"]\n\turl = https://github.com/mona/x.git',
        ],
      },
      'ghe.example.com',
    );
    assert.deepEqual(logins, ['octo-org', 'team']);
  });

  it('keeps the state of an owner still listed, starts new owners idle and names them', () => {
    const kept: OwnerState = { owner: octoOrg, status: 'ok', packages: [], fromCache: true };
    const gone: OwnerState = { owner: { login: 'gone', kind: 'org', source: 'setting' }, status: 'ok', packages: [], fromCache: false };
    const renamedSource: Owner = { ...octoOrg, source: 'setting' };
    const { states, added } = ownerStatesFor(
      [renamedSource, { login: 'Hubot', kind: 'user', source: 'workspace' }],
      new Map([
        ['octo-org', kept],
        ['gone', gone],
      ]),
    );
    assert.deepEqual([...states.keys()], ['octo-org', 'hubot']);
    assert.deepEqual(states.get('octo-org'), { ...kept, owner: renamedSource });
    assert.deepEqual(states.get('hubot'), {
      owner: { login: 'Hubot', kind: 'user', source: 'workspace' },
      status: 'idle',
      packages: undefined,
      fromCache: false,
    });
    assert.deepEqual(added, ['Hubot']);
  });
});
