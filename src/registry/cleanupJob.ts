/**
 * A clean-up run as a persisted plan: what is left to delete per package, what went, what was refused, and the
 * write history that paces it under GitHub's limits. Plain JSON (kept in the extension's global state), so a run
 * survives a window reload and its summary stays exact across pauses. Pure.
 */
import type { PackageRef, PackageType } from '../github/types';
import type { Refusal } from './deletePlan';
import { plural } from './plural';
import type { BulkResult } from './service';

/** GitHub's documented ceiling for content-creating requests of one user; package deletes count against it. */
export const WRITE_LIMITS = { perMinute: 80, perHour: 500 } as const;

export interface JobVersion {
  id: number;
  name: string;
  tags: string[];
  /** How the review named it ("linux/arm64 of v1", "1.2.0"). */
  label: string;
}

export interface JobPackage {
  ref: PackageRef;
  pkg: { name: string; packageType: PackageType; visibility: 'public' | 'private' | 'internal' };
  pending: JobVersion[];
  deleted: JobVersion[];
  refused: { label: string; message: string }[];
}

export type JobStatus = 'running' | 'paused' | 'waiting' | 'done' | 'abandoned';

export interface CleanupJob {
  version: 1;
  id: string;
  owner: string;
  /** The rule in words. */
  rule: string;
  createdAt: number;
  status: JobStatus;
  /** When `waiting`: the time GitHub's limits let it go on (epoch ms). */
  resumeAt?: number;
  /** Why it is paused or waiting, in words. */
  note?: string;
  /** Epoch ms of the writes in the last hour, oldest first. */
  writes: number[];
  packages: JobPackage[];
}

export function newJob(owner: string, rule: string, packages: JobPackage[], now: number): CleanupJob {
  return { version: 1, id: `${now.toString(36)}-${owner}`, owner, rule, createdAt: now, status: 'running', writes: [], packages };
}

/** A saved job as a new window finds it: a run the window closed under is paused (never lost, never resumed unasked). */
export function restoredJob(saved: unknown): CleanupJob | undefined {
  const job = saved as CleanupJob | undefined;
  if (!job || job.version !== 1 || !Array.isArray(job.packages)) return undefined;
  return job.status === 'running' ? { ...job, status: 'paused', note: 'the window was reloaded' } : job;
}

export function pendingCount(job: CleanupJob): number {
  return job.packages.reduce((sum, pkg) => sum + pkg.pending.length, 0);
}

/** The earliest time a next delete stays within `limits`, given the writes already made. */
export function nextWriteAt(writes: readonly number[], now: number, limits: { perMinute: number; perHour: number } = WRITE_LIMITS): number {
  const hourAgo = now - 3600_000;
  const minuteAgo = now - 60_000;
  const lastHour = writes.filter((at) => at > hourAgo);
  const lastMinute = lastHour.filter((at) => at > minuteAgo);
  let at = now;
  if (lastMinute.length >= limits.perMinute) at = Math.max(at, lastMinute[lastMinute.length - limits.perMinute] + 60_000);
  if (lastHour.length >= limits.perHour) at = Math.max(at, lastHour[lastHour.length - limits.perHour] + 3600_000);
  return at;
}

/** How many deletes may go right now without waiting. */
export function writesAllowedNow(
  writes: readonly number[],
  now: number,
  limits: { perMinute: number; perHour: number } = WRITE_LIMITS,
): number {
  const lastHour = writes.filter((at) => at > now - 3600_000).length;
  const lastMinute = writes.filter((at) => at > now - 60_000).length;
  return Math.max(0, Math.min(limits.perMinute - lastMinute, limits.perHour - lastHour));
}

/** The shortest time `n` deletes take under `limits`, starting with no writes made (the pacing bound). */
export function pacingBoundMs(n: number, limits: { perMinute: number; perHour: number } = WRITE_LIMITS): number {
  if (n <= 0) return 0;
  const fullHours = Math.floor((n - 1) / limits.perHour);
  const rest = n - fullHours * limits.perHour;
  return fullHours * 3600_000 + Math.floor((rest - 1) / limits.perMinute) * 60_000;
}

/** Records a planning step's refusals: those versions leave `pending`. */
export function recordRefusals(pkg: JobPackage, refusals: readonly Refusal[]): void {
  const gone = new Set(refusals.map((refusal) => refusal.version.id));
  for (const refusal of refusals) {
    const version = pkg.pending.find((item) => item.id === refusal.version.id);
    if (version) pkg.refused.push({ label: version.label, message: refusal.message });
  }
  pkg.pending = pkg.pending.filter((item) => !gone.has(item.id));
}

/** Failures that say nothing about the version itself: it stays pending and the run pauses or waits. */
const NOT_THE_VERSION = new Set(['network', 'server', 'notSignedIn', 'scopeMissing', 'saml', 'cancelled']);

export interface BatchOutcome {
  /** GitHub's rate limit was hit: go on at this time (epoch ms). */
  limitedUntil?: number;
  /** Something not about one version stopped the batch (sign-in, scope, network): pause with this message. */
  stopped?: string;
}

/**
 * Records one batch's result. Deleted and refused versions leave `pending`; a version a rate limit, the network or
 * the token stopped, and every version not attempted, stays pending for the next step.
 */
export function recordBatch(job: CleanupJob, pkg: JobPackage, result: BulkResult, now: number): BatchOutcome {
  const byId = new Map(pkg.pending.map((item) => [item.id, item]));
  const outcome: BatchOutcome = {};
  const done = new Set<number>();
  for (const id of result.succeeded) {
    const version = byId.get(id);
    if (version) pkg.deleted.push(version);
    done.add(id);
  }
  for (const failure of result.failed) {
    const detail = failure.error.detail;
    if (detail.kind === 'rateLimited') {
      outcome.limitedUntil = Math.max(outcome.limitedUntil ?? 0, detail.until.getTime());
      continue;
    }
    if (NOT_THE_VERSION.has(detail.kind)) {
      outcome.stopped ??= failure.error.message;
      continue;
    }
    pkg.refused.push({ label: byId.get(failure.id)?.label ?? `version ${failure.id}`, message: failure.error.message });
    done.add(failure.id);
  }
  pkg.pending = pkg.pending.filter((item) => !done.has(item.id));
  const attempts = result.succeeded.length + result.failed.length;
  job.writes = [...job.writes.filter((at) => at > now - 3600_000), ...Array.from({ length: attempts }, () => now)];
  return outcome;
}

export interface JobSummary {
  headline: string;
  details: string[];
  complete: boolean;
}

/** The exact summary across every pause: what went, what was refused, what is left. */
export function summarizeJob(job: CleanupJob): JobSummary {
  const deleted = job.packages.reduce((sum, pkg) => sum + pkg.deleted.length, 0);
  const refused = job.packages.reduce((sum, pkg) => sum + pkg.refused.length, 0);
  const left = pendingCount(job);
  const packages = job.packages.filter((pkg) => pkg.deleted.length > 0).length;
  const parts = [`Deleted ${plural(deleted, 'version')} from ${plural(packages, 'package')} of ${job.owner}`];
  if (refused) parts.push(`${refused} refused or failed`);
  if (left) parts.push(`${left} not deleted yet${job.status === 'abandoned' ? ' (abandoned)' : ''}`);
  const details: string[] = [];
  for (const pkg of job.packages) {
    for (const version of pkg.deleted) details.push(`Deleted ${pkg.pkg.name} ${version.label}`);
    for (const refusal of pkg.refused) details.push(`Not deleted: ${pkg.pkg.name} ${refusal.label}: ${refusal.message}`);
    if (pkg.pending.length)
      details.push(`Not attempted (${pkg.pending.length}) in ${pkg.pkg.name}: ${pkg.pending.map((v) => v.label).join(', ')}`);
  }
  return { headline: `${parts.join('; ')}.`, details, complete: refused === 0 && left === 0 };
}

/** The job's state in one line, for the view. */
export function describeJob(job: CleanupJob, now: number, time: (at: number) => string): string {
  const left = pendingCount(job);
  const total = left + job.packages.reduce((sum, pkg) => sum + pkg.deleted.length + pkg.refused.length, 0);
  const progress = `${total - left} of ${total} done`;
  switch (job.status) {
    case 'running':
      return `Cleaning up ${job.owner}: ${progress}.`;
    case 'waiting':
      return `Clean-up of ${job.owner} waits for GitHub's limits: ${progress}; resumes at ${time(job.resumeAt ?? now)}.`;
    case 'paused':
      return `Clean-up of ${job.owner} paused${job.note ? ` (${job.note})` : ''}: ${progress}. Resume or abandon it from the view's menu.`;
    default:
      return summarizeJob(job).headline;
  }
}
