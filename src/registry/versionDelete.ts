/**
 * Deleting one version so that the outcome is known: GitHub answers a retried DELETE whose first answer was lost
 * with 404, so a 404 (or a failure after the retries) is checked against the version's state before it is called a
 * failure. Repository-scoped packages on servers whose REST API cannot delete them fall back to GraphQL.
 */
import { classifyError, GitHubError } from '../github/errors';
import { legacyPackageVersionNodeId, type PackagesApi } from '../github/packages';
import type { PackageRef } from '../github/types';

export type VersionDeleteOutcome =
  | 'deleted'
  /** The DELETE failed or answered 404, but the version is deleted: an earlier attempt went through. */
  | 'confirmedDeleted'
  /** REST could not delete it; the legacy GraphQL mutation did. */
  | 'deletedWithGraphQL';

type VersionDeleteApi = Pick<PackagesApi, 'deleteVersion' | 'getVersion' | 'deleteVersionGraphQL'>;

export async function deleteVersionChecked(api: VersionDeleteApi, ref: PackageRef, versionId: number, signal?: AbortSignal): Promise<VersionDeleteOutcome> {
  try {
    await api.deleteVersion(ref, versionId, { signal });
    return 'deleted';
  } catch (error) {
    const failure = asGitHubError(error);
    if (!['notFound', 'network', 'server'].includes(failure.kind)) throw failure;
    const state = await versionState(api, ref, versionId, signal);
    if (state === 'deleted') return 'confirmedDeleted';
    if (state === 'active' && failure.kind === 'notFound' && ref.type !== 'container' && ref.type !== 'docker') {
      return deleteWithGraphQL(api, versionId, signal, failure);
    }
    throw failure;
  }
}

async function deleteWithGraphQL(api: VersionDeleteApi, versionId: number, signal: AbortSignal | undefined, restFailure: GitHubError): Promise<VersionDeleteOutcome> {
  try {
    await api.deleteVersionGraphQL(legacyPackageVersionNodeId(versionId), { signal });
    return 'deletedWithGraphQL';
  } catch (error) {
    // A host without GraphQL (no URL) or a GraphQL "not found": REST's answer is the one to report.
    const failure = classifyError(error);
    if (!failure || failure.kind === 'notFound') throw restFailure;
    throw failure;
  }
}

/** `deleted` also covers a version GitHub no longer shows at all (past the restore window). */
async function versionState(api: VersionDeleteApi, ref: PackageRef, versionId: number, signal: AbortSignal | undefined): Promise<'active' | 'deleted' | 'unknown'> {
  try {
    const version = await api.getVersion(ref, versionId, { signal });
    return version.deletedAt ? 'deleted' : 'active';
  } catch (error) {
    const failure = asGitHubError(error);
    if (failure.kind === 'cancelled') throw failure;
    return failure.kind === 'notFound' ? 'deleted' : 'unknown';
  }
}

function asGitHubError(error: unknown): GitHubError {
  const failure = classifyError(error);
  if (!failure) throw error;
  return failure;
}
