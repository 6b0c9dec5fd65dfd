/** Owners the workspace points at: npm scopes in package.json, GitHub remotes in .git/config. Pure text parsing. */

/** The owner of a scoped npm package (`@octo/hello` → `octo`) and of a GitHub `repository` field. */
export function ownersFromPackageJson(text: string, webHost = 'github.com'): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof manifest !== 'object' || manifest === null) return [];
  const owners: string[] = [];
  const { name, repository } = manifest as { name?: unknown; repository?: unknown };
  const scope = typeof name === 'string' ? /^@([a-z0-9][a-z0-9-]*)\//i.exec(name)?.[1] : undefined;
  if (scope) owners.push(scope);
  const repoUrl = typeof repository === 'string' ? repository : (repository as { url?: unknown } | null)?.url;
  if (typeof repoUrl === 'string') {
    const owner = ownerFromRemoteUrl(repoUrl, webHost) ?? /^github:([A-Za-z0-9-]+)\//.exec(repoUrl)?.[1];
    if (owner) owners.push(owner);
  }
  return dedupe(owners);
}

/** Owners of every remote in a `.git/config` whose URL is on the given GitHub host. */
export function ownersFromGitConfig(text: string, webHost = 'github.com'): string[] {
  const owners: string[] = [];
  let inRemote = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('[')) {
      inRemote = /^\[remote\s+"[^"]*"\]$/i.test(line);
      continue;
    }
    if (!inRemote) continue;
    const match = /^url\s*=\s*(.+)$/i.exec(line);
    const owner = match ? ownerFromRemoteUrl(match[1].trim().replace(/^"|"$/g, ''), webHost) : undefined;
    if (owner) owners.push(owner);
  }
  return dedupe(owners);
}

/** `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@github.com/o/r`, `git+https://…`. */
export function ownerFromRemoteUrl(url: string, webHost = 'github.com'): string | undefined {
  const host = webHost.toLowerCase().replace(/[.]/g, '\\.');
  const patterns = [
    new RegExp(`^(?:git\\+)?(?:https?|ssh|git)://(?:[^@/]+@)?(?:www\\.)?${host}(?::\\d+)?/([^/]+)/[^/]+?/?$`, 'i'),
    new RegExp(`^(?:[^@/]+@)?${host}:/?([^/]+)/[^/]+$`, 'i'),
  ];
  for (const pattern of patterns) {
    const owner = pattern.exec(url.trim())?.[1];
    if (owner && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(owner)) return owner;
  }
  return undefined;
}

function dedupe(logins: string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((login) => {
    const key = login.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
