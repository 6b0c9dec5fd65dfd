import { Utils, type URI } from 'vscode-uri';
import { registryBaseUrl, type GitHubHost, type RegistryOptions } from '../github/hosts';
import { loginStep, logoutStep, tlsArgs, type ContainerCli } from './containerCli';
import type { Ecosystem, EcosystemError, ManifestInfo, PackageAddress, ProcessStep, PublishRequest, Snippet } from './types';
import { checkName, checkOwner, firstProblem, invalid, malformed, normalizeRepositoryUrl, ownerFromUrl, shown } from './validate';

/** OCI distribution-spec repository path components, and tag and digest rules. */
const IMAGE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const IMAGE_RULE = "lowercase letters and digits separated by '.', '_', '-' or '/'";
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^[a-z0-9.-]+(?::\d+)?$/;

/** The registry host from `https://ghcr.io`, `ghcr.io`, `containers.HOST/` or `ghcr.io/OWNER` (src/github/hosts.ts `registryUrl`). */
export function registryHost(registryUrl: string, owner?: string): string | EcosystemError {
  const [host, ...path] = registryUrl
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .split('/');
  const ownerPath = path.length === 0 || (path.length === 1 && owner !== undefined && path[0].toLowerCase() === owner.toLowerCase());
  return HOST.test(host) && ownerPath ? host : invalid(`Container registry ${shown(registryUrl)} is not a host name such as ghcr.io.`);
}

/** The container registry host of a GitHub host: ghcr.io, containers.HOST, the stand-in's host:port, or an override's host. */
export function containerRegistryHost(host: GitHubHost, options: RegistryOptions = {}): string | undefined {
  const found = registryHost(registryBaseUrl(host, 'container', options));
  return typeof found === 'string' ? found : undefined;
}

/** `HOST/owner/name:tag`, `HOST/owner/name@sha256:…` for an untagged version, or no suffix for the default tag. */
export function imageReference(pkg: PackageAddress): string | EcosystemError {
  const host = registryHost(pkg.registryUrl, pkg.owner);
  if (typeof host !== 'string') return host;
  const problem = firstProblem(checkOwner(pkg.owner), checkName('Image name', pkg.name, IMAGE, IMAGE_RULE));
  if (problem) return problem;
  const base = `${host}/${pkg.owner.toLowerCase()}/${pkg.name}`;
  if (pkg.version === undefined) return base;
  if (DIGEST.test(pkg.version)) return `${base}@${pkg.version}`;
  if (pkg.version.startsWith('sha256:')) return invalid(`Digest ${shown(pkg.version)} is not sha256: followed by 64 hexadecimal digits.`);
  return TAG.test(pkg.version)
    ? `${base}:${pkg.version}`
    : invalid(`Tag ${shown(pkg.version)} is not valid: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'.`);
}

/** LABEL key=value pairs, across continuation lines, quoted or not. */
function labels(text: string): Map<string, string> {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const found = new Map<string, string>();
  for (const line of joined.split(/\r?\n/)) {
    const body = /^\s*LABEL\s+(.*)$/i.exec(line)?.[1];
    if (!body) continue;
    for (const m of body.matchAll(/([\w.-]+)=("(?:\\.|[^"\\])*"|'[^']*'|\S+)/g)) found.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  }
  return found;
}

export const container: Ecosystem = {
  id: 'container',
  packageType: 'container',
  displayName: 'Container',

  matches: (fileName) => /(^|[\\/])(Dockerfile|Containerfile|[^\\/]+\.Dockerfile)$/.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    if (!/^\s*FROM\s+\S/im.test(text))
      return malformed(path, 'no FROM instruction found; a Dockerfile starts from a base image (FROM node:20, FROM scratch, …).');
    const found = labels(text);
    const source = found.get('org.opencontainers.image.source');
    const repositoryUrl = source ? normalizeRepositoryUrl(source) : undefined;
    // Without a source label, the image is named after the folder holding the Dockerfile.
    const rawName = repositoryUrl?.split('/').pop() ?? Utils.basename(Utils.dirname(path));
    const name = rawName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    if (!IMAGE.test(name))
      return malformed(
        path,
        `cannot derive an image name from ${shown(rawName)}; add LABEL org.opencontainers.image.source="https://github.com/OWNER/REPO".`,
      );
    const info: ManifestInfo = { name };
    const version = found.get('org.opencontainers.image.version');
    if (version && TAG.test(version)) info.version = version;
    if (repositoryUrl) info.repositoryUrl = repositoryUrl;
    const owner = ownerFromUrl(repositoryUrl);
    if (owner) info.owner = owner;
    return info;
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const reference = imageReference(pkg);
    return typeof reference === 'string' ? { language: 'shellscript', text: `docker pull ${reference}` } : reference;
  },

  configFiles: () => [],

  configEdits(pkg) {
    const host = registryHost(pkg.registryUrl, pkg.owner);
    if (typeof host !== 'string') return host;
    return {
      edits: [],
      notes: [`Docker needs no project file: sign in with \`echo $GITHUB_TOKEN | docker login ${host} -u USERNAME --password-stdin\`.`],
    };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const tag = request.info.version ?? 'latest';
    const reference = imageReference({ owner: request.owner, name: request.info.name, version: tag, registryUrl: request.registryUrl });
    if (typeof reference !== 'string') return reference;
    const host = registryHost(request.registryUrl, request.owner) as string;
    const loginProblem = checkOwner(request.username);
    if (loginProblem) return invalid(loginProblem);
    // docker by default; the command layer passes the CLI the githubPackages.containerCli setting chose.
    const cli: ContainerCli = request.executable === 'podman' ? 'podman' : 'docker';
    const cwd = Utils.dirname(request.manifest);
    const build = ['build', '--file', Utils.basename(request.manifest), '--tag', reference];
    // Links the package to its repository on GitHub (the org.opencontainers.image.source label).
    if (request.info.repositoryUrl) build.push('--label', `org.opencontainers.image.source=${request.info.repositoryUrl}`);
    build.push('.');
    const login = loginStep(cli, host, request.username, request.token);
    const steps: ProcessStep[] = [
      { title: `Signing in to ${host}`, ...login, env: {}, cwd },
      { title: `Building ${reference}`, command: cli, args: build, env: {}, cwd },
      { title: `Pushing ${reference}`, command: cli, args: ['push', ...tlsArgs(cli, host), reference], env: {}, cwd },
    ];
    // Without a credential helper docker (and podman, always) keeps the token base64-encoded in a file: sign out again,
    // unless the CLI was signed in before the push.
    if (!request.credentialHelper && !request.keepLogin)
      steps.push({ title: `Signing out of ${host}`, ...logoutStep(cli, host), env: {}, cwd, always: true });
    return steps;
  },
};
