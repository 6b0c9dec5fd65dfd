import { Utils, type URI } from 'vscode-uri';
import type {
  ConfigEdit,
  ConfigPlan,
  Ecosystem,
  EcosystemError,
  ManifestInfo,
  MavenCoordinates,
  PackageAddress,
  ProcessStep,
  PublishRequest,
  Snippet,
} from './types';
import {
  checkName,
  checkOwner,
  checkRegistryUrl,
  checkVersion,
  eolOf,
  firstProblem,
  invalid,
  malformed,
  normalizeRepositoryUrl,
  ownerFromUrl,
  shown,
} from './validate';
import { appendChild, child, childText, children, escapeXml, indentUnit, parseXml, type XmlElement } from './xml';

const PART = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const PART_RULE = "letters, digits, '_', '.' and '-'";

/**
 * Maven coordinates of a GitHub package: explicit ones when known, else `name` split at its LAST dot.
 * GitHub lists `groupId.artifactId` joined, so an artifactId that itself holds a dot (`com.x` + `my.lib`) cannot be
 * told apart from `com.x.my` + `lib`; callers that know the pom pass `pkg.maven`.
 */
export function mavenCoordinates(pkg: Pick<PackageAddress, 'name' | 'maven'>): MavenCoordinates | EcosystemError {
  const coordinates = pkg.maven ?? splitAtLastDot(pkg.name);
  if (!coordinates) return invalid(`Maven package name ${shown(pkg.name)} is not groupId.artifactId.`);
  const problem = firstProblem(
    checkName('groupId', coordinates.groupId, PART, PART_RULE),
    checkName('artifactId', coordinates.artifactId, PART, PART_RULE),
  );
  return problem ?? coordinates;
}

function splitAtLastDot(name: string): MavenCoordinates | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return { groupId: name.slice(0, dot), artifactId: name.slice(dot + 1) };
}

/** Checks shared by Maven and Gradle: owner lowercase rule, repository URL, version. */
/** The coordinates a Maven or Gradle publish deploys, once the owner, name and GitHub login are known to be safe. */
export function publishCoordinates(request: PublishRequest): MavenCoordinates | EcosystemError {
  // Without a known repository the registry URL ends in `/*`, which can be read from but not deployed to.
  if (/\/\*\/?$/.test(request.registryUrl)) {
    return invalid(
      'GitHub links a Maven package to the repository it is deployed to: add <scm><url>https://github.com/OWNER/REPOSITORY</url></scm> to the pom (or the repository URL to the Gradle publication) and publish again.',
    );
  }
  const coordinates = checkMavenAddress(
    { owner: request.owner, name: request.info.name, maven: request.info.maven, registryUrl: request.registryUrl },
    false,
  );
  if ('kind' in coordinates) return coordinates;
  const loginProblem = checkOwner(request.username);
  return loginProblem ? invalid(loginProblem) : coordinates;
}

export function checkMavenAddress(pkg: PackageAddress, needVersion: boolean): MavenCoordinates | EcosystemError {
  const problem = firstProblem(
    checkOwner(pkg.owner),
    checkRegistryUrl(pkg.registryUrl),
    pkg.version === undefined ? (needVersion ? 'Pick a version: a Maven dependency needs one.' : undefined) : checkVersion(pkg.version),
  );
  return problem ?? mavenCoordinates(pkg);
}

const SETTINGS_TEMPLATE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
  '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
  '</settings>',
  '',
].join('\n');

const SERVER = [
  '<server>',
  '  <id>github</id>',
  '  <username>${env.GITHUB_ACTOR}</username>',
  '  <password>${env.GITHUB_TOKEN}</password>',
  '</server>',
].join('\n');

function repositoryFragment(url: string, withName: boolean): string {
  return [
    '<repository>',
    '  <id>github</id>',
    ...(withName ? ['  <name>GitHub Packages</name>'] : []),
    `  <url>${escapeXml(url)}</url>`,
    '</repository>',
  ].join('\n');
}

/** Indents a fragment's inner lines with the file's own step instead of two spaces. */
function withUnit(fragment: string, unit: string): string {
  return fragment.replace(/^((?: {2})+)/gm, (spaces) => unit.repeat(spaces.length / 2));
}

type XmlStep = (text: string, root: XmlElement, unit: string, eol: string) => string | undefined;

/** Applies insertions one at a time, re-reading the document after each so offsets stay right. */
function applyXmlSteps(text: string, steps: XmlStep[]): string {
  let current = text;
  for (const step of steps) {
    const root = parseXml(current);
    if ('error' in root) break;
    current = step(current, root, indentUnit(current, root), eolOf(current)) ?? current;
  }
  return current;
}

/** Adds `fragment` inside `root > container`, creating the container when absent. */
function ensureIn(container: string, fragment: string, present: (el: XmlElement) => boolean): XmlStep {
  return (text, root, unit, eol) => {
    const existing = child(root, container);
    if (existing && present(existing)) return undefined;
    if (existing) return appendChild(text, existing, withUnit(fragment, unit), unit, eol);
    const wrapped = `<${container}>\n${fragment
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n</${container}>`;
    return appendChild(text, root, withUnit(wrapped, unit), unit, eol);
  };
}

const hasGithubRepository = (url: string) => (el: XmlElement) =>
  children(el, 'repository').some((r) => childText(r, 'id') === 'github' || childText(r, 'url') === url);

export const maven: Ecosystem = {
  id: 'maven',
  packageType: 'maven',
  displayName: 'Maven',

  matches: (fileName) => /(^|[\\/])pom\.xml$/.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    const root = parseXml(text);
    if ('error' in root) return malformed(path, `invalid XML (${root.error}); fix the syntax and try again.`);
    if (root.name !== 'project') return malformed(path, `the root element is <${root.name}>, not <project>; is this a Maven pom?`);
    const parent = child(root, 'parent');
    const groupId = childText(root, 'groupId') ?? childText(parent, 'groupId');
    const artifactId = childText(root, 'artifactId');
    if (!artifactId) return malformed(path, 'add an <artifactId> to <project>.');
    if (!groupId) return malformed(path, 'add a <groupId> to <project> (or its <parent>); GitHub names the package groupId.artifactId.');
    const problem = firstProblem(checkName('groupId', groupId, PART, PART_RULE), checkName('artifactId', artifactId, PART, PART_RULE));
    if (problem) return malformed(path, problem.message);
    const info: ManifestInfo = { name: `${groupId}.${artifactId}`, maven: { groupId, artifactId } };
    const version = childText(root, 'version') ?? childText(parent, 'version');
    if (version) info.version = version;
    const registryUrl = childText(child(child(root, 'distributionManagement'), 'repository'), 'url');
    if (registryUrl) info.registryUrl = registryUrl;
    const scm = child(root, 'scm');
    const rawRepository = childText(scm, 'url') ?? childText(root, 'url');
    const repositoryUrl = rawRepository ? normalizeRepositoryUrl(rawRepository) : undefined;
    if (repositoryUrl) info.repositoryUrl = repositoryUrl;
    const owner = ownerFromUrl(registryUrl) ?? ownerFromUrl(repositoryUrl);
    if (owner) info.owner = owner;
    return info;
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const coordinates = checkMavenAddress(pkg, true);
    if ('kind' in coordinates) return coordinates;
    const text = [
      '<dependency>',
      `  <groupId>${coordinates.groupId}</groupId>`,
      `  <artifactId>${coordinates.artifactId}</artifactId>`,
      `  <version>${pkg.version}</version>`,
      '</dependency>',
    ].join('\n');
    return { language: 'xml', text };
  },

  configFiles: (location) => [settingsOf(location.home), location.manifest],

  configEdits(pkg, location, current): ConfigPlan | EcosystemError {
    const problem = firstProblem(checkOwner(pkg.owner), checkRegistryUrl(pkg.registryUrl));
    if (problem) return problem;
    if (pkg.owner !== pkg.owner.toLowerCase())
      return invalid(`Maven needs the owner in lowercase in the registry URL: use ${JSON.stringify(pkg.owner.toLowerCase())}.`);
    const edits: ConfigEdit[] = [];
    const notes = [
      'Set GITHUB_TOKEN (read:packages; write:packages to deploy) and GITHUB_ACTOR (your GitHub login) in the environment; settings.xml reads them as ${env.GITHUB_TOKEN} and ${env.GITHUB_ACTOR}.',
    ];

    const settingsUri = settingsOf(location.home);
    const settingsBefore = current.get(settingsUri.toString());
    const settingsRoot = parseXml(settingsBefore ?? SETTINGS_TEMPLATE);
    if ('error' in settingsRoot || settingsRoot.name !== 'settings') {
      return malformed(
        settingsUri,
        `${'error' in settingsRoot ? `invalid XML (${settingsRoot.error})` : 'the root element is not <settings>'}; fix it before configuring GitHub Packages.`,
      );
    }
    const server = children(child(settingsRoot, 'servers'), 'server').find((s) => childText(s, 'id') === 'github');
    const password = childText(server, 'password');
    if (password && !password.startsWith('${'))
      notes.push('settings.xml: the server "github" holds a password in plain text; replace it with ${env.GITHUB_TOKEN}.');
    const settingsAfter = applyXmlSteps(settingsBefore ?? SETTINGS_TEMPLATE, [
      ensureIn('servers', SERVER, (el) => children(el, 'server').some((s) => childText(s, 'id') === 'github')),
    ]);
    if (settingsAfter !== settingsBefore) edits.push({ uri: settingsUri, before: settingsBefore, after: settingsAfter });

    const pomBefore = current.get(location.manifest.toString());
    if (pomBefore === undefined)
      return malformed(location.manifest, 'the file was not found; open the pom.xml of the project to configure.');
    const pomRoot = parseXml(pomBefore);
    if ('error' in pomRoot) return malformed(location.manifest, `invalid XML (${pomRoot.error}); fix the syntax and try again.`);
    const pomAfter = applyXmlSteps(pomBefore, [
      ensureIn('repositories', repositoryFragment(pkg.registryUrl, false), hasGithubRepository(pkg.registryUrl)),
      ensureIn('distributionManagement', repositoryFragment(pkg.registryUrl, true), (el) => child(el, 'repository') !== undefined),
    ]);
    const deployTo = childText(child(child(pomRoot, 'distributionManagement'), 'repository'), 'url');
    if (deployTo && deployTo !== pkg.registryUrl)
      notes.push(
        `pom.xml already deploys to ${deployTo}; change <distributionManagement> to ${pkg.registryUrl} to publish to GitHub Packages.`,
      );
    if (pomAfter !== pomBefore) edits.push({ uri: location.manifest, before: pomBefore, after: pomAfter });
    return { edits, notes };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const coordinates = publishCoordinates(request);
    if ('kind' in coordinates) return coordinates;
    return [
      {
        title: `Deploying ${coordinates.groupId}:${coordinates.artifactId}`,
        command: request.executable ?? 'mvn',
        args: ['--batch-mode', 'deploy'],
        env: { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username },
        cwd: Utils.dirname(request.manifest),
      },
    ];
  },
};

function settingsOf(home: URI): URI {
  return Utils.joinPath(home, '.m2', 'settings.xml');
}
