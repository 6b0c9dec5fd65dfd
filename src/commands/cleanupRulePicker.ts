import * as vscode from 'vscode';
import { patternError, type CleanupRule } from '../registry/cleanupRule';

type Criteria = Omit<CleanupRule, 'owner' | 'packageType' | 'packages'>;

/**
 * The presets and the custom questions; what they build is the same rule a keybinding can pass. `what` names the
 * package, or the owner's whole type ("every container package of octo-org").
 */
export async function chooseRule(what: string, container: boolean): Promise<Criteria | undefined> {
  const presets: { label: string; detail: string; rule?: Criteria }[] = [
    ...(container
      ? [
          {
            label: vscode.l10n.t('Untagged images older than 7 days'),
            detail: vscode.l10n.t('Children of tagged multi-arch images are always kept, and shown as kept'),
            rule: { untaggedOnly: true, olderThanDays: 7 },
          },
        ]
      : []),
    {
      label: vscode.l10n.t('Keep the 10 newest versions'),
      detail: vscode.l10n.t('and every version tagged latest'),
      rule: { keepNewest: 10 },
    },
    {
      label: vscode.l10n.t('Pre-releases older than 30 days'),
      detail: vscode.l10n.t('e.g. 1.2.0-rc.1, 2.0.0-beta'),
      rule: { preReleaseOnly: true, olderThanDays: 30 },
    },
    {
      label: vscode.l10n.t('Custom rule…'),
      detail: vscode.l10n.t('Keep the N newest and/or only versions older than D days, never some tags'),
    },
  ];
  const picked = await vscode.window.showQuickPick(presets, { title: vscode.l10n.t('Clean up {0}: which versions go?', what) });
  if (!picked) return undefined;
  if (picked.rule) return picked.rule;
  const keep = await vscode.window.showInputBox({
    title: vscode.l10n.t('Keep how many of the newest versions?'),
    value: '10',
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number, 0 or more')),
  });
  if (keep === undefined) return undefined;
  const days = await vscode.window.showInputBox({
    title: vscode.l10n.t('Only versions older than how many days? (empty: any age)'),
    value: '30',
    validateInput: (v) => (v.trim() === '' || /^\d+$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number of days, or empty')),
  });
  if (days === undefined) return undefined;
  const rule: Criteria = { keepNewest: Number(keep), ...(days.trim() ? { olderThanDays: Number(days) } : {}) };
  if (!container) return rule;
  const never = await vscode.window.showInputBox({
    title: vscode.l10n.t('Never delete versions with these tags (comma-separated globs or re:<regex>; latest is always kept)'),
    value: '',
    placeHolder: 'v*, release-*',
    validateInput: (v) =>
      v
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
        .map(patternError)
        .find(Boolean),
  });
  if (never === undefined) return undefined;
  const excludeTags = never
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return excludeTags.length ? { ...rule, excludeTags } : rule;
}
