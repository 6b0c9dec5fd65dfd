import { Utils, type URI } from 'vscode-uri';
import { mavenDependencies } from '../dependencies/maven';
import { checkMavenAddress, maven } from '../maven';
import type { EcosystemError, MavenCoordinates, ProjectLocation } from '../types';
import { eolOf, malformed } from '../validate';
import { appendChild, child, childText, children, indentAt, indentUnit, parseXml, type XmlElement } from '../xml';
import { splice, type InstallPlan, type InstallRequest, type Installer } from './types';

const MAVEN_TOOL = {
  name: 'Maven (mvn)',
  howToGet: 'install Apache Maven from https://maven.apache.org (Debian/Ubuntu: apt install maven)',
};

/**
 * pom.xml with `coordinates` at `version`: a dependency already declared gets the new version (in its <version>, the
 * property it names, or its <dependencyManagement> entry); otherwise a <dependency> is added to <dependencies>.
 */
export function pomWithDependency(text: string, coordinates: MavenCoordinates, version: string, uri: URI): string | EcosystemError {
  const root = parseXml(text);
  if ('error' in root) return malformed(uri, `invalid XML (${root.error}); fix the syntax, then install again.`);
  if (root.name !== 'project') return malformed(uri, `the root element is <${root.name}>, not <project>; is this a Maven pom?`);
  const { groupId, artifactId } = coordinates;
  const declared = mavenDependencies.parse(text, {}).filter((d) => d.name === `${groupId}:${artifactId}`);
  const listed = children(child(root, 'dependencies'), 'dependency').find(
    (d) => childText(d, 'groupId') === groupId && childText(d, 'artifactId') === artifactId,
  );
  const versioned = declared.find((d) => d.versionSpan);
  if (versioned?.versionSpan) {
    const updated = splice(text, versioned.versionSpan.start, versioned.versionSpan.end, version);
    // Declared only under <dependencyManagement>: the project still has to use it, without repeating the version.
    return listed ? updated : appendDependency(updated, coordinates, undefined);
  }
  if (listed) return withVersion(text, listed, version);
  return appendDependency(text, coordinates, version);
}

/** A listed dependency without a literal version: its <version> is set, or added after <artifactId>. */
function withVersion(text: string, dependency: XmlElement, version: string): string {
  const element = child(dependency, 'version');
  if (element && !element.selfClosing) return splice(text, element.openEnd, element.closeStart, version);
  if (element) return splice(text, element.start, element.end, `<version>${version}</version>`);
  const artifactId = child(dependency, 'artifactId')!;
  return splice(text, artifactId.end, artifactId.end, `${eolOf(text)}${indentAt(text, artifactId.start)}<version>${version}</version>`);
}

function appendDependency(text: string, coordinates: MavenCoordinates, version: string | undefined): string {
  const root = parseXml(text) as XmlElement;
  const unit = indentUnit(text, root);
  const eol = eolOf(text);
  const dependency = [
    '<dependency>',
    `${unit}<groupId>${coordinates.groupId}</groupId>`,
    `${unit}<artifactId>${coordinates.artifactId}</artifactId>`,
    ...(version ? [`${unit}<version>${version}</version>`] : []),
    '</dependency>',
  ];
  const list = child(root, 'dependencies');
  if (list) return appendChild(text, list, dependency.join('\n'), unit, eol);
  return appendChild(text, root, ['<dependencies>', ...dependency.map((line) => unit + line), '</dependencies>'].join('\n'), unit, eol);
}

/** `pom.xml`: the dependency and the GitHub repository (configEdits, with ~/.m2/settings.xml), then `mvn dependency:resolve`. */
export const mavenInstaller: Installer = {
  id: 'maven',
  projectGlob: '**/pom.xml',
  matches: (fileName) => maven.matches(fileName),
  files: (location: ProjectLocation) => [...maven.configFiles(location), wrapperOf(location.manifest)],

  plan(request: InstallRequest, current): InstallPlan | EcosystemError {
    const coordinates = checkMavenAddress(request.pkg, true);
    if ('kind' in coordinates) return coordinates;
    const { manifest } = request.location;
    // GitHub's Maven registry URLs take the owner in lowercase, whatever its display case.
    const config = maven.configEdits({ ...request.pkg, owner: request.pkg.owner.toLowerCase() }, request.location, current);
    if ('kind' in config) return config;
    // configEdits also adds <distributionManagement> for publishing; installing only needs <repositories>.
    const edits = config.edits.map((edit) =>
      edit.uri.toString() === manifest.toString() ? { ...edit, after: withoutDeployTarget(edit.before, edit.after) } : edit,
    );
    const pomBefore = current.get(manifest.toString())!;
    const pomEdit = edits.find((edit) => edit.uri.toString() === manifest.toString());
    const pomAfter = pomWithDependency(pomEdit?.after ?? pomBefore, coordinates, request.pkg.version, manifest);
    if (typeof pomAfter !== 'string') return pomAfter;
    const others = edits.filter((edit) => edit !== pomEdit);
    const spec = `${coordinates.groupId}:${coordinates.artifactId}:${request.pkg.version}`;
    const wrapper = current.get(wrapperOf(manifest).toString()) !== undefined;
    const command = wrapper ? './mvnw' : 'mvn';
    const found = wrapper || request.onPath('mvn');
    return {
      spec,
      edits: pomAfter === pomBefore ? others : [{ uri: manifest, before: pomBefore, after: pomAfter }, ...others],
      notes: config.notes,
      tool: MAVEN_TOOL,
      missingTool: found ? undefined : MAVEN_TOOL,
      steps: found
        ? [
            {
              title: `Resolving ${spec}`,
              command,
              args: ['-B', 'dependency:resolve'],
              env: { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username },
              cwd: Utils.dirname(manifest),
            },
          ]
        : [],
    };
  },
};

/** `after` without the <distributionManagement> that configEdits added to `before` (kept when the pom had one). */
function withoutDeployTarget(before: string | undefined, after: string): string {
  if (before === undefined) return after;
  const had = parseXml(before);
  if ('error' in had || child(had, 'distributionManagement')) return after;
  const now = parseXml(after);
  const added = 'error' in now ? undefined : child(now, 'distributionManagement');
  if (!added) return after;
  const lineStart = after.lastIndexOf('\n', added.start - 1) + 1;
  const lineEnd = after.indexOf('\n', added.end);
  return /^[ \t]*$/.test(after.slice(lineStart, added.start))
    ? after.slice(0, lineStart) + after.slice(lineEnd < 0 ? added.end : lineEnd + 1)
    : splice(after, added.start, added.end, '');
}

function wrapperOf(manifest: URI): URI {
  return Utils.joinPath(Utils.dirname(manifest), 'mvnw');
}
