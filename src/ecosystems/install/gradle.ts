import { Utils, type URI } from 'vscode-uri';
import { gradleDependencies } from '../dependencies/gradle';
import {
  codeOnly,
  findBlock,
  gradle,
  gradleSettingsFiles,
  indentStep,
  lineIndent,
  unbalancedBrace,
  withResolutionRepositoryWhereResolved,
} from '../gradle';
import { checkMavenAddress } from '../maven';
import type { EcosystemError, MavenCoordinates, ProjectLocation } from '../types';
import { eolOf, malformed } from '../validate';
import { splice, type InstallPlan, type InstallRequest, type Installer } from './types';

const GRADLE_TOOL = {
  name: 'Gradle (gradle)',
  howToGet: 'add the Gradle wrapper to the project (gradle wrapper) or install Gradle from https://gradle.org/install',
};

/**
 * build.gradle (`implementation 'g:a:v'`) or build.gradle.kts (`implementation("g:a:v")`) with the dependency at
 * `version`: one already declared (string or map notation) gets the new version; otherwise it is added to the
 * top-level `dependencies { }` block, which is created when absent.
 */
export function gradleWithDependency(text: string, coordinates: MavenCoordinates, version: string, uri: URI): string | EcosystemError {
  const brace = unbalancedBrace(codeOnly(text));
  if (brace !== undefined) {
    const line = text.slice(0, brace).split('\n').length;
    return malformed(uri, `the '${text[brace]}' on line ${line} has no matching brace; fix the script, then install again.`);
  }
  const declared = gradleDependencies.parse(text, {}).filter((d) => d.name === `${coordinates.groupId}:${coordinates.artifactId}`);
  if (declared.length) {
    // From the end, so earlier offsets stay right.
    return [...declared].reverse().reduce((after, dependency) => {
      if (dependency.versionSpan) return splice(after, dependency.versionSpan.start, dependency.versionSpan.end, version);
      const end = dependency.nameSpan.end;
      const mapNotation = after[dependency.nameSpan.start - 1] !== ':';
      return mapNotation
        ? splice(after, end + 1, end + 1, `, version: ${after[end]}${version}${after[end]}`)
        : splice(after, end, end, `:${version}`);
    }, text);
  }
  const kotlin = uri.path.endsWith('.kts');
  const notation = `${coordinates.groupId}:${coordinates.artifactId}:${version}`;
  const line = kotlin ? `implementation("${notation}")` : `implementation '${notation}'`;
  const eol = eolOf(text);
  const unit = indentStep(text);
  const block = findBlock(codeOnly(text), 'dependencies');
  if (!block) {
    const separator = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${separator}${eol}dependencies {${eol}${unit}${line}${eol}}${eol}`;
  }
  const closeIndent = lineIndent(text, block.close);
  const lineStart = text.lastIndexOf('\n', block.close - 1) + 1;
  if (lineStart > block.open && /^[ \t]*$/.test(text.slice(lineStart, block.close)))
    return splice(text, lineStart, lineStart, `${closeIndent}${unit}${line}${eol}`);
  // `dependencies {}` or `dependencies { x }` on one line: the closing brace moves to its own line.
  const before = text.slice(0, block.close).replace(/[ \t]+$/, '');
  return `${before}${eol}${closeIndent}${unit}${line}${eol}${closeIndent}${text.slice(block.close)}`;
}

/** build.gradle(.kts): the dependency and GitHub's Maven repository, then `gradle dependencies` (the wrapper when there is one). */
export const gradleInstaller: Installer = {
  id: 'gradle',
  projectGlob: '**/build.gradle{,.kts}',
  matches: (fileName) => gradle.matches(fileName),
  files: (location: ProjectLocation) => [location.manifest, wrapperOf(location.manifest), ...gradleSettingsFiles(location.manifest)],

  plan(request: InstallRequest, current): InstallPlan | EcosystemError {
    const coordinates = checkMavenAddress(request.pkg, true);
    if ('kind' in coordinates) return coordinates;
    const { manifest } = request.location;
    const before = current.get(manifest.toString());
    if (before === undefined) return malformed(manifest, 'the file was not found; open the build script of the project to install into.');
    const withDependency = gradleWithDependency(before, coordinates, request.pkg.version, manifest);
    if (typeof withDependency !== 'string') return withDependency;
    // Only the resolution repository: a publishing block would need the maven-publish plugin in a consumer's build.
    const resolution = withResolutionRepositoryWhereResolved({ uri: manifest, text: withDependency }, current, request.pkg.registryUrl);
    const after = resolution.script;
    const wrapper = current.get(wrapperOf(manifest).toString()) !== undefined;
    const found = wrapper || request.onPath('gradle');
    const spec = `${coordinates.groupId}:${coordinates.artifactId}:${request.pkg.version}`;
    return {
      spec,
      edits: [...(after === before ? [] : [{ uri: manifest, before, after }]), ...(resolution.settings ? [resolution.settings] : [])],
      notes: [],
      tool: GRADLE_TOOL,
      missingTool: found ? undefined : GRADLE_TOOL,
      failedIn: new RegExp(`\\b${escapeRegExp(spec)} FAILED\\b`),
      steps: found
        ? [
            {
              title: `Resolving ${spec}`,
              command: wrapper ? './gradlew' : 'gradle',
              // No daemon: one started here would keep this token in its environment for hours and answer later builds.
              args: ['--no-daemon', 'dependencies'],
              env: { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username },
              cwd: Utils.dirname(manifest),
            },
          ]
        : [],
    };
  },
};

function wrapperOf(manifest: URI): URI {
  return Utils.joinPath(Utils.dirname(manifest), 'gradlew');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
