import { Utils, type URI } from 'vscode-uri';
import { checkMavenAddress, publishCoordinates } from './maven';
import type {
  ConfigEdit,
  ConfigPlan,
  Ecosystem,
  EcosystemError,
  ManifestInfo,
  PackageAddress,
  ProcessStep,
  PublishRequest,
  Snippet,
} from './types';
import { checkOwner, checkRegistryUrl, eolOf, firstProblem, invalid, malformed, normalizeRepositoryUrl, ownerFromUrl } from './validate';

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

/** Blanks out comments only, keeping strings, so a commented-out plugin or URL does not count. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m,
  );
}

/** Whether the script applies maven-publish: `id 'maven-publish'`, `id("maven-publish")`, `` `maven-publish` `` or `apply plugin`. */
export function appliesMavenPublish(text: string): boolean {
  const code = withoutComments(text);
  return (
    /\bid\s*\(?\s*(["'])maven-publish\1/.test(code) ||
    /`maven-publish`/.test(code) ||
    /\bapply\s*\(?\s*plugin\s*[:=]\s*(["'])maven-publish\1/.test(code)
  );
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

/**
 * Adds the resolution repository where the build resolves from. Gradle 6.8+ reads `dependencyResolutionManagement {
 * repositories { … } }` in settings.gradle(.kts) before a script's own, and with FAIL_ON_PROJECT_REPOS refuses a script
 * that declares any: when settings declares them, the repository goes there and the script keeps its text.
 * Returns the script's new text and the settings edit, if any; `current` holds the files' texts by `uri.toString()`.
 */
export function withResolutionRepositoryWhereResolved(
  script: { uri: URI; text: string },
  current: ReadonlyMap<string, string | undefined>,
  url: string,
): { script: string; settings?: ConfigEdit } {
  for (const uri of gradleSettingsFiles(script.uri)) {
    const before = current.get(uri.toString());
    if (before === undefined) continue;
    const code = codeOnly(before);
    const central = findBlock(code, 'dependencyResolutionManagement');
    if (!central || !findBlock(code, 'repositories', central.open + 1, central.close)) continue;
    if (before.slice(central.open, central.close).includes(url)) return { script: script.text };
    return { script: script.text, settings: { uri, before, after: insertRepository(before, url, 'dependencyResolutionManagement') } };
  }
  return { script: withResolutionRepository(script.text, url) };
}

/** parseManifest with the text of settings.gradle(.kts) next to the script, which names the root project. */
export function parseGradleBuild(text: string, path: URI, settings?: string): GradleManifestInfo | EcosystemError {
  const code = codeOnly(text);
  const brace = unbalancedBrace(code);
  if (brace !== undefined) {
    const line = code.slice(0, brace).split('\n').length;
    return malformed(path, `the '${code[brace]}' on line ${line} has no matching brace; fix the script and try again.`);
  }
  const groupId = assignment(text, 'group');
  if (!groupId) return malformed(path, 'set group = "com.example" (a literal string); GitHub names the package group.artifactId.');
  // Gradle's own rule: the root project is named by settings.gradle, else by its folder.
  const artifactId = assignment(text, 'artifactId') ?? rootProjectName(settings) ?? Utils.basename(Utils.dirname(path));
  if (!PART.test(groupId) || !PART.test(artifactId) || groupId.includes('..')) {
    return malformed(path, `group "${groupId}" and artifact "${artifactId}" must be letters, digits, '_', '.' and '-'.`);
  }
  const info: GradleManifestInfo = {
    name: `${groupId}.${artifactId}`,
    maven: { groupId, artifactId },
    appliesMavenPublish: appliesMavenPublish(text),
  };
  const version = assignment(text, 'version');
  if (version) info.version = version;
  const poms = blocksNamed(code, 'pom');
  const repositoryUrl = pomRepositoryUrl(text, code, poms);
  if (repositoryUrl) info.repositoryUrl = repositoryUrl;
  const url = registryUrlIn(text, poms);
  if (url) info.registryUrl = url;
  const owner = ownerFromUrl(url) ?? ownerFromUrl(repositoryUrl);
  if (owner) info.owner = owner;
  return info;
}

export const gradle: Ecosystem = {
  id: 'gradle',
  packageType: 'maven',
  displayName: 'Gradle',

  matches: (fileName) => /(^|[\\/])build\.gradle(\.kts)?$/.test(fileName),

  parseManifest: (text, path) => parseGradleBuild(text, path),

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const coordinates = checkMavenAddress(pkg, true);
    if ('kind' in coordinates) return coordinates;
    return { language: 'kotlin', text: `implementation("${coordinates.groupId}:${coordinates.artifactId}:${pkg.version}")` };
  },

  configFiles: (location) => [location.manifest, ...gradleSettingsFiles(location.manifest)],

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
    // Resolution: where the build resolves from; publishing: publishing.repositories. Skip whichever already has the URL.
    const resolution = withResolutionRepositoryWhereResolved({ uri: location.manifest, text: before }, current, pkg.registryUrl);
    const edits = (after: string): ConfigEdit[] => [
      ...(after === before ? [] : [{ uri: location.manifest, before, after }]),
      ...(resolution.settings ? [resolution.settings] : []),
    ];
    let after = resolution.script;
    const publishing = findBlock(codeOnly(after), 'publishing');
    if (publishing && after.slice(publishing.open, publishing.close).includes(pkg.registryUrl)) return { edits: edits(after), notes };
    // A publishing block without the plugin breaks the build ("Could not find method publishing()").
    if (!publishing && !appliesMavenPublish(before)) notes.push(pluginAdvice(location.manifest));
    else if (/\/\*\/?$/.test(pkg.registryUrl)) notes.push(repositoryAdvice(location.manifest));
    else after = insertRepository(after, pkg.registryUrl, 'publishing');
    return { edits: edits(after), notes };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const problem = gradlePublishProblem(request.info, request.manifest);
    if (problem) return problem;
    if (/\/\*\/?$/.test(request.registryUrl)) return invalid(repositoryAdvice(request.manifest));
    const coordinates = publishCoordinates(request);
    if ('kind' in coordinates) return coordinates;
    return [
      {
        title: `Publishing ${coordinates.groupId}:${coordinates.artifactId}`,
        command: request.executable ?? 'gradle',
        // No daemon: one started here would keep this token in its environment for hours and answer later builds.
        args: ['--no-daemon', 'publish'],
        env: { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username },
        cwd: Utils.dirname(request.manifest),
      },
    ];
  },
};

/** What a build script says beyond ManifestInfo: whether `gradle publish` has the plugin it needs. */
export interface GradleManifestInfo extends ManifestInfo {
  appliesMavenPublish: boolean;
}

/** settings.gradle(.kts) next to a build script: where Gradle reads the root project's name. */
export function gradleSettingsFiles(manifest: URI): URI[] {
  const folder = Utils.dirname(manifest);
  return [Utils.joinPath(folder, 'settings.gradle.kts'), Utils.joinPath(folder, 'settings.gradle')];
}

/** Why `gradle publish` cannot publish this script (no maven-publish), before anything runs. */
export function gradlePublishProblem(info: ManifestInfo, manifest: URI): EcosystemError | undefined {
  const applies = (info as Partial<GradleManifestInfo>).appliesMavenPublish;
  if (applies !== false) return undefined;
  const kotlin = manifest.path.endsWith('.kts');
  const publication = kotlin
    ? 'publishing { publications { create<MavenPublication>("maven") { from(components["java"]) } } }'
    : 'publishing { publications { maven(MavenPublication) { from components.java } } }';
  return invalid(
    `${Utils.basename(manifest)} does not apply the maven-publish plugin, so gradle publish has nothing to publish. ${pluginHow(kotlin)}, declare a publication (${publication}), then publish again.`,
  );
}

function pluginHow(kotlin: boolean): string {
  return kotlin ? 'Add `maven-publish` to its plugins { } block' : "Add id 'maven-publish' to its plugins { } block";
}

function pluginAdvice(manifest: URI): string {
  return `Publishing with gradle publish needs the maven-publish plugin, which ${Utils.basename(manifest)} does not apply, so only the repository to resolve from was added. ${pluginHow(manifest.path.endsWith('.kts'))} and a publication, then Configure Registry again to add the publishing repository.`;
}

function repositoryAdvice(manifest: URI): string {
  const example = manifest.path.endsWith('.kts')
    ? 'pom { scm { url.set("https://github.com/OWNER/REPOSITORY") } }'
    : "pom { scm { url = 'https://github.com/OWNER/REPOSITORY' } }";
  return `GitHub's Maven registry publishes to …/OWNER/REPOSITORY, and ${Utils.basename(manifest)} names no repository: add ${example} to the Maven publication, then try again.`;
}

/** `rootProject.name = "…"` in settings.gradle(.kts). */
function rootProjectName(settings: string | undefined): string | undefined {
  if (!settings) return undefined;
  return /^\s*rootProject\.name\s*=\s*["']([^"'\n$]+)["']/m.exec(withoutComments(settings))?.[1];
}

/** Every `name { … }` block at any depth, as brace offsets. */
function blocksNamed(code: string, name: string): { open: number; close: number }[] {
  const blocks: { open: number; close: number }[] = [];
  for (const m of code.matchAll(new RegExp(`\\b${name}\\s*\\{`, 'g'))) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    for (let i = open; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) {
        blocks.push({ open, close: i });
        break;
      }
    }
  }
  return blocks;
}

/** The literal string `key = '…'` / `key '…'` / `key.set("…")` directly inside [from, to), not in a nested block. */
function valueIn(text: string, code: string, key: string, from: number, to: number): string | undefined {
  const pattern = new RegExp(`\\b${key}\\s*(?:=\\s*|\\.set\\(\\s*|\\(\\s*)?(?=["'])`, 'g');
  pattern.lastIndex = from;
  for (let m = pattern.exec(code); m && m.index < to; m = pattern.exec(code)) {
    if (depthAt(code, m.index, from) !== 0) continue;
    const value = /(["'])([^"'\n$]*)\1/y;
    value.lastIndex = m.index + m[0].length;
    const found = value.exec(text)?.[2];
    if (found) return found;
  }
  return undefined;
}

/** The source repository the publication's POM names: `scm { url }`, `scm { connection }`, else the POM's `url`. */
function pomRepositoryUrl(text: string, code: string, poms: { open: number; close: number }[]): string | undefined {
  for (const pom of poms) {
    const scm = findBlock(code, 'scm', pom.open + 1, pom.close);
    const candidates = [
      scm && valueIn(text, code, 'url', scm.open + 1, scm.close),
      scm && valueIn(text, code, 'connection', scm.open + 1, scm.close)?.replace(/^scm:[a-z]+:/, ''),
      valueIn(text, code, 'url', pom.open + 1, pom.close),
    ];
    for (const candidate of candidates) {
      const url = candidate ? normalizeRepositoryUrl(candidate) : undefined;
      if (url) return url;
    }
  }
  return undefined;
}

/** The first Maven repository URL outside the POM (whose URLs name the project's web pages). */
function registryUrlIn(text: string, poms: { open: number; close: number }[]): string | undefined {
  const pattern = /uri\(\s*["'](https?:\/\/[^"'\s]+)["']\s*\)|url\s*=?\s*["'](https?:\/\/[^"'\s]+)["']/g;
  for (const m of text.matchAll(pattern)) {
    if (poms.some((pom) => m.index > pom.open && m.index < pom.close)) continue;
    const url = m[1] ?? m[2];
    if (/maven/.test(url)) return url;
  }
  return undefined;
}
