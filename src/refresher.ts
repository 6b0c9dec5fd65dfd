/** Refresh: who is signed in, then the listing, with progress on the view; one at a time, and `whenIdle` to await it. */
import * as vscode from 'vscode';
import type { Account } from './account';
import { readWorkspaceInputs } from './workspace/manifests';

const SIGN_IN_OFFER_AFTER_MS = 1500;

export class Refresher {
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly account: Account,
    private readonly output: vscode.LogOutputChannel,
    private readonly viewId: string,
  ) {}

  refresh(): Promise<void> {
    this.running = Promise.resolve(vscode.window.withProgress({ location: { viewId: this.viewId } }, () => this.refreshListing()));
    return this.running;
  }

  whenIdle(): Promise<void> {
    return this.running;
  }

  private async refreshListing(): Promise<void> {
    const { auth, current, hosts } = this.account;
    const token = await signedOutMeanwhile(auth.current(), () => current.setSignedIn(false));
    current.setSignedIn(token !== undefined);
    const state = vscode.commands.executeCommand('setContext', 'githubPackages.state', token ? 'signedIn' : 'signedOut');
    if (!token) return void (await state);
    // The workspace only adds owners: GitHub is asked at once, not after the workspace's files are read.
    const workspace = readWorkspaceInputs().then((inputs) => current.registry.setWorkspace(inputs));
    const source =
      token.source === 'saved' ? 'saved token' : token.source === 'env' ? 'GITHUB_PACKAGES_TOKEN token' : 'VS Code account session';
    this.output.info(`Listing packages on ${hosts.apiUrl()} with the ${source}.`);
    const listing = current.registry
      .refresh()
      .catch((e: unknown) => this.output.warn(`Refresh stopped: ${e instanceof Error ? e.message : String(e)}`));
    await Promise.all([state, workspace, listing]);
  }
}

/**
 * VS Code's account lookup can take many seconds when no provider answers; offer the sign-in buttons meanwhile
 * (the welcome view) instead of "Connecting to GitHub…", and show the listing as soon as a token arrives.
 */
async function signedOutMeanwhile<T>(lookup: Promise<T | undefined>, showSignedOut: () => void): Promise<T | undefined> {
  const timer = setTimeout(() => {
    showSignedOut();
    void vscode.commands.executeCommand('setContext', 'githubPackages.state', 'signedOut');
  }, SIGN_IN_OFFER_AFTER_MS);
  try {
    return await lookup;
  } finally {
    clearTimeout(timer);
  }
}
