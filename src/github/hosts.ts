/** Where GitHub lives: API, GraphQL, web and registry URLs for github.com, GHES and GHE.com. */
import { isLoopbackHost, isSecureOrLoopback } from './safeFetch';
import type { EcosystemId, OwnerKind, PackageType } from './types';

export type HostKind = 'dotcom' | 'ghes' | 'ghecom';

/** Per-ecosystem registry base URLs; `gradle` shares Maven's registry. */
export type RegistryUrlOverrides = Partial<Record<EcosystemId, string>>;

export interface GitHubHost {
  kind: HostKind;
  /** REST base URL without a trailing slash, e.g. `https://api.github.com`, `https://ghes.example.com/api/v3`. */
  apiUrl: string;
  graphqlUrl: string;
  /** Web base URL, e.g. `https://github.com`. */
  webUrl: string;
  /** Host name of the web UI, used to match git remotes and to build registry host names. */
  webHost: string;
}

export const DOTCOM_API_URL = 'https://api.github.com';

export interface ApiUrlInputs {
  /** The `githubPackages.apiUrl` setting; wins when not empty. */
  apiUrl?: string;
  /** The `github-enterprise.uri` setting, e.g. `https://ghes.example.com` or `https://octocorp.ghe.com`. */
  enterpriseUri?: string;
  /** Which sign-in is in use; the enterprise URI only counts for `github-enterprise`. */
  provider?: 'github' | 'github-enterprise';
}

/** The REST base URL: explicit override, else github.com, else (for GitHub Enterprise sign-in) derived from its URI. */
export function resolveApiUrl(inputs: ApiUrlInputs): string {
  const override = inputs.apiUrl?.trim();
  if (override) return trimSlash(override);
  if (inputs.provider !== 'github-enterprise' || !inputs.enterpriseUri?.trim()) return DOTCOM_API_URL;
  return apiUrlForEnterprise(inputs.enterpriseUri);
}

/** GHES `https://HOST/api/v3`; GHE.com `https://api.SUB.ghe.com`. */
export function apiUrlForEnterprise(enterpriseUri: string): string {
  // Stryker disable next-line MethodExpression: the URL parser drops surrounding spaces itself
  const url = new URL(enterpriseUri.trim());
  const host = url.host.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com') return DOTCOM_API_URL;
  if (isGheCom(host)) return `https://${host.startsWith('api.') ? host : `api.${host}`}`;
  return `${url.protocol}//${host}/api/v3`;
}

/** Describes the host behind a REST base URL. Unknown shapes (a local server) are treated like GHES. */
export function hostFromApiUrl(apiUrl: string): GitHubHost {
  const base = trimSlash(apiUrl);
  const url = new URL(base);
  const host = url.host.toLowerCase();
  if (host === 'api.github.com') {
    return { kind: 'dotcom', apiUrl: base, graphqlUrl: `${base}/graphql`, webUrl: 'https://github.com', webHost: 'github.com' };
  }
  if (isGheCom(host)) {
    const webHost = host.replace(/^api\./, '');
    return { kind: 'ghecom', apiUrl: base, graphqlUrl: `${base}/graphql`, webUrl: `https://${webHost}`, webHost };
  }
  const origin = `${url.protocol}//${host}`;
  const prefix = url.pathname.replace(/\/api\/v3$/, '').replace(/\/+$/, '');
  const graphqlUrl = /\/api\/v3$/.test(url.pathname) ? `${origin}${prefix}/api/graphql` : `${base}/graphql`;
  return { kind: 'ghes', apiUrl: base, graphqlUrl, webUrl: `${origin}${prefix}`, webHost: host };
}

function isGheCom(host: string): boolean {
  return /(^|\.)ghe\.com$/.test(host);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function ownerSegment(kind: OwnerKind): 'orgs' | 'users' {
  return kind === 'org' ? 'orgs' : 'users';
}

/** The package page on the web, e.g. `https://github.com/orgs/ORG/packages/container/package/repo%2Fimg`. */
export function packageWebUrl(host: GitHubHost, owner: { login: string; kind: OwnerKind }, type: PackageType, name: string): string {
  return `${host.webUrl}/${ownerSegment(owner.kind)}/${encodeURIComponent(owner.login)}/packages/${type}/package/${encodeURIComponent(name)}`;
}

/** The package settings page (visibility, access, Danger Zone). The user form is unverified against GitHub. */
export function packageSettingsUrl(host: GitHubHost, owner: { login: string; kind: OwnerKind }, type: PackageType, name: string): string {
  return `${host.webUrl}/${ownerSegment(owner.kind)}/${encodeURIComponent(owner.login)}/packages/${type}/${encodeURIComponent(name)}/settings`;
}

/** All packages of an owner on the web. */
export function ownerPackagesWebUrl(host: GitHubHost, owner: { login: string; kind: OwnerKind }): string {
  return owner.kind === 'org'
    ? `${host.webUrl}/orgs/${encodeURIComponent(owner.login)}/packages`
    : `${host.webUrl}/${encodeURIComponent(owner.login)}?tab=packages`;
}

/** Where a user creates a classic token with the given scopes pre-ticked. */
export function newTokenUrl(host: GitHubHost, scopes: readonly string[], description = 'VS Code GitHub Packages'): string {
  return `${host.webUrl}/settings/tokens/new?scopes=${scopes.map(encodeURIComponent).join(',')}&description=${encodeURIComponent(description)}`;
}

export interface RegistryOptions {
  /** GHES only: registries on subdomains (`npm.HOST`) or under `HOST/_registry/…`. Default true, GitHub's recommendation. */
  subdomainIsolation?: boolean;
  /** The `githubPackages.registryUrls` setting: per-ecosystem base URLs that replace the derived ones. */
  overrides?: RegistryUrlOverrides;
}

/** The registry base URL of an ecosystem, without any owner part (containers: a host name, no scheme). */
export function registryBaseUrl(host: GitHubHost, ecosystem: EcosystemId, options: RegistryOptions = {}): string {
  const override = options.overrides?.[ecosystem] ?? (ecosystem === 'gradle' ? options.overrides?.maven : undefined);
  if (override?.trim()) return ecosystem === 'npm' ? ensureSlashIfPath(override.trim()) : trimSlash(override.trim());
  const registry = ecosystem === 'gradle' ? 'maven' : ecosystem;
  if (host.kind === 'dotcom') return registry === 'container' ? 'ghcr.io' : `https://${registry}.pkg.github.com`;
  // A loopback host (the local stand-in) has no subdomains: its registries live under /_registry, like GHES's path form.
  if (isLoopbackHost(new URL(host.webUrl).hostname)) {
    if (registry === 'container') return host.webHost;
    return registry === 'npm' ? `${host.webUrl}/_registry/npm/` : `${host.webUrl}/_registry/${registry}`;
  }
  const scheme = new URL(host.webUrl).protocol;
  if (host.kind === 'ghecom' || options.subdomainIsolation !== false) {
    if (registry === 'container') return `containers.${host.webHost}`;
    return `${scheme}//${registry}.${host.webHost}`;
  }
  if (registry === 'container') return `containers.${host.webHost}`;
  return registry === 'npm' ? `${host.webUrl}/_registry/npm/` : `${host.webUrl}/_registry/${registry}`;
}

/**
 * The URL a package manager is pointed at: npm `…/`-less base, Maven/Gradle `…/OWNER/REPO`,
 * NuGet `…/OWNER/index.json`, RubyGems `…/OWNER`, containers `HOST/OWNER`.
 */
export function registryUrl(
  host: GitHubHost,
  ecosystem: EcosystemId,
  target: { owner: string; repo?: string },
  options: RegistryOptions = {},
): string {
  const base = registryBaseUrl(host, ecosystem, options);
  const owner = target.owner.toLowerCase();
  switch (ecosystem) {
    case 'npm':
      return base;
    case 'maven':
    case 'gradle':
      return `${trimSlash(base)}/${owner}/${target.repo ?? '*'}`;
    case 'nuget':
      return `${trimSlash(base)}/${target.owner}/index.json`;
    case 'rubygems':
      return `${trimSlash(base)}/${target.owner}`;
    case 'container':
      return `${trimSlash(base)}/${owner}`;
  }
}

/** `ghcr.io/owner/repo/img:tag` from a package name (which may contain `/`). */
export function containerImageRef(
  host: GitHubHost,
  owner: string,
  name: string,
  tagOrDigest?: string,
  options: RegistryOptions = {},
): string {
  const image = `${registryUrl(host, 'container', { owner }, options)}/${name.toLowerCase()}`;
  if (!tagOrDigest) return image;
  return tagOrDigest.startsWith('sha256:') ? `${image}@${tagOrDigest}` : `${image}:${tagOrDigest}`;
}

/** The npm registry host key used in `.npmrc` auth lines, e.g. `//npm.pkg.github.com/`. */
export function npmAuthKey(host: GitHubHost, options: RegistryOptions = {}): string {
  const base = registryBaseUrl(host, 'npm', options);
  return ensureSlashIfPath(base.replace(/^https?:/, '')).replace(/([^/])$/, '$1/');
}

function ensureSlashIfPath(url: string): string {
  const parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
  return parsed.pathname.length > 1 && !url.endsWith('/') ? `${url}/` : url;
}

/**
 * Hosts besides the container registry's own that may receive the token at its bearer `realm`: GitHub's web and
 * API hosts of the API host in use (ghcr.io's realm is ghcr.io itself; GHES may name the instance).
 */
export function registryTokenHosts(host: GitHubHost): string[] {
  return [...new Set([host.webHost.toLowerCase(), new URL(host.apiUrl).host.toLowerCase()])];
}

/**
 * Whether a URL that came from GitHub (an `html_url`, a SAML authorization link) may be opened: https on the web
 * host of the API host in use or one of its subdomains, or plain http on loopback for the local stand-in.
 */
export function isGitHubWebUrl(url: string | undefined, host: GitHubHost): boolean {
  // Stryker disable next-line ConditionalExpression: an empty URL fails to parse below and is refused alike
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!isSecureOrLoopback(parsed) || parsed.username || parsed.password) return false;
  const name = parsed.host.toLowerCase();
  const web = host.webHost.toLowerCase();
  if (parsed.protocol === 'http:') return name === web || name === new URL(host.apiUrl).host.toLowerCase();
  return name === web || name.endsWith(`.${web}`);
}

/**
 * A VS Code account session belongs to one host: a `github` session to github.com, a `github-enterprise` session to
 * the host of `github-enterprise.uri` as VS Code's own provider reads it. It is used only when that is the API host.
 */
export function sessionBelongsTo(provider: 'github' | 'github-enterprise', apiUrl: string, enterpriseUri: string | undefined): boolean {
  let host: GitHubHost;
  try {
    host = hostFromApiUrl(apiUrl);
  } catch {
    return false;
  }
  if (provider === 'github') return host.kind === 'dotcom';
  // Stryker disable next-line MethodExpression: a blank URI fails to parse below and is refused alike
  if (!enterpriseUri?.trim() || host.kind === 'dotcom') return false;
  try {
    // The same server: its REST API may sit at /api/v3 or be overridden to another path of that host.
    return hostFromApiUrl(apiUrlForEnterprise(enterpriseUri)).webHost === host.webHost;
  } catch {
    return false;
  }
}
