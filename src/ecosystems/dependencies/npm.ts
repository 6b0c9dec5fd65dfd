import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { DependencyParser, ManifestDependency } from './types';
import { baseName } from './types';

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The registries an `.npmrc` names: per scope (`@octo:registry=…`) and the default (`registry=…`). */
export function npmrcRegistries(text: string | undefined): { scopes: Map<string, string>; fallback?: string } {
  const scopes = new Map<string, string>();
  let fallback: string | undefined;
  for (const line of (text ?? '').split(/\r?\n/)) {
    const match = /^\s*(@[^:=\s]+:)?registry\s*=\s*(\S+)\s*$/.exec(line);
    if (!match) continue;
    if (match[1]) scopes.set(match[1].slice(1, -1).toLowerCase(), match[2]);
    else fallback = match[2];
  }
  return { scopes, fallback };
}

/** package.json: the scoped dependencies of every dependency section; aliases, paths, URLs and git specs are not registry versions. */
export const npmDependencies: DependencyParser = {
  matches: (fileName) => baseName(fileName) === 'package.json',

  parse(text, companions) {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (!root || errors.length > 0 || root.type !== 'object') return [];
    const registries = npmrcRegistries(companions.npmrc);
    const found: ManifestDependency[] = [];
    for (const property of root.children ?? []) {
      const [key, section] = property.children ?? [];
      if (!key || !SECTIONS.includes(key.value as string) || section?.type !== 'object') continue;
      for (const entry of section.children ?? []) found.push(...dependencyOf(entry, registries));
    }
    return found;
  },
};

function dependencyOf(entry: Node, registries: ReturnType<typeof npmrcRegistries>): ManifestDependency[] {
  const [key, value] = entry.children ?? [];
  if (!key || value?.type !== 'string' || typeof key.value !== 'string') return [];
  const name = key.value;
  const spec = value.value as string;
  const scope = /^@([^/]+)\/[^/]+$/.exec(name)?.[1];
  if (!scope || /^[a-z+]+:|[/\\]/i.test(spec)) return [];
  const registry = registries.scopes.get(scope.toLowerCase()) ?? registries.fallback;
  return [
    {
      ecosystem: 'npm',
      name,
      nameSpan: { start: key.offset + 1, end: key.offset + key.length - 1 },
      version: spec,
      versionSpan: { start: value.offset + 1, end: value.offset + value.length - 1 },
      sources: registry ? [registry] : [],
    },
  ];
}
