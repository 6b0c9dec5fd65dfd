import type { LocalGitHub } from '../../github-local';
import { call } from './client';

/** What a publish left behind, as the REST API lists it to mona: the package (if listed) and its version names. */
export interface Listed {
  status: number;
  visibility?: string;
  /** `owner/name` of the linked repository. */
  repository?: string;
  versionCount?: number;
  /** Newest first, as GitHub lists them. */
  versions: string[];
}

/** Reads one of mona's packages and its versions through the REST API (answers checked against GitHub's schema). */
export async function listedPackage(gh: LocalGitHub, type: string, name: string): Promise<Listed> {
  const path = `/user/packages/${type}/${encodeURIComponent(name)}`;
  const pkg = await call(gh.url, 'GET', path, { token: gh.tokens.mona });
  if (pkg.status !== 200) return { status: pkg.status, versions: [] };
  const body = pkg.body as { visibility: string; version_count: number; repository: { full_name: string } | null };
  const versions = (await call(gh.url, 'GET', `${path}/versions`, { token: gh.tokens.mona })).body as Array<{ name: string }>;
  return {
    status: pkg.status,
    visibility: body.visibility,
    repository: body.repository?.full_name,
    versionCount: body.version_count,
    versions: versions.map((v) => v.name),
  };
}

/** Basic credentials as registry clients send them: the user and the token. */
export function basicAuth(token: string, user = 'mona'): { authorization: string } {
  return { authorization: 'Basic ' + Buffer.from(`${user}:${token}`).toString('base64') };
}
