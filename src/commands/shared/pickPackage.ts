import * as vscode from 'vscode';
import type { Owner, Package } from '../../github/types';
import { TYPE_LABELS } from '../../views/nodes';
import type { Services } from '../services';

/** The one package picker: a QuickPick over every package the tree knows, for commands run from the palette. */
export async function pickPackage(
  services: Services,
  title: string,
  filter: (pkg: Package) => boolean = () => true,
): Promise<{ owner: Owner; pkg: Package } | undefined> {
  if (!services.model.signedIn()) {
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Sign in to GitHub Packages first.'), vscode.l10n.t('Sign In'));
    if (choice) await vscode.commands.executeCommand('githubPackages.signIn');
    return undefined;
  }
  const items = services.model
    .owners()
    .flatMap((o) => o.packages.filter(filter).map((pkg) => ({ owner: o.owner, pkg })))
    .map((entry) => ({
      label: entry.pkg.name,
      description: `${entry.owner.login} · ${TYPE_LABELS[entry.pkg.packageType]} · ${entry.pkg.visibility}`,
      entry,
    }));
  if (items.length === 0) {
    await vscode.window.showInformationMessage(
      vscode.l10n.t('No packages are listed yet. Refresh the Packages view, or check the filter.'),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Package name, owner or type'),
  });
  return picked?.entry;
}

/** The one owner picker: a QuickPick over the logins of the listed owners. */
export async function pickOwner(services: Services, title: string): Promise<string | undefined> {
  return vscode.window.showQuickPick(
    services.model.owners().map((listing) => listing.owner.login),
    { title, placeHolder: vscode.l10n.t('A user or organization') },
  );
}
