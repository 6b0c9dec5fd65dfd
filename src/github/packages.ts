/**
 * Typed calls for the packages API (REST, plus the legacy GraphQL delete) mapped to the domain types.
 * Longer than most files because it is the one place every packages endpoint is called and its answer checked and
 * mapped; the HTTP client, errors and response shapes live in client.ts, errors.ts and shape.ts.
 */
import type { components } from '@octokit/openapi-types';
import { classifyError, GitHubError } from './errors';
import { parseScopes, type ScopeNeed } from './scopes';
import { integer, optionalText, record, text, textList } from './shape';
import type { Owner, OwnerRef, Package, PackageRef, PackageType, PackageVersion, Page, VersionState, Viewer } from './types';

type ApiPackage = components['schemas']['package'];
type ApiPackageVersion = components['schemas']['package-version'];
type ApiOrganization = components['schemas']['organization-simple'];

export interface CallOptions {
  signal?: AbortSignal;
}

export interface PageOptions extends CallOptions {
  page?: number;
  /** 1–100; default 100 (fewest round trips). */
  perPage?: number;
}

interface HttpResponse {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

const DELETE_PREVIEW = 'application/vnd.github.package-deletes-preview+json';

/** All PackagesApi asks of its HTTP client: Octokit's `request` with a route object, so a lazily loaded client fits. */
export interface RouteClient {
  request(route: { method: string; url: string } & Record<string, unknown>): Promise<unknown>;
}

export class PackagesApi {
  constructor(
    private readonly client: RouteClient,
    /** GraphQL endpoint of the host (see `hostFromApiUrl`); only the legacy delete uses it. */
    private readonly graphqlUrl?: string,
  ) {}

  async listPackagesPage(
    owner: OwnerRef,
    type: PackageType,
    options: PageOptions & { visibility?: 'public' | 'private' | 'internal' } = {},
  ): Promise<Page<Package>> {
    const page = options.page ?? 1;
    // Your own packages are listed before GitHub has said who you are (`/user/packages` needs no login).
    const operation = owner.login ? `list ${type} packages of ${owner.login}` : `list your ${type} packages`;
    const response = await this.call(operation, 'browse', options.signal, {
      method: 'GET',
      url: `${ownerPath(owner)}/packages`,
      ...ownerParams(owner),
      package_type: type,
      ...(options.visibility ? { visibility: options.visibility } : {}),
      page,
      per_page: options.perPage ?? 100,
    });
    return parsed(operation, () => toPage(response, page, (item: ApiPackage) => toPackage(item)));
  }

  async getPackage(ref: PackageRef, options: CallOptions = {}): Promise<Package> {
    const operation = `read package ${describeRef(ref)}`;
    const response = await this.call(operation, 'browse', options.signal, { method: 'GET', ...packageRoute(ref) });
    return parsed(operation, () => toPackage(response.data as ApiPackage));
  }

  async deletePackage(ref: PackageRef, options: CallOptions = {}): Promise<void> {
    await this.call(`delete package ${describeRef(ref)}`, 'delete', options.signal, { method: 'DELETE', ...packageRoute(ref) });
  }

  /** `token` is GitHub's optional restore token for a package whose name was reused; never logged. */
  async restorePackage(ref: PackageRef, options: CallOptions & { token?: string } = {}): Promise<void> {
    const route = packageRoute(ref);
    await this.call(`restore package ${describeRef(ref)}`, 'write', options.signal, {
      method: 'POST',
      ...route,
      url: `${route.url}/restore`,
      ...(options.token ? { token: options.token } : {}),
    });
  }

  async listVersionsPage(ref: PackageRef, options: PageOptions & { state?: VersionState } = {}): Promise<Page<PackageVersion>> {
    const page = options.page ?? 1;
    const route = packageRoute(ref);
    const operation = `list ${options.state === 'deleted' ? 'deleted ' : ''}versions of ${describeRef(ref)}`;
    const response = await this.call(operation, 'browse', options.signal, {
      method: 'GET',
      ...route,
      url: `${route.url}/versions`,
      page,
      per_page: options.perPage ?? 100,
      state: options.state ?? 'active',
    });
    return parsed(operation, () => toPage(response, page, (item: ApiPackageVersion) => toPackageVersion(item)));
  }

  async getVersion(ref: PackageRef, versionId: number, options: CallOptions = {}): Promise<PackageVersion> {
    const operation = `read version ${versionId} of ${describeRef(ref)}`;
    const response = await this.call(operation, 'browse', options.signal, { method: 'GET', ...versionRoute(ref, versionId) });
    return parsed(operation, () => toPackageVersion(response.data as ApiPackageVersion));
  }

  async deleteVersion(ref: PackageRef, versionId: number, options: CallOptions = {}): Promise<void> {
    await this.call(`delete version ${versionId} of ${describeRef(ref)}`, 'delete', options.signal, {
      method: 'DELETE',
      ...versionRoute(ref, versionId),
    });
  }

  async restoreVersion(ref: PackageRef, versionId: number, options: CallOptions = {}): Promise<void> {
    const route = versionRoute(ref, versionId);
    await this.call(`restore version ${versionId} of ${describeRef(ref)}`, 'write', options.signal, {
      method: 'POST',
      ...route,
      url: `${route.url}/restore`,
    });
  }

  /**
   * Legacy GraphQL `deletePackageVersion` for repository-scoped packages (Maven/Gradle, npm/NuGet/RubyGems on GHES)
   * when REST cannot delete them. `packageVersionId` is the GraphQL node id (see `legacyPackageVersionNodeId`).
   */
  async deleteVersionGraphQL(packageVersionId: string, options: CallOptions = {}): Promise<void> {
    if (!this.graphqlUrl) throw new Error('PackagesApi: no GraphQL URL was given for this host.');
    const operation = `delete package version ${packageVersionId}`;
    const response = await this.call(operation, 'delete', options.signal, {
      method: 'POST',
      url: this.graphqlUrl,
      headers: { accept: DELETE_PREVIEW },
      query: 'mutation($id: ID!) { deletePackageVersion(input: { packageVersionId: $id }) { success } }',
      variables: { id: packageVersionId },
    });
    const body = response.data as {
      data?: { deletePackageVersion?: { success?: boolean } };
      errors?: { type?: string; message: string }[];
    };
    if (body.errors?.length) throw graphqlError(body.errors[0], operation);
    if (body.data?.deletePackageVersion?.success === false) {
      throw new GitHubError({ kind: 'refused', reason: 'other', githubMessage: 'GitHub did not delete the version.' }, { operation });
    }
  }

  /** The legacy GraphQL node of a package version: which version of which package of which owner it really is. */
  async getVersionNode(
    packageVersionId: string,
    options: CallOptions = {},
  ): Promise<{ version: string; packageName: string; packageType: string; ownerLogin?: string } | undefined> {
    if (!this.graphqlUrl) throw new Error('PackagesApi: no GraphQL URL was given for this host.');
    const operation = `read package version ${packageVersionId}`;
    const response = await this.call(operation, 'browse', options.signal, {
      method: 'POST',
      url: this.graphqlUrl,
      query:
        'query($id: ID!) { node(id: $id) { ... on PackageVersion { version package { name packageType repository { owner { login } } } } } }',
      variables: { id: packageVersionId },
    });
    const body = response.data as {
      data?: {
        node?: {
          version?: unknown;
          package?: { name?: unknown; packageType?: unknown; repository?: { owner?: { login?: unknown } } | null };
        } | null;
      };
      errors?: { type?: string; message: string }[];
    };
    const node = body.data?.node;
    if (!node) {
      if (body.errors?.length && body.errors[0].type !== 'NOT_FOUND') throw graphqlError(body.errors[0], operation);
      return undefined;
    }
    if (typeof node.version !== 'string' || typeof node.package?.name !== 'string' || typeof node.package.packageType !== 'string')
      return undefined;
    const login = node.package.repository?.owner?.login;
    return {
      version: node.version,
      packageName: node.package.name,
      packageType: node.package.packageType,
      ownerLogin: typeof login === 'string' ? login : undefined,
    };
  }

  /**
   * Changes a REPOSITORY's visibility (`PATCH /repos/{owner}/{repo}`): for repository-scoped packages this is the
   * package's visibility too. It changes the whole repository; callers must say so before calling.
   */
  async setRepositoryVisibility(
    repo: { owner: string; name: string },
    visibility: 'public' | 'private' | 'internal',
    options: CallOptions = {},
  ): Promise<void> {
    await this.call(`change the visibility of ${repo.owner}/${repo.name}`, 'repository', options.signal, {
      method: 'PATCH',
      url: '/repos/{owner}/{repo}',
      owner: repo.owner,
      repo: repo.name,
      visibility,
    });
  }

  /** `GET /user`: who the token belongs to and its scopes (`X-OAuth-Scopes`). Also validates a token on save. */
  async getViewer(options: CallOptions = {}): Promise<Viewer> {
    const response = await this.call('read your GitHub account', 'none', options.signal, { method: 'GET', url: '/user' });
    const data = response.data as { login: string; id: number; name?: string | null; avatar_url?: string };
    return {
      login: parsed('read your GitHub account', () => text(record(data, 'an account').login, 'an account')),
      id: data.id,
      name: data.name ?? undefined,
      avatarUrl: data.avatar_url,
      scopes: parseScopes(response.headers['x-oauth-scopes']),
      enterpriseVersion:
        typeof response.headers['x-github-enterprise-version'] === 'string' ? response.headers['x-github-enterprise-version'] : undefined,
    };
  }

  /** `GET /user/orgs`: without `read:org` GitHub shows only public memberships (or refuses). */
  async listViewerOrgsPage(options: PageOptions = {}): Promise<Page<Owner>> {
    const page = options.page ?? 1;
    const operation = 'list your organizations';
    const response = await this.call(operation, 'orgs', options.signal, {
      method: 'GET',
      url: '/user/orgs',
      page,
      per_page: options.perPage ?? 100,
    });
    return parsed(operation, () =>
      toPage(response, page, (org: ApiOrganization): Owner => ({
        login: text(record(org, 'an organization').login, 'an organization'),
        kind: 'org',
        avatarUrl: org.avatar_url,
        source: 'membership',
      })),
    );
  }

  /** `GET /users/{username}`: tells a user from an organization (both answer there). */
  async getAccount(login: string, options: CallOptions = {}): Promise<{ login: string; kind: 'user' | 'org'; avatarUrl?: string }> {
    const response = await this.call(`look up ${login}`, 'none', options.signal, {
      method: 'GET',
      url: '/users/{username}',
      username: login,
    });
    const data = response.data as { login: string; type?: string; avatar_url?: string };
    return { login: data.login, kind: data.type === 'Organization' ? 'org' : 'user', avatarUrl: data.avatar_url };
  }

  private async call(
    operation: string,
    needs: ScopeNeed,
    signal: AbortSignal | undefined,
    route: { method: string; url: string } & Record<string, unknown>,
  ): Promise<HttpResponse> {
    const { method, url, ...params } = route;
    try {
      const response = await this.client.request({ method, url, ...params, request: signal ? { signal } : {} });
      return response as HttpResponse;
    } catch (error) {
      throw classifyError(error, { operation, method, path: url, needs, signal }) ?? error;
    }
  }
}

function ownerPath(owner: OwnerRef): string {
  switch (owner.kind) {
    case 'viewer':
      return '/user';
    case 'user':
      return '/users/{username}';
    case 'org':
      return '/orgs/{org}';
  }
}

/** Names that would change the path they are put in (`.`, `..`) or that no GitHub owner or package can have. */
function checkedName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here.
  if (name === '' || name === '.' || name === '..' || /[\u0000-\u001f\u007f]/.test(name) || name.length > 512) {
    throw new GitHubError({ kind: 'invalidName', name });
  }
  return name;
}

function ownerParams(owner: OwnerRef): Record<string, string> {
  if (owner.kind !== 'viewer') checkedName(owner.login);
  if (owner.kind === 'user') return { username: owner.login };
  if (owner.kind === 'org') return { org: owner.login };
  return {};
}

// URL templates percent-encode every parameter, so container names with `/` become `%2F`.
function packageRoute(ref: PackageRef): { url: string } & Record<string, string> {
  return {
    url: `${ownerPath(ref.owner)}/packages/{package_type}/{package_name}`,
    ...ownerParams(ref.owner),
    package_type: ref.type,
    package_name: checkedName(ref.name),
  };
}

function versionRoute(ref: PackageRef, versionId: number): { url: string } & Record<string, string | number> {
  const route = packageRoute(ref);
  return { ...route, url: `${route.url}/versions/{package_version_id}`, package_version_id: versionId };
}

function describeRef(ref: PackageRef): string {
  return `${ref.type}/${ref.name} of ${ref.owner.login}`;
}

/** Names the call in a shape error raised while reading its answer. */
function parsed<T>(operation: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GitHubError && error.detail.kind === 'badResponse' && !error.context.operation) {
      throw new GitHubError(error.detail, { ...error.context, operation });
    }
    throw error;
  }
}

function toPage<A, T>(response: HttpResponse, page: number, map: (item: A) => T): Page<T> {
  if (!Array.isArray(response.data)) {
    throw new GitHubError(
      { kind: 'badResponse', problem: typeof response.data === 'string' ? 'an answer that is not JSON' : 'a listing that is not a list' },
      { status: response.status },
    );
  }
  const links = parseLinkHeader(response.headers.link);
  return {
    items: (response.data as A[]).map(map),
    page,
    lastPage: links.last ?? (links.next ? undefined : page),
    hasNext: links.next !== undefined,
  };
}

/** Page numbers named by a `Link` header: `<…?page=2>; rel="next", <…?page=5>; rel="last"`. */
export function parseLinkHeader(header: string | number | undefined): Partial<Record<'next' | 'last' | 'prev' | 'first', number>> {
  const result: Partial<Record<'next' | 'last' | 'prev' | 'first', number>> = {};
  if (typeof header !== 'string') return result;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (!match) continue;
    const page = Number(new URL(match[1], 'http://link.invalid').searchParams.get('page'));
    for (const rel of match[2].split(/\s+/)) {
      if ((rel === 'next' || rel === 'last' || rel === 'prev' || rel === 'first') && Number.isFinite(page) && page > 0) result[rel] = page;
    }
  }
  return result;
}

export function toPackage(raw: ApiPackage): Package {
  const item = record(raw, 'a package');
  const repository = item.repository === null || item.repository === undefined ? null : record(item.repository, 'a package repository');
  const owner = item.owner === null || item.owner === undefined ? {} : record(item.owner, 'a package owner');
  return {
    id: integer(item.id, 'a package'),
    name: text(item.name, 'a package'),
    packageType: text(item.package_type, 'a package type') as PackageType,
    visibility: (optionalText(item.visibility) ?? 'private') as Package['visibility'],
    htmlUrl: optionalText(item.html_url) ?? '',
    versionCount: typeof item.version_count === 'number' ? item.version_count : 0,
    owner: { login: optionalText(owner.login) ?? '', type: optionalText(owner.type) ?? 'User' },
    repository: repository
      ? {
          name: text(repository.name, 'a repository'),
          fullName: text(repository.full_name, 'a repository'),
          htmlUrl: optionalText(repository.html_url) ?? '',
          private: repository.private === true,
          visibility: optionalText(repository.visibility),
        }
      : null,
    createdAt: optionalText(item.created_at) ?? '',
    updatedAt: optionalText(item.updated_at) ?? optionalText(item.created_at) ?? '',
  };
}

export function toPackageVersion(raw: ApiPackageVersion): PackageVersion {
  const item = record(raw, 'a package version');
  const metadata = item.metadata === null || item.metadata === undefined ? {} : record(item.metadata, 'version metadata');
  const container = metadata.container === undefined ? undefined : record(metadata.container, 'container metadata');
  const docker = metadata.docker === undefined ? undefined : record(metadata.docker, 'docker metadata');
  const tags = container?.tags ?? docker?.tag ?? docker?.tags;
  return {
    id: integer(item.id, 'a package version'),
    name: text(item.name, 'a package version'),
    htmlUrl: optionalText(item.html_url),
    packageHtmlUrl: optionalText(item.package_html_url) ?? '',
    description: optionalText(item.description),
    createdAt: optionalText(item.created_at) ?? '',
    updatedAt: optionalText(item.updated_at) ?? optionalText(item.created_at) ?? '',
    deletedAt: optionalText(item.deleted_at),
    tags: textList(tags, 'a container version'),
    license: optionalText(item.license),
  };
}

/** The legacy GraphQL node id of a package version (`014:PackageVersion{id}`, base64); unverified on new hosts. */
export function legacyPackageVersionNodeId(versionId: number): string {
  return Buffer.from(`014:PackageVersion${versionId}`).toString('base64');
}

function graphqlError(error: { type?: string; message: string }, operation: string): GitHubError {
  switch (error.type) {
    case 'NOT_FOUND':
      return new GitHubError({ kind: 'notFound' }, { operation });
    case 'INSUFFICIENT_SCOPES':
      return new GitHubError(
        { kind: 'scopeMissing', scope: /write:packages/.test(error.message) ? 'write:packages' : 'delete:packages', granted: [] },
        { operation },
      );
    case 'RATE_LIMITED':
      return new GitHubError({ kind: 'rateLimited', until: new Date(Date.now() + 60_000), secondary: false }, { operation });
    default:
      return new GitHubError({ kind: 'refused', reason: 'other', githubMessage: error.message }, { operation });
  }
}
