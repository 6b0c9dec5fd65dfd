import { Utils, type URI } from 'vscode-uri';
import { checkMavenAddress, publishCoordinates } from './maven';
import type { ConfigPlan, Ecosystem, EcosystemError, ManifestInfo, PackageAddress, ProcessStep, PublishRequest, Snippet } from './types';
import { checkOwner, checkRegistryUrl, eolOf, firstProblem, malformed, ownerFromUrl } from './validate';

/**
 * Gradle build scripts are programs, so this reads them the way people write them (`group = "…"`, `version = "…"`,
 * `artifactId = "…"`) and edits by inserting text; anything computed is left for Gradle to resolve.
 */

const PART = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Blanks out comments and string contents (same length) so braces inside them do not count. */
export function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m[0] + ' '.repeat(m.length - 2) + m[0],
  );
}

/** The offset of the first unbalanced brace, or undefined when braces balance. */
export function unbalancedBrace(code: string): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '{') open.push(i);
    else if (code[i] === '}' && open.pop() === undefined) return i;
  }
  return open[0];
}

/** Finds `name {` at brace depth `depth` within [from, to) and returns the offsets of its braces. */
export function findBlock(code: string, name: string, from = 0, to = code.length): { open: number; close: number } | undefined {
  const pattern = new RegExp(`\\b${name}\\s*\\{`, 'g');
  pattern.lastIndex = from;
  for (let m = pattern.exec(code); m && m.index < to; m = pattern.exec(code)) {
    if (depthAt(code, m.index, from) !== 0) continue;
    const open = m.index + m[0].length - 1;
    let depth = 0;
    for (let i = open; i < to; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) return { open, close: i };
    }
  }
  return undefined;
}

function depthAt(code: string, offset: number, from: number): number {
  let depth = 0;
  for (let i = from; i < offset; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}') depth--;
  }
  return depth;
}

function assignment(text: string, key: string): string | undefined {
  return new RegExp(`^\\s*(?:project\\.)?${key}\\s*=?\\s*["']([^"'\\n$]+)["']`, 'm').exec(text)?.[1];
}

export function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

export function indentStep(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '    ';
}

function repositoryBlock(url: string): string[] {
  return [
    'maven {',
    '    name = "GitHubPackages"',
    `    url = uri("${url}")`,
    '    credentials {',
    '        username = System.getenv("GITHUB_ACTOR")',
    '        password = System.getenv("GITHUB_TOKEN")',
    '    }',
    '}',
  ];
}

function indentLines(lines: string[], prefix: string, unit: string, eol: string): string {
  return lines.map((l) => prefix + l.replace(/^((?: {4})+)/, (s) => unit.repeat(s.length / 4))).join(eol);
}

/** Inserts the repository into `outer { repositories { … } }` (or top-level `repositories` when outer is empty). */
function insertRepository(text: string, url: string, outerName: string | undefined): string {
  const eol = eolOf(text);
  const unit = indentStep(text);
  const code = codeOnly(text);
  const outer = outerName ? findBlock(code, outerName) : { open: -1, close: code.length };
  if (!outer) {
    const lines = [`${outerName} {`, '    repositories {', ...repositoryBlock(url).map((l) => `        ${l}`), '    }', '}'];
    const separator = text.endsWith('\n') || text === '' ? '' : eol;
    return `${text}${separator}${eol}${indentLines(lines, '', unit, eol)}${eol}`;
  }
  const repositories = findBlock(code, 'repositories', outer.open + 1, outer.close);
  if (repositories) {
    const closeIndent = lineIndent(text, repositories.close);
    const body = indentLines(repositoryBlock(url), closeIndent + unit, unit, eol);
    const lineStart = text.lastIndexOf('\n', repositories.close - 1) + 1;
    if (/^[ \t]*$/.test(text.slice(lineStart, repositories.close)))
      return `${text.slice(0, lineStart)}${body}${eol}${text.slice(lineStart)}`;
    return `${text.slice(0, repositories.close).replace(/[ \t]+$/, '')}${eol}${body}${eol}${closeIndent}${text.slice(repositories.close)}`;
  }
  const lines = ['repositories {', ...repositoryBlock(url).map((l) => `    ${l}`), '}'];
  if (!outerName) {
    const separator = text.endsWith('\n') || text === '' ? '' : eol;
    return `${text}${separator}${eol}${indentLines(lines, '', unit, eol)}${eol}`;
  }
  const closeIndent = lineIndent(text, outer.close);
  const lineStart = text.lastIndexOf('\n', outer.close - 1) + 1;
  const body = indentLines(lines, closeIndent + unit, unit, eol);
  return `${text.slice(0, lineStart)}${body}${eol}${text.slice(lineStart)}`;
}

/** The script with `url` among its top-level repositories (credentials from the environment), added when absent. */
export function withResolutionRepository(text: string, url: string): string {
  const block = findBlock(codeOnly(text), 'repositories');
  const present = block !== undefined && text.slice(block.open, block.close).includes(url);
  return present ? text : insertRepository(text, url, undefined);
}

export const gradle: Ecosystem = {
  id: 'gradle',
  packageType: 'maven',
  displayName: 'Gradle',

  matches: (fileName) => /(^|[\\/])build\.gradle(\.kts)?$/.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    const code = codeOnly(text);
    const brace = unbalancedBrace(code);
    if (brace !== undefined) {
      const line = code.slice(0, brace).split('\n').length;
      return malformed(path, `the '${code[brace]}' on line ${line} has no matching brace; fix the script and try again.`);
    }
    const groupId = assignment(text, 'group');
    if (!groupId) return malformed(path, 'set group = "com.example" (a literal string); GitHub names the package group.artifactId.');
    const artifactId = assignment(text, 'artifactId') ?? Utils.basename(Utils.dirname(path));
    if (!PART.test(groupId) || !PART.test(artifactId) || groupId.includes('..')) {
      return malformed(path, `group "${groupId}" and artifact "${artifactId}" must be letters, digits, '_', '.' and '-'.`);
    }
    const info: ManifestInfo = { name: `${groupId}.${artifactId}`, maven: { groupId, artifactId } };
    const version = assignment(text, 'version');
    if (version) info.version = version;
    const registryUrl = /uri\(\s*["'](https?:\/\/[^"'\s]+)["']\s*\)|url\s*=?\s*["'](https?:\/\/[^"'\s]+)["']/.exec(text);
    const url = registryUrl?.[1] ?? registryUrl?.[2];
    if (url && /maven/.test(url)) {
      info.registryUrl = url;
      const owner = ownerFromUrl(url);
      if (owner) info.owner = owner;
    }
    return info;
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const coordinates = checkMavenAddress(pkg, true);
    if ('kind' in coordinates) return coordinates;
    return { language: 'kotlin', text: `implementation("${coordinates.groupId}:${coordinates.artifactId}:${pkg.version}")` };
  },

  configFiles: (location) => [location.manifest],

  configEdits(pkg, location, current): ConfigPlan | EcosystemError {
    const problem = firstProblem(checkOwner(pkg.owner), checkRegistryUrl(pkg.registryUrl));
    if (problem) return problem;
    const before = current.get(location.manifest.toString());
    if (before === undefined)
      return malformed(location.manifest, 'the file was not found; open the build script of the project to configure.');
    const brace = unbalancedBrace(codeOnly(before));
    if (brace !== undefined)
      return malformed(location.manifest, 'its braces do not balance; fix the script before configuring GitHub Packages.');
    const notes = [
      'Set GITHUB_ACTOR (your GitHub login) and GITHUB_TOKEN (read:packages; write:packages to publish) in the environment; the build reads them with System.getenv.',
    ];
    if (!/maven-publish/.test(before))
      notes.push('Apply the maven-publish plugin and declare a publication so `gradle publish` has something to publish.');
    // Resolution: top-level repositories; publishing: publishing.repositories. Skip whichever already has the URL.
    let after = withResolutionRepository(before, pkg.registryUrl);
    const publishingHasUrl = (() => {
      const block = findBlock(codeOnly(after), 'publishing');
      return block !== undefined && after.slice(block.open, block.close).includes(pkg.registryUrl);
    })();
    if (!publishingHasUrl) after = insertRepository(after, pkg.registryUrl, 'publishing');
    return { edits: after === before ? [] : [{ uri: location.manifest, before, after }], notes };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const coordinates = publishCoordinates(request);
    if ('kind' in coordinates) return coordinates;
    return [
      {
        title: `Publishing ${coordinates.groupId}:${coordinates.artifactId}`,
        command: request.executable ?? 'gradle',
        args: ['publish'],
        env: { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username },
        cwd: Utils.dirname(request.manifest),
      },
    ];
  },
};
