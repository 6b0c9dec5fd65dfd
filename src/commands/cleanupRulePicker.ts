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
            label: 'Untagged images older than 7 days',
            detail: 'Children of tagged multi-arch images are always kept, and shown as kept',
            rule: { untaggedOnly: true, olderThanDays: 7 },
          },
        ]
      : []),
    { label: 'Keep the 10 newest versions', detail: 'and every version tagged latest', rule: { keepNewest: 10 } },
    { label: 'Pre-releases older than 30 days', detail: 'e.g. 1.2.0-rc.1, 2.0.0-beta', rule: { preReleaseOnly: true, olderThanDays: 30 } },
    { label: 'Custom rule…', detail: 'Keep the N newest and/or only versions older than D days, never some tags' },
  ];
  const picked = await vscode.window.showQuickPick(presets, { title: `Clean up ${what}: which versions go?` });
  if (!picked) return undefined;
  if (picked.rule) return picked.rule;
  const keep = await vscode.window.showInputBox({
    title: 'Keep how many of the newest versions?',
    value: '10',
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number, 0 or more'),
  });
  if (keep === undefined) return undefined;
  const days = await vscode.window.showInputBox({
    title: 'Only versions older than how many days? (empty: any age)',
    value: '30',
    validateInput: (v) => (v.trim() === '' || /^\d+$/.test(v.trim()) ? undefined : 'A whole number of days, or empty'),
  });
  if (days === undefined) return undefined;
  const rule: Criteria = { keepNewest: Number(keep), ...(days.trim() ? { olderThanDays: Number(days) } : {}) };
  if (!container) return rule;
  const never = await vscode.window.showInputBox({
    title: 'Never delete versions with these tags (comma-separated globs or re:<regex>; latest is always kept)',
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
