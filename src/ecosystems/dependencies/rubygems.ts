import type { DependencyParser, ManifestDependency } from './types';
import { baseName } from './types';

const SOURCE = /^\s*source\s*\(?\s*(["'])([^"']+)\1\s*\)?\s*(do)?\s*(#.*)?$/;
const GEM = /^\s*gem\s*\(?\s*(["'])([^"']+)\1((?:\s*,\s*(["'])[^"']*\4)*)(.*)$/;
const OPTION_SOURCE = /\bsource\s*(?::|=>)\s*(["'])([^"']+)\1/;

/** Gemfile: `gem` lines with their version requirements, under the `source` that serves them (block, option, or the global one). */
export const rubygemsDependencies: DependencyParser = {
  matches: (fileName) => /^(Gemfile|gems\.rb)$/.test(baseName(fileName)),

  parse(text) {
    const found: ManifestDependency[] = [];
    let globalSources: string[] = [];
    const blocks: { source?: string }[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const lineStart = offset;
      offset += line.length + 1;
      const source = SOURCE.exec(line);
      if (source) {
        if (source[3]) blocks.push({ source: source[2] });
        else globalSources = [...globalSources, source[2]];
        continue;
      }
      if (/^\s*(group|platforms?|git|path|github)\b.*\bdo\s*(\|.*\|)?\s*(#.*)?$/.test(line)) {
        blocks.push({});
        continue;
      }
      if (/^\s*end\b/.test(line)) {
        blocks.pop();
        continue;
      }
      const gem = GEM.exec(line);
      if (!gem) continue;
      const [, quote, name, requirements, , rest] = gem;
      const nameStart = lineStart + line.indexOf(`${quote}${name}${quote}`) + 1;
      const block = [...blocks].reverse().find((b) => b.source);
      const option = OPTION_SOURCE.exec(rest)?.[2];
      const dependency: ManifestDependency = {
        ecosystem: 'rubygems',
        name,
        nameSpan: { start: nameStart, end: nameStart + name.length },
        version: '',
        sources: option ? [option] : block?.source ? [block.source] : globalSources,
      };
      const first = /(["'])([^"']*)\1/.exec(requirements);
      if (first) {
        // Several requirements (`'>= 1.0', '< 2'`) are one range; the span covers them all.
        const requirementsStart = nameStart + name.length + 1;
        const last = [...requirements.matchAll(/(["'])([^"']*)\1/g)].at(-1)!;
        dependency.version = [...requirements.matchAll(/(["'])([^"']*)\1/g)].map((m) => m[2]).join(', ');
        dependency.versionSpan = { start: requirementsStart + first.index + 1, end: requirementsStart + last.index + last[0].length - 1 };
      }
      found.push(dependency);
    }
    return found;
  },
};
