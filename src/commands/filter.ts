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
  const actions: (vscode.QuickPickItem & { action: FilterAction })[] = [
    { label: '$(search) Name contains…', description: current.text ? `now “${current.text}”` : undefined, action: 'text' },
    { label: '$(package) Package types…', description: current.types?.length ? `now ${current.types.join(', ')}` : 'all', action: 'types' },
    { label: '$(lock) Visibility…', description: current.visibility ?? 'any', action: 'visibility' },
    { label: '$(clear-all) Clear filter', action: 'clear' },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: 'Filter packages' });
  if (!picked) return;
  const next: PackageFilter = { ...current };
  switch (picked.action) {
    case 'text': {
      const text = await vscode.window.showInputBox({ title: 'Show packages whose name contains', value: current.text ?? '', placeHolder: 'e.g. api' });
      if (text === undefined) return;
      next.text = text.trim() || undefined;
      break;
    }
    case 'types': {
      const items = PACKAGE_TYPES.map((t) => ({ label: TYPE_LABELS[t], type: t, picked: current.types?.includes(t) ?? false }));
      const types = await vscode.window.showQuickPick(items, { title: 'Show these package types', canPickMany: true });
      if (!types) return;
      next.types = types.length && types.length < PACKAGE_TYPES.length ? types.map((t) => t.type) : undefined;
      break;
    }
    case 'visibility': {
      const vis = await vscode.window.showQuickPick(['any', 'public', 'private', 'internal'], { title: 'Show packages that are' });
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

function normalise(filter: PackageFilter): PackageFilter {
  const types = filter.types?.filter((t): t is PackageType => (PACKAGE_TYPES as readonly string[]).includes(t));
  return {
    text: filter.text?.trim() || undefined,
    types: types?.length ? types : undefined,
    visibility: filter.visibility,
  };
}
