/** Shapes shared by the local GitHub Packages stand-in: seeds, options, faults. */

export type PackageType = 'npm' | 'maven' | 'rubygems' | 'docker' | 'nuget' | 'container';
export const PACKAGE_TYPES: readonly PackageType[] = ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'];
export type Visibility = 'public' | 'private';
export type RepoVisibility = 'public' | 'private' | 'internal';

export interface SeedUser {
  login: string;
  name?: string;
  id?: number;
}
export interface SeedOrg {
  login: string;
  name?: string;
  id?: number;
  /** login → role; admins may delete and restore, members read and publish. */
  members?: Record<string, 'admin' | 'member'>;
  /** Members whose membership is public (what /user/orgs shows without read:org). */
  publicMembers?: string[];
  /** The org enforces SAML SSO: tokens must be authorized for it (SeedToken.ssoAuthorized). */
  samlEnforced?: boolean;
}
export interface SeedToken {
  token: string;
  user: string;
  scopes: string[];
  /** Orgs with SAML enforcement this token was authorized for. */
  ssoAuthorized?: string[];
}
export interface SeedRepo {
  owner: string;
  name: string;
  visibility?: RepoVisibility;
  description?: string;
}

export interface SeedVersion {
  name: string;
  tags?: string[];
  downloads?: number;
  createdDaysAgo?: number;
  deletedDaysAgo?: number;
  description?: string;
  license?: string;
}
/** A container image: generated OCI manifests (real digests), one version per manifest. */
export interface SeedImage {
  tags: string[];
  /** e.g. ['linux/amd64', 'linux/arm64']; absent or one entry = single-platform manifest. */
  platforms?: string[];
  /** Add a provenance attestation manifest per platform (multi-platform only). */
  attestations?: boolean;
  /** 'oci' (default) or 'docker' (manifest list + docker v2 manifests). */
  format?: 'oci' | 'docker';
  createdDaysAgo?: number;
  deletedDaysAgo?: number;
  downloads?: number;
}
export interface SeedPackage {
  owner: string;
  type: PackageType;
  name: string;
  visibility?: Visibility;
  /** 'owner/repo' the package is linked to. */
  repository?: string;
  createdDaysAgo?: number;
  deletedDaysAgo?: number;
  versions?: SeedVersion[];
  /** Generate `count` versions named by `pattern` ('{i}' is replaced by 1..count), oldest first. */
  generate?: { count: number; pattern?: string };
  images?: SeedImage[];
}
export interface Seed {
  users: SeedUser[];
  orgs?: SeedOrg[];
  /** token name → token */
  tokens: Record<string, SeedToken>;
  repos?: SeedRepo[];
  packages?: SeedPackage[];
}

export interface FaultRule {
  method?: string;
  /** RegExp, or a regular-expression source string, tested against the request path (with query). */
  path: RegExp | string;
  status?: number;
  drop?: boolean;
  /** How many requests the rule hits before it retires; unlimited when absent. */
  times?: number;
}
export interface Faults {
  errorRate?: number;
  dropRate?: number;
  slowBodyMs?: number;
  rules?: FaultRule[];
}
export type Latency = number | { min: number; max: number } | undefined;

export interface StartOptions {
  seed?: 'small' | 'demo' | Seed;
  port?: number;
  latency?: Latency;
  faults?: Faults;
  secondaryRateLimit?: { maxConcurrent?: number; minWriteIntervalMs?: number };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  start: number;
  end: number;
}
