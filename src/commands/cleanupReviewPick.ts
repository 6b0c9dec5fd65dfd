import * as vscode from 'vscode';
import { reviewTitle, type PackagePlan, type ReviewEntry } from '../registry/cleanupReview';

interface ReviewItem extends vscode.QuickPickItem {
  entry?: ReviewEntry;
}

const ICONS = { delete: '$(trash)', inUse: '$(pinned)', refused: '$(circle-slash)' } as const;

/**
 * The review: every selected version ticked, in-use ones unticked, refused ones listed with their reason and not
 * pickable (ticking one unticks it again). Enter accepts what is ticked; Escape deletes nothing.
 */
export function showReview(
  plans: readonly PackagePlan[],
  entries: readonly ReviewEntry[],
  dryRun: boolean,
): Promise<ReviewEntry[] | undefined> {
  const pick = vscode.window.createQuickPick<ReviewItem>();
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.placeholder = dryRun
    ? vscode.l10n.t('Dry run: nothing will be deleted. Untick to see what keeping a version changes; Enter to finish.')
    : vscode.l10n.t('Untick any version to keep it; Enter to continue to the confirmation');
  const items: ReviewItem[] = [];
  plans.forEach((plan, index) => {
    const mine = entries.filter((entry) => entry.plan === index);
    if (mine.length === 0) return;
    if (plans.length > 1) items.push({ label: `${plan.ref.owner.login}/${plan.pkg.name}`, kind: vscode.QuickPickItemKind.Separator });
    for (const entry of mine) {
      const state = entry.state === 'refused' ? vscode.l10n.t('refused: ') : '';
      items.push({ label: `${ICONS[entry.state]} ${entry.label}`, description: `${state}${entry.why}`, detail: entry.what, entry });
    }
  });
  pick.items = items;
  const ticked = () =>
    pick.selectedItems.filter((item) => item.entry && item.entry.state !== 'refused').map((item) => item.entry as ReviewEntry);
  const retitle = () => (pick.title = reviewTitle(plans, ticked(), dryRun, entries));
  pick.selectedItems = items.filter((item) => item.entry?.state === 'delete');
  retitle();

  return new Promise((resolve) => {
    let result: ReviewEntry[] | undefined;
    pick.onDidChangeSelection((selection) => {
      if (selection.some((item) => item.entry?.state === 'refused'))
        pick.selectedItems = selection.filter((item) => item.entry?.state !== 'refused');
      retitle();
    });
    pick.onDidAccept(() => {
      result = ticked();
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
