/** Which owners the tree lists, in which order: pure, so the rules are tested without GitHub. */
import type { Owner, Viewer } from '../github/types';
import type { AccountKinds } from './listingCache';
import { ownerKey, type OwnerState, type WorkspaceInputs } from './state';
import { ownersFromGitConfig, ownersFromPackageJson } from './workspaceOwners';

export interface OwnerSources {
  viewer: Pick<Viewer, 'login' | 'avatarUrl'>;
  memberships: readonly Owner[];
  /** The `githubPackages.owners` setting. */
  extraOwners: readonly string[];
  /** Logins the workspace's manifests and remotes point at. */
  workspaceLogins: readonly string[];
  /** Whether a login named by a setting or the workspace is a user or an organization, where known. */
  accountKinds: Readonly<AccountKinds>;
}

export interface ComposedOwners {
  owners: Owner[];
  /** Logins from settings or the workspace whose kind is not known yet: ask GitHub, then compose again. */
  unknownKinds: string[];
}

/**
 * Owners in order: you, memberships, settings, workspace; the first source of a login wins. A login from a
 * setting whose kind is unknown is listed as an organization; one from the workspace is left out.
 */
export function composeOwners(sources: OwnerSources): ComposedOwners {
  const { viewer } = sources;
  const owners: Owner[] = [{ login: viewer.login, kind: 'viewer', avatarUrl: viewer.avatarUrl, source: 'self' }, ...sources.memberships];
  const seen = new Set(owners.map((owner) => ownerKey(owner.login)));
  const wanted: { login: string; source: 'setting' | 'workspace' }[] = [
    ...sources.extraOwners.map((login) => ({ login, source: 'setting' as const })),
    ...sources.workspaceLogins.map((login) => ({ login, source: 'workspace' as const })),
  ];
  const unknownKinds: string[] = [];
  for (const { login, source } of wanted) {
    const id = ownerKey(login);
    if (seen.has(id) || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(login)) continue;
    seen.add(id);
    const kind = sources.accountKinds[id];
    if (kind) owners.push({ login, kind, source });
    else {
      unknownKinds.push(login);
      if (source === 'setting') owners.push({ login, kind: 'org', source });
    }
  }
  return { owners, unknownKinds };
}

export function workspaceOwnerLogins(workspace: WorkspaceInputs, webHost: string): string[] {
  return [
    ...(workspace.packageJsonTexts ?? []).flatMap((text) => ownersFromPackageJson(text, webHost)),
    ...(workspace.gitConfigTexts ?? []).flatMap((text) => ownersFromGitConfig(text, webHost)),
  ];
}

/** The owners' states in the new order: a listed owner keeps its state, a new one starts idle. */
export function ownerStatesFor(
  owners: readonly Owner[],
  previous: ReadonlyMap<string, OwnerState>,
): { states: Map<string, OwnerState>; added: string[] } {
  const states = new Map<string, OwnerState>();
  const added: string[] = [];
  for (const owner of owners) {
    const id = ownerKey(owner.login);
    const existing = previous.get(id);
    if (existing) states.set(id, { ...existing, owner });
    else {
      states.set(id, { owner, status: 'idle', packages: undefined, fromCache: false });
      added.push(owner.login);
    }
  }
  return { states, added };
}
