/**
 * Finds the clean-up steps in a GitHub Actions workflow and reads their `with:` inputs. Workflow steps are plain
 * YAML mappings of scalars, so this reads just that (quoted, plain and block scalars); a step written another way
 * (anchors, flow mappings) is reported as not understood rather than guessed. Pure.
 */

export const CLEANUP_ACTIONS = [
  'dataaxiom/ghcr-cleanup-action',
  'snok/container-retention-policy',
  'actions/delete-package-versions',
] as const;
export type CleanupAction = (typeof CLEANUP_ACTIONS)[number];

export interface CleanupStep {
  action: CleanupAction;
  /** The `uses:` reference, e.g. `dataaxiom/ghcr-cleanup-action@v1`. */
  uses: string;
  /** 1-based line of `uses:`. */
  line: number;
  inputs: Record<string, string>;
  /** Inputs that could not be read as scalars. */
  unreadable: string[];
}

const USES = /^(\s*)(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/;

export function cleanupStepsIn(text: string): CleanupStep[] {
  const lines = text.split(/\r?\n/);
  const steps: CleanupStep[] = [];
  lines.forEach((line, index) => {
    const match = USES.exec(line);
    if (!match) return;
    const action = CLEANUP_ACTIONS.find((name) => match[2].toLowerCase().startsWith(`${name}@`));
    if (!action) return;
    const keyColumn = line.indexOf('uses:');
    const { start, end } = stepBounds(lines, index, keyColumn);
    const withLine = lines
      .slice(start, end)
      .findIndex((candidate) => indentOf(candidate) === keyColumn && /^\s*(?:-\s+)?with:\s*(?:#.*)?$/.test(candidate));
    const { inputs, unreadable } = withLine < 0 ? { inputs: {}, unreadable: [] } : readMapping(lines, start + withLine + 1, end, keyColumn);
    steps.push({ action, uses: match[2], line: index + 1, inputs, unreadable });
  });
  return steps;
}

function indentOf(line: string): number {
  const dash = /^(\s*)-\s+/.exec(line);
  return dash ? dash[0].length : (/^\s*/.exec(line)?.[0].length ?? 0);
}

/** The lines of the step whose keys sit at `keyColumn`. */
function stepBounds(lines: readonly string[], usesIndex: number, keyColumn: number): { start: number; end: number } {
  let start = usesIndex;
  while (start > 0 && !/^\s*-\s+/.test(lines[start]) && (lines[start - 1].trim() === '' || indentOf(lines[start - 1]) >= keyColumn))
    start--;
  let end = usesIndex + 1;
  while (end < lines.length) {
    const line = lines[end];
    if (line.trim() !== '' && !line.trim().startsWith('#')) {
      const leading = /^\s*/.exec(line)?.[0].length ?? 0;
      if (leading < keyColumn) break;
    }
    end++;
  }
  return { start, end };
}

function readMapping(
  lines: readonly string[],
  from: number,
  to: number,
  parentColumn: number,
): { inputs: Record<string, string>; unreadable: string[] } {
  const inputs: Record<string, string> = {};
  const unreadable: string[] = [];
  let i = from;
  while (i < to) {
    const line = lines[i];
    const leading = /^\s*/.exec(line)?.[0].length ?? 0;
    if (line.trim() === '' || line.trim().startsWith('#')) {
      i++;
      continue;
    }
    if (leading <= parentColumn) break;
    const pair = /^\s*([\w-]+):\s*(.*)$/.exec(line);
    if (!pair) {
      i++;
      continue;
    }
    const [, key, raw] = pair;
    i++;
    if (/^[|>][-+]?\s*(?:#.*)?$/.test(raw)) {
      const block: string[] = [];
      while (i < to && (lines[i].trim() === '' || (/^\s*/.exec(lines[i])?.[0].length ?? 0) > leading)) block.push(lines[i++].trim());
      inputs[key] = block.filter(Boolean).join(raw.startsWith('|') ? '\n' : ' ');
      continue;
    }
    const value = scalar(raw);
    if (value === undefined) unreadable.push(key);
    else inputs[key] = value;
  }
  return { inputs, unreadable };
}

function scalar(raw: string): string | undefined {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const end = /^"((?:[^"\\]|\\.)*)"/.exec(text);
    return end ? end[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)) : undefined;
  }
  if (text.startsWith("'")) {
    const end = /^'((?:[^']|'')*)'/.exec(text);
    return end ? end[1].replace(/''/g, "'") : undefined;
  }
  if (/^[[{&*!]/.test(text)) return undefined;
  return text.replace(/\s+#.*$/, '');
}
