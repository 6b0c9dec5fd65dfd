import * as vscode from 'vscode';
import { PACKAGE_TYPES, PackageType } from '../github/types';
import type { PackageFilter } from '../views/model';
import { TYPE_LABELS } from '../views/nodes';
import type { Services } from './services';

type FilterAction = 'text' | 'types' | 'visibility' | 'clear';

/**
 * Narrows the tree by name, type and visibility. Tests and keybindings may pass the filter directly:
 * `executeCommand('githubPackages.filter', { text: 'hello', types: ['npm'] })`.
 */
export async function filterPackages(services: Services, update: (filter: PackageFilter) => void, preset?: PackageFilter): Promise<void> {
  if (preset && typeof preset === 'object' && !('kind' in preset)) {
    update(normalise(preset));
    return;
  }
  const current = services.tree.getFilter();
  const picked = await pickAction(current);
  if (!picked) return;
  if (picked.action === 'typed') {
    update(normalise({ ...current, text: picked.text }));
    return;
  }
  const next: PackageFilter = { ...current };
  switch (picked.action) {
    case 'text': {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Show packages whose name contains'),
        value: current.text ?? '',
        placeHolder: vscode.l10n.t('e.g. api'),
      });
      if (text === undefined) return;
      next.text = text.trim() || undefined;
      break;
    }
    case 'types': {
      const items = PACKAGE_TYPES.map((t) => ({ label: TYPE_LABELS[t], type: t, picked: current.types?.includes(t) ?? false }));
      const types = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show these package types'), canPickMany: true });
      if (!types) return;
      next.types = types.length && types.length < PACKAGE_TYPES.length ? types.map((t) => t.type) : undefined;
      break;
    }
    case 'visibility': {
      const vis = await vscode.window.showQuickPick(['any', 'public', 'private', 'internal'], {
        title: vscode.l10n.t('Show packages that are'),
      });
      if (!vis) return;
      next.visibility = vis === 'any' ? undefined : (vis as PackageFilter['visibility']);
      break;
    }
    case 'clear':
      update({});
      return;
  }
  update(normalise(next));
}

type FilterChoice = vscode.QuickPickItem & { action: FilterAction | 'typed'; text?: string };

/** The first step: typing a name offers "Name contains …" at the top, so Enter applies what was typed. */
async function pickAction(current: PackageFilter): Promise<FilterChoice | undefined> {
  const actions: FilterChoice[] = [
    {
      label: `$(search) ${vscode.l10n.t('Name contains…')}`,
      description: current.text ? vscode.l10n.t('now “{0}”', current.text) : undefined,
      action: 'text',
      alwaysShow: true,
    },
    {
      label: `$(package) ${vscode.l10n.t('Package types…')}`,
      description: current.types?.length ? vscode.l10n.t('now {0}', current.types.join(', ')) : vscode.l10n.t('all'),
      action: 'types',
      alwaysShow: true,
    },
    {
      label: `$(lock) ${vscode.l10n.t('Visibility…')}`,
      description: current.visibility ?? 'any',
      action: 'visibility',
      alwaysShow: true,
    },
    { label: `$(clear-all) ${vscode.l10n.t('Clear filter')}`, action: 'clear', alwaysShow: true },
  ];
  const quickPick = vscode.window.createQuickPick<FilterChoice>();
  quickPick.title = vscode.l10n.t('Filter packages');
  quickPick.placeholder = vscode.l10n.t('Type a name to show packages whose name contains it, or pick a filter');
  quickPick.items = actions;
  quickPick.onDidChangeValue((value) => {
    const text = value.trim();
    quickPick.items = text
      ? [{ label: `$(search) ${vscode.l10n.t('Name contains “{0}”', text)}`, action: 'typed', text, alwaysShow: true }, ...actions]
      : actions;
  });
  try {
    return await new Promise<FilterChoice | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
  } finally {
    quickPick.dispose();
  }
}

function normalise(filter: PackageFilter): PackageFilter {
  const types = filter.types?.filter((t): t is PackageType => (PACKAGE_TYPES as readonly string[]).includes(t));
  return {
    text: filter.text?.trim() || undefined,
    types: types?.length ? types : undefined,
    visibility: filter.visibility,
  };
}
