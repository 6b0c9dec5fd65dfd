import type { DependencyParser, ManifestDependency } from './types';
import { baseName } from './types';

const CONFIGURATIONS =
  'api|implementation|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|annotationProcessor|kapt|classpath|compile|runtime|testCompile';
/** `implementation 'g:a:v'`, `implementation("g:a:v")`: the coordinates string. */
const STRING_NOTATION = new RegExp(
  `\\b(?:${CONFIGURATIONS})\\s*\\(?\\s*(["'])([^"'\\s:]+):([^"'\\s:]+)(?::([^"'\\s:@]+))?(?:@[^"']*)?\\1`,
  'g',
);
/** `implementation group: 'g', name: 'a', version: 'v'` (Groovy map notation). */
const MAP_NOTATION = new RegExp(
  `\\b(?:${CONFIGURATIONS})\\s*\\(?\\s*group\\s*:\\s*(["'])([^"']+)\\1\\s*,\\s*name\\s*:\\s*(["'])([^"']+)\\3(?:\\s*,\\s*version\\s*:\\s*(["'])([^"']+)\\5)?`,
  'g',
);
/** Repository URLs: `url 'https://…'`, `url = uri("https://…")`, `url "…"`, `maven("https://…")`. */
const REPOSITORY_URL = /\b(?:url\s*(?:=\s*)?(?:uri\s*\(\s*)?|maven\s*\(\s*(?:url\s*=\s*)?(?:uri\s*\(\s*)?)(["'])(https?:\/\/[^"'\s]+)\1/g;

/** build.gradle / build.gradle.kts: dependency declarations in string or map notation, and declared Maven repositories. */
export const gradleDependencies: DependencyParser = {
  matches: (fileName) => /^build\.gradle(\.kts)?$/.test(baseName(fileName)),

  parse(text) {
    const code = blankComments(text);
    const sources = [...code.matchAll(REPOSITORY_URL)].map((match) => match[2]);
    const found: ManifestDependency[] = [];
    for (const match of code.matchAll(STRING_NOTATION)) {
      const [whole, quote, group, artifact, version] = match;
      const open = match.index + whole.indexOf(quote);
      const artifactStart = open + 1 + group.length + 1;
      const versionStart = artifactStart + artifact.length + 1;
      found.push({
        ecosystem: 'gradle',
        name: `${group}:${artifact}`,
        nameSpan: { start: artifactStart, end: artifactStart + artifact.length },
        version: version ?? '',
        versionSpan: version ? { start: versionStart, end: versionStart + version.length } : undefined,
        sources,
      });
    }
    for (const match of code.matchAll(MAP_NOTATION)) {
      const [whole, , group, , artifact, , version] = match;
      const nameStart = match.index + whole.indexOf(`${match[3]}${artifact}${match[3]}`, whole.indexOf('name')) + 1;
      const versionStart = version ? match.index + whole.lastIndexOf(`${match[5]}${version}${match[5]}`) + 1 : 0;
      found.push({
        ecosystem: 'gradle',
        name: `${group}:${artifact}`,
        nameSpan: { start: nameStart, end: nameStart + artifact.length },
        version: version ?? '',
        versionSpan: version ? { start: versionStart, end: versionStart + version.length } : undefined,
        sources,
      });
    }
    return found.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  },
};

/** Replaces comments (outside strings) by spaces, so offsets still point into the original text. */
function blankComments(text: string): string {
  const out = text.split('');
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
      const stop = end <= 1 || end === -1 ? text.length : end;
      for (let j = i; j < stop; j++) if (out[j] !== '\n') out[j] = ' ';
      i = stop - 1;
    }
  }
  return out.join('');
}
