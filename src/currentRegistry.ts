/**
 * The RegistryService of the API host in use, its tree model and the signed-in state, as one object: the tree,
 * the commands and the settings page read it, it fires one change event, and it rebuilds itself when the host
 * changes so that listings and caches of two hosts never mix. It forwards `PackagesModel` to a `RegistryModel` because the
 * tree holds this object for the whole session while the service and model behind it are replaced on a host change.
 */
import * as vscode from 'vscode';
import type { GitHubError } from './github/errors';
import type { Owner, Package } from './github/types';
import type { RegistryService } from './registry/service';
import type { OwnerListing, PackagesModel, VersionListing } from './views/model';
import { RegistryModel } from './views/registryModel';

export class CurrentRegistry implements PackagesModel, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires on every change of the current service, and when the service is replaced (host changed). */
  readonly onDidChange = this.changed.event;
  private service!: RegistryService;
  private model!: RegistryModel;
  private subscription: { dispose(): void } | undefined;

  constructor(private readonly build: () => RegistryService) {
    this.rebuild();
  }

  /** A new RegistryService for the host `build` now names; the old one is disposed (its requests cancelled). */
  rebuild(): void {
    this.subscription?.dispose();
    this.service?.dispose();
    this.service = this.build();
    this.model = new RegistryModel(this.service);
    this.subscription = this.service.onDidChange(() => this.changed.fire());
    this.changed.fire();
  }

  get registry(): RegistryService {
    return this.service;
  }

  /** Tells the model whether a token exists; fires so the tree leaves "Connecting…" even when nothing else changes. */
  setSignedIn(signedIn: boolean): void {
    if (!this.model.signInPending() && this.model.signedIn() === signedIn) return;
    this.model.setSignedIn(signedIn);
    this.changed.fire();
  }

  signedIn(): boolean {
    return this.model.signedIn();
  }

  signInPending(): boolean {
    return this.model.signInPending();
  }

  accountError(): GitHubError | undefined {
    return this.model.accountError();
  }

  notice(): GitHubError | undefined {
    return this.model.notice();
  }

  owners(): OwnerListing[] {
    return this.model.owners();
  }

  versions(owner: Owner, pkg: Package): VersionListing {
    return this.model.versions(owner, pkg);
  }

  loadVersions(owner: Owner, pkg: Package, includeDeleted: boolean): void {
    this.model.loadVersions(owner, pkg, includeDeleted);
  }

  /** For views that derive state (multi-arch labels) and must repaint when it arrives. */
  fire(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription?.dispose();
    this.service.dispose();
    this.changed.dispose();
  }
}
