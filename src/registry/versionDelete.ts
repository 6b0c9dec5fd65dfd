/**
 * Deleting versions so that the outcome is known: GitHub answers a retried DELETE whose first answer was lost
 * with 404, so only a 404 after a retry (or a failure after the retries) is checked against the version's state; a
 * first-time 404 is a failure with GitHub's answer. Repository-scoped packages on servers whose REST API cannot
 * delete them fall back to GraphQL, after the node is confirmed to be the same owner, package and version.
 */
import { classifyError, GitHubError } from '../github/errors';
import { legacyPackageVersionNodeId, type PackagesApi } from '../github/packages';
import type { PackageRef, PackageVersion } from '../github/types';
import type { Limiter } from './limiter';
import { asGitHubError } from './merge';

export type VersionDeleteOutcome =
  | 'deleted'
  /** The DELETE failed or answered 404, but the version is deleted: an earlier attempt went through. */
  | 'confirmedDeleted'
  /** REST could not delete it; the legacy GraphQL mutation did. */
  | 'deletedWithGraphQL';

type VersionDeleteApi = Pick<PackagesApi, 'deleteVersion' | 'getVersion' | 'deleteVersionGraphQL' | 'getVersionNode'>;

export interface BulkResult {
  succeeded: number[];
  failed: { id: number; error: GitHubError }[];
  /** Ids not attempted because the operation was cancelled. */
  skipped: number[];
  /** Succeeded ids whose deletion was confirmed by reading the version (lost answer) or done through GraphQL. */
  confirmed?: { id: number; how: Exclude<VersionDeleteOutcome, 'deleted'> }[];
}

export interface BulkDeleteOptions {
  /** Stops before the next version; the one in flight finishes, so the result says exactly what happened. */
  cancel: AbortSignal;
  /** Aborts the version in flight too (the service is being disposed). */
  lifetime: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Failures that are about the account or the host, not the version: a bulk operation stops at the first. */
const STOPS_BULK = new Set<GitHubError['kind']>(['notSignedIn', 'scopeMissing', 'saml', 'rateLimited']);

/** Deletes versions one after another (the client paces writes as GitHub asks); each id is tried once. */
export async function deleteVersionsInTurn(
  api: VersionDeleteApi,
  limiter: Limiter,
  ref: PackageRef,
  versionIds: readonly number[],
  options: BulkDeleteOptions,
): Promise<BulkResult> {
  const ids = [...new Set(versionIds)];
  const result: BulkResult = { succeeded: [], failed: [], skipped: [], confirmed: [] };
  for (const [index, id] of ids.entries()) {
    // Stryker disable next-line ConditionalExpression,BlockStatement: the limiter refuses a cancelled call just the same.
    if (options.cancel.aborted) {
      result.skipped.push(...ids.slice(index));
      break;
    }
    try {
      const outcome = await limiter.run(() => deleteVersionChecked(api, ref, id, options.lifetime), options.cancel);
      result.succeeded.push(id);
      // Stryker disable next-line OptionalChaining: `confirmed` is set above; it is optional only for other BulkResult makers.
      if (outcome !== 'deleted') result.confirmed?.push({ id, how: outcome });
    } catch (error) {
      const failure = asGitHubError(error);
      if (failure.kind === 'cancelled') {
        result.skipped.push(...ids.slice(index));
        break;
      }
      result.failed.push({ id, error: failure });
      if (STOPS_BULK.has(failure.kind)) {
        // Every further version would fail the same way: leave them unattempted.
        result.skipped.push(...ids.slice(index + 1));
        break;
      }
    }
    options.onProgress?.(index + 1, ids.length);
  }
  return result;
}

export async function deleteVersionChecked(
  api: VersionDeleteApi,
  ref: PackageRef,
  versionId: number,
  signal?: AbortSignal,
): Promise<VersionDeleteOutcome> {
  try {
    await api.deleteVersion(ref, versionId, { signal });
    return 'deleted';
  } catch (error) {
    const failure = classified(error);
    if (!['notFound', 'network', 'server'].includes(failure.kind)) throw failure;
    // An answer was lost only when the client retried (or gave up retrying): then GitHub's 404 may be our own delete.
    const answerLost = failure.kind !== 'notFound' || failure.context.retried === true;
    const state = await versionState(api, ref, versionId, signal);
    if (state.state === 'deleted' && answerLost) return 'confirmedDeleted';
    if (state.state === 'active' && failure.kind === 'notFound' && ref.type !== 'container' && ref.type !== 'docker') {
      return deleteWithGraphQL(api, ref, state.version, signal, failure);
    }
    throw failure;
  }
}

async function deleteWithGraphQL(
  api: VersionDeleteApi,
  ref: PackageRef,
  version: PackageVersion,
  signal: AbortSignal | undefined,
  restFailure: GitHubError,
): Promise<VersionDeleteOutcome> {
  const nodeId = legacyPackageVersionNodeId(version.id);
  try {
    // The node id format is GitHub's legacy one: delete only what it resolves to when that is this very version.
    const node = await api.getVersionNode(nodeId, { signal });
    const same =
      // Stryker disable next-line ConditionalExpression: a missing node throws on the next line; the catch reports REST's answer.
      node !== undefined &&
      node.version === version.name &&
      node.packageName.toLowerCase() === ref.name.toLowerCase() &&
      node.packageType.toLowerCase() === ref.type &&
      // Stryker disable next-line OptionalChaining: a node without an owner throws here, and the catch reports REST's answer.
      node.ownerLogin?.toLowerCase() === ref.owner.login.toLowerCase();
    if (!same) throw restFailure;
    await api.deleteVersionGraphQL(nodeId, { signal });
    return 'deletedWithGraphQL';
  } catch (error) {
    // A host without GraphQL (no URL) or a GraphQL "not found": REST's answer is the one to report.
    const failure = classifyError(error);
    if (!failure || failure.kind === 'notFound') throw restFailure;
    throw failure;
  }
}

type VersionState = { state: 'active'; version: PackageVersion } | { state: 'deleted' | 'unknown' };

/** `deleted` also covers a version GitHub no longer shows at all (past the restore window). */
async function versionState(
  api: VersionDeleteApi,
  ref: PackageRef,
  versionId: number,
  signal: AbortSignal | undefined,
): Promise<VersionState> {
  try {
    const version = await api.getVersion(ref, versionId, { signal });
    return version.deletedAt ? { state: 'deleted' } : { state: 'active', version };
  } catch (error) {
    const failure = classified(error);
    if (failure.kind === 'cancelled') throw failure;
    // Stryker disable next-line StringLiteral: only 'deleted' and 'active' are acted on; any other state means unknown.
    return { state: failure.kind === 'notFound' ? 'deleted' : 'unknown' };
  }
}

/** A failure GitHub's client did not classify is a bug, not an answer: let it surface as it is. */
function classified(error: unknown): GitHubError {
  const failure = classifyError(error);
  if (!failure) throw error;
  return failure;
}
