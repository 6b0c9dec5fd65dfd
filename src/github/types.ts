/** Domain types shared by every layer. They mirror GitHub's REST schemas `package` and `package-version`. */

/** GitHub's `package_type` values. `maven` covers Gradle too; `docker` is the legacy docker.pkg.github.com. */
export type PackageType = 'npm' | 'maven' | 'rubygems' | 'docker' | 'nuget' | 'container';
export const PACKAGE_TYPES: readonly PackageType[] = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'];

/** The ecosystems the extension knows, in every layer; `gradle` publishes to GitHub's `maven` package type. */
export type EcosystemId = 'npm' | 'maven' | 'gradle' | 'nuget' | 'rubygems' | 'container';

export type OwnerKind = 'viewer' | 'user' | 'org';

/** Whose packages: the signed-in user (`/user`), another user (`/users/{login}`) or an org (`/orgs/{org}`). */
export interface Owner {
  login: string;
  kind: OwnerKind;
  avatarUrl?: string;
  /** Why this owner is listed: it is you, one of your orgs, a setting, or found in the workspace. */
  source: 'self' | 'membership' | 'setting' | 'workspace';
}

export interface PackageRepository {
  name: string;
  fullName: string;
  htmlUrl: string;
  private: boolean;
  visibility?: string;
}

export interface Package {
  id: number;
  name: string;
  packageType: PackageType;
  visibility: 'public' | 'private' | 'internal';
  htmlUrl: string;
  versionCount: number;
  owner: { login: string; type: string };
  repository: PackageRepository | null;
  createdAt: string;
  updatedAt: string;
}

export interface PackageVersion {
  id: number;
  /** The version string, or the manifest digest (`sha256:…`) for containers. */
  name: string;
  htmlUrl?: string;
  packageHtmlUrl: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  /** Container tags; empty for an untagged manifest. */
  tags: string[];
  license?: string;
}

/** How a container digest is shown to a person: `sha256:` and its first 12 hex digits; other names unchanged. */
export function shortDigest(name: string): string {
  const match = /^sha256:([0-9a-f]{12})/.exec(name);
  return match ? `sha256:${match[1]}` : name;
}

/** The two facts that decide the REST path of an owner (`/user`, `/users/{login}`, `/orgs/{login}`). */
export type OwnerRef = Pick<Owner, 'login' | 'kind'>;

/** Names one package; `name` is the API name (npm without scope, containers may contain `/`). */
export interface PackageRef {
  owner: OwnerRef;
  type: PackageType;
  name: string;
}

export function refOf(owner: OwnerRef, pkg: Pick<Package, 'packageType' | 'name'>): PackageRef {
  return { owner: { login: owner.login, kind: owner.kind }, type: pkg.packageType, name: pkg.name };
}

export type VersionState = 'active' | 'deleted';

/** The signed-in account as `GET /user` describes it. */
export interface Viewer {
  login: string;
  id: number;
  name?: string;
  avatarUrl?: string;
  /** From `X-OAuth-Scopes`; `undefined` when GitHub sent none (fine-grained or app tokens, which packages reject). */
  scopes: string[] | undefined;
  /** `X-GitHub-Enterprise-Version`: sent by GitHub Enterprise Server only. */
  enterpriseVersion?: string;
}

/** One page of a listing, with what the `Link` header says about the rest. */
export interface Page<T> {
  items: T[];
  page: number;
  /** The last page number when `Link` names it (`rel="last"`). */
  lastPage?: number;
  hasNext: boolean;
}
