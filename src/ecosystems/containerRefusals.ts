import type { ContainerCli } from './containerCli';

/** What a failed docker/podman run was about, read from its standard error. */
export type ContainerFailure = 'daemon' | 'scope' | 'notPermitted' | 'badToken' | 'notFound' | 'other';

/** What the extension knows around a refusal, to say which of GitHub's rules it ran into. */
export interface RefusalContext {
  cli: ContainerCli;
  action: 'login' | 'push' | 'pull';
  /** Registry host, e.g. ghcr.io. */
  host: string;
  /** The image reference the CLI was given (push and pull). */
  image?: string;
  owner?: string;
  name?: string;
  /** The signed-in login. */
  viewer?: string;
  /** Organizations the signed-in user belongs to; undefined when not known. */
  organizations?: readonly string[];
  /** The package as listed: null when it exists without a linked repository, undefined when unknown or new. */
  linkedRepository?: string | null;
}

// ghcr.io answers a push without write:packages with "denied: permission_denied: The token provided does not match
// expected scopes."; a push the account may not make with "denied: permission_denied: write_package" (or, for
// Actions and app tokens, "installation not allowed to Write organization package"); a bad token with "denied: denied".
const PATTERNS: Array<[ContainerFailure, RegExp]> = [
  ['daemon', /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect/i],
  ['scope', /does not match expected scopes|insufficient_scope|needs the (?:read|write):packages scope/i],
  [
    'notPermitted',
    /permission_denied: (?:write|read)_package|installation not allowed to \w+ organization package|requested access to the resource is denied/i,
  ],
  [
    'badToken',
    /denied: denied|unauthorized|incorrect username or password|authentication required|invalid username\/password|Requesting bearer token: invalid status code from registry 40[13]/i,
  ],
  ['notFound', /manifest unknown|name unknown|repository name not known|not found: manifest|manifest for \S+ not found/i],
];

export function classifyContainerFailure(stderr: string): ContainerFailure {
  return PATTERNS.find(([, pattern]) => pattern.test(stderr))?.[0] ?? 'other';
}

/**
 * A refusal from docker or podman as a message that says what to do; undefined when stderr matches none of GitHub's
 * refusals (the caller then shows the CLI's own lines).
 */
export function containerRefusalMessage(stderr: string, context: RefusalContext): string | undefined {
  const kind = classifyContainerFailure(stderr);
  const { cli, host, action } = context;
  const image = context.image ?? host;
  switch (kind) {
    case 'daemon':
      return `docker is installed but its daemon is not running. Start Docker (Docker Desktop, or \`sudo systemctl start docker\`), or set githubPackages.containerCli to "podman".`;
    case 'scope':
      return action === 'push'
        ? `${host} refused the push: the token lacks the write:packages scope. Sign in again to grant it, or save a classic token with write:packages.`
        : `${host} refused the token: it lacks the read:packages scope. Sign in again to grant it, or save a classic token with read:packages.`;
    case 'badToken':
      return `${host} did not accept the token (${cli} ${action}): it may have expired, been revoked, or need SSO authorization for the organization. Sign in to GitHub Packages again, or save a new token.`;
    case 'notFound':
      return `${image} was not found on ${host}: check the tag, or whether that version was deleted.`;
    case 'notPermitted':
      return action === 'push' ? pushRefusal(context, image) : pullRefusal(context, image);
    default:
      return undefined;
  }
}

function pushRefusal(context: RefusalContext, image: string): string {
  const { owner, viewer, organizations, name } = context;
  const lower = owner?.toLowerCase();
  const isViewer = !!viewer && lower === viewer.toLowerCase();
  const isMember = !!organizations?.some((org) => org.toLowerCase() === lower);
  if (owner && viewer && !isViewer && organizations && !isMember)
    return `GitHub refused the push to ${image}: ${owner} is neither you (${viewer}) nor an organization you belong to. Name the image ${context.host}/${viewer.toLowerCase()}/${name ?? 'IMAGE'}, or an organization where you may publish packages.`;
  if (owner && !isViewer && context.linkedRepository === null)
    return `GitHub refused the push to ${image}: ${owner}/${name ?? 'the package'} is not linked to a repository, so only the people its package settings name may write to it. Ask an ${owner} admin for Write access (package settings → Manage access), or link it to a repository you can write to with LABEL org.opencontainers.image.source="https://github.com/${owner}/REPOSITORY".`;
  if (owner && !isViewer)
    return `GitHub refused the push to ${image}: your account may not write to ${owner}'s package. You need Write access through the repository it is linked to (LABEL org.opencontainers.image.source) or in the package's settings, and ${owner} must allow members to publish packages.`;
  return `GitHub refused the push to ${image}: check that the token has write:packages and that you may write to this package.`;
}

function pullRefusal(context: RefusalContext, image: string): string {
  return `${context.host} denied access to ${image}: the package is private and your account has no read access to it. Ask its owner for access, or sign in as an account that has it.`;
}
