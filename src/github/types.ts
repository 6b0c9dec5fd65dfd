/** Domain types shared by every layer. They mirror GitHub's REST schemas `package` and `package-version`. */

/** GitHub's `package_type` values. `maven` covers Gradle too; `docker` is the legacy docker.pkg.github.com. */
export type PackageType = 'npm' | 'maven' | 'rubygems' | 'docker' | 'nuget' | 'container';
export const PACKAGE_TYPES: readonly PackageType[] = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'];

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
}
