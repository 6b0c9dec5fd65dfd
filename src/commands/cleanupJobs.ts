import * as vscode from 'vscode';
import {
  describeJob,
  nextWriteAt,
  pendingCount,
  recordBatch,
  recordRefusals,
  restoredJob,
  summarizeJob,
  writesAllowedNow,
  type BatchOutcome,
  type CleanupJob,
  type JobPackage,
} from '../registry/cleanupJob';
import { planDeletion } from '../registry/deletePlan';
import { readManifestGraph } from '../registry/multiArchGuard';
import { taggedKey } from './deleteVersions';
import { manifestReader } from './shared/manifestReader';
import type { Services } from './services';

const JOB_KEY = 'githubPackages.cleanupJob';
/** Deletes per step: the plan is saved after each, so a reload loses at most this many answers' worth of record. */
const BATCH = 20;

/**
 * Runs the persisted clean-up plan: one package after another, re-planned against GitHub before each batch (the
 * same guards as Delete Version), paced under GitHub's write limits, saved after every batch. A reload finds the
 * plan paused; Resume, Pause and Abandon act on it from the view.
 */
export class CleanupJobs implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CleanupJob | undefined>();
  readonly onDidChange = this.changed.event;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly services: Services,
    private readonly state: vscode.Memento,
  ) {
    const saved = this.state.get<unknown>(JOB_KEY);
    const job = restoredJob(saved);
    // Saved again so the view's Resume/Pause/Abandon follow it; an unreadable old shape is dropped.
    if (job) void this.save(job);
    else if (saved !== undefined) void this.state.update(JOB_KEY, undefined);
    // A wait for GitHub's limits goes on by itself after a reload.
    if (job?.status === 'waiting') this.schedule(job);
  }

  current(): CleanupJob | undefined {
    return this.state.get<CleanupJob>(JOB_KEY);
  }

  describe(now = Date.now()): string | undefined {
    const job = this.current();
    return job && job.status !== 'done' && job.status !== 'abandoned'
      ? describeJob(job, now, (at) => new Date(at).toLocaleTimeString())
      : undefined;
  }

  /** Starts a confirmed plan; resolves when it finishes, pauses or waits. */
  async start(job: CleanupJob): Promise<void> {
    const previous = this.current();
    if (
      previous &&
      (previous.status === 'running' || previous.status === 'waiting' || previous.status === 'paused') &&
      pendingCount(previous) > 0
    ) {
      this.services.output.warn(
        `A new clean-up replaces the unfinished one: ${summarizeJob({ ...previous, status: 'abandoned' }).headline}`,
      );
    }
    await this.save(job);
    await this.run();
  }

  async resume(): Promise<void> {
    const job = this.current();
    if (!job || job.status === 'done' || job.status === 'abandoned') {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no unfinished clean-up to resume.'));
      return;
    }
    if (this.running) return;
    await this.save({ ...job, status: 'running', note: undefined, resumeAt: undefined });
    await this.run();
  }

  async pause(note = vscode.l10n.t('paused by you')): Promise<void> {
    this.clearTimer();
    this.running?.controller.abort();
    await this.running?.done;
    const job = this.current();
    if (job && (job.status === 'running' || job.status === 'waiting'))
      await this.save({ ...job, status: 'paused', note, resumeAt: undefined });
  }

  async abandon(): Promise<void> {
    await this.pause();
    const job = this.current();
    if (!job || job.status === 'done' || job.status === 'abandoned') return;
    const finished = { ...job, status: 'abandoned' as const };
    await this.save(finished);
    this.report(finished);
  }

  private async run(): Promise<void> {
    if (this.running) return this.running.done;
    const controller = new AbortController();
    const done = vscode.window
      .withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Cleaning up'), cancellable: true },
        async (progress, cancellation) => {
          cancellation.onCancellationRequested(() => controller.abort());
          await this.steps(controller.signal, (message) => progress.report({ message }));
        },
      )
      .then(
        () => undefined,
        async (error: unknown) => {
          const job = this.current();
          if (controller.signal.aborted) {
            if (job?.status === 'running') await this.save({ ...job, status: 'paused', note: vscode.l10n.t('paused by you') });
            return;
          }
          const message = error instanceof Error ? error.message : String(error);
          this.services.output.error(`Clean-up paused: ${message}`);
          if (job?.status === 'running') await this.save({ ...job, status: 'paused', note: message });
          void vscode.window.showWarningMessage(
            vscode.l10n.t('Clean-up paused: {0}. Resume it from the Packages view when GitHub answers again.', message),
          );
        },
      );
    this.running = { controller, done: Promise.resolve(done).finally(() => (this.running = undefined)) };
    return this.running.done;
  }

  private async steps(signal: AbortSignal, say: (message: string) => void): Promise<void> {
    const token = await this.services.auth.require('delete', false).catch(() => undefined);
    let job = this.current();
    if (!job) return;
    if (!token) {
      await this.save({ ...job, status: 'paused', note: vscode.l10n.t('sign in with the delete:packages scope, then resume') });
      return;
    }
    for (;;) {
      job = this.current();
      if (!job || job.status !== 'running') return;
      if (signal.aborted) {
        await this.save({ ...job, status: 'paused', note: vscode.l10n.t('cancelled') });
        return;
      }
      const pkg = job.packages.find((item) => item.pending.length > 0);
      if (!pkg) {
        const finished = { ...job, status: 'done' as const };
        await this.save(finished);
        this.report(finished);
        return;
      }
      const now = Date.now();
      const allowed = writesAllowedNow(job.writes, now);
      if (allowed === 0) {
        await this.wait(job, nextWriteAt(job.writes, now), vscode.l10n.t('GitHub allows about 80 deletes a minute and 500 an hour'));
        return;
      }
      say(describeJob(job, now, (at) => new Date(at).toLocaleTimeString()));
      const outcome = await this.batch(job, pkg, token, Math.min(allowed, BATCH), signal);
      if (outcome.limitedUntil !== undefined) {
        await this.wait(this.current() ?? job, outcome.limitedUntil, vscode.l10n.t("GitHub's rate limit was reached"));
        return;
      }
      if (outcome.stopped) throw new Error(outcome.stopped);
    }
  }

  /** Re-plans the package's next versions against GitHub (guards, refusals), deletes them, and saves the result. */
  private async batch(
    job: CleanupJob,
    pkg: JobPackage,
    token: Parameters<typeof manifestReader>[1],
    size: number,
    signal: AbortSignal,
  ): Promise<BatchOutcome> {
    const state = await this.services.registry.loadVersions(pkg.ref, { state: 'active', signal });
    if (state.error?.detail.kind === 'rateLimited') return { limitedUntil: state.error.detail.until.getTime() };
    if (!state.active || state.error) {
      // Nothing is refused on a failed listing: the plan pauses and keeps every version pending.
      throw new Error(
        vscode.l10n.t('the versions of {0} could not be listed: {1}', pkg.pkg.name, state.error?.message ?? vscode.l10n.t('no answer')),
      );
    }
    const byId = new Map(state.active.map((version) => [version.id, version]));
    const next = pkg.pending.slice(0, size);
    const selected = next.map((v) => byId.get(v.id) ?? { ...v, packageHtmlUrl: '', createdAt: '', updatedAt: '' });
    const container = pkg.pkg.packageType === 'container' || pkg.pkg.packageType === 'docker';
    const needsGuard = container && selected.some((version) => version.tags.length === 0);
    // The same fail-closed checks as Delete Version: the guard must see every tagged image, and they must hold still.
    if (needsGuard && state.truncated)
      throw new Error(
        vscode.l10n.t(
          'GitHub lists at most 10,000 versions of {0}, so not every tagged image could be checked; nothing was deleted',
          pkg.pkg.name,
        ),
      );
    const manifests = needsGuard
      ? await readManifestGraph(manifestReader(this.services, token), { owner: pkg.ref.owner.login, name: pkg.ref.name }, state.active, {
          signal,
        })
      : undefined;
    if (needsGuard) {
      const again = await this.services.registry.loadVersions(pkg.ref, { state: 'active', signal });
      if (!again.active || again.error || taggedKey(again.active) !== taggedKey(state.active)) {
        throw new Error(
          vscode.l10n.t(
            'the tagged images of {0} changed while their manifests were read; nothing was deleted, resume to check again',
            pkg.pkg.name,
          ),
        );
      }
    }
    // Fails closed without refusing for good: a run that lasts hours pauses on a registry hiccup and keeps its plan.
    if (manifests && !manifests.ok)
      throw new Error(
        vscode.l10n.t('the image manifests of {0} could not be read, so nothing was deleted ({1})', pkg.pkg.name, manifests.error.message),
      );
    const plan = planDeletion({ pkg: pkg.pkg, selected, active: state.active, manifests });
    recordRefusals(pkg, plan.refusals);
    if (plan.toDelete.length === 0) {
      await this.save(job);
      return {};
    }
    const result = await this.services.registry.deleteVersions(
      pkg.ref,
      plan.toDelete.map((item) => item.version.id),
      { signal },
    );
    const outcome = recordBatch(job, pkg, result, Date.now());
    await this.save(job);
    return outcome;
  }

  private async wait(job: CleanupJob, until: number, why: string): Promise<void> {
    const waiting = { ...job, status: 'waiting' as const, resumeAt: until, note: why };
    await this.save(waiting);
    this.services.output.info(`Clean-up waits: ${why}. It resumes at ${new Date(until).toLocaleTimeString()} (${pendingCount(job)} left).`);
    this.schedule(waiting);
  }

  private schedule(job: CleanupJob): void {
    this.clearTimer();
    this.timer = setTimeout(() => void this.resume(), Math.max(0, (job.resumeAt ?? Date.now()) - Date.now()));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private report(job: CleanupJob): void {
    const summary = summarizeJob(job);
    this.services.output.info(summary.headline);
    for (const line of summary.details) this.services.output.info(`  ${line}`);
    const show = (choice: string | undefined) => choice && this.services.output.show(true);
    const details = vscode.l10n.t('Show Details');
    if (summary.complete) void vscode.window.showInformationMessage(summary.headline, details).then(show);
    else void vscode.window.showWarningMessage(summary.headline, details).then(show);
  }

  private async save(job: CleanupJob): Promise<void> {
    await this.state.update(JOB_KEY, job);
    const active = job.status === 'running' || job.status === 'waiting' || job.status === 'paused';
    await vscode.commands.executeCommand('setContext', 'githubPackages.cleanupJob', active ? job.status : undefined);
    this.changed.fire(job);
  }

  dispose(): void {
    this.clearTimer();
    this.running?.controller.abort();
    this.changed.dispose();
  }
}
