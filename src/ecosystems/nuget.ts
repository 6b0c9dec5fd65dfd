import { Utils, type URI } from 'vscode-uri';
import type { ConfigPlan, Ecosystem, EcosystemError, ManifestInfo, PackageAddress, ProcessStep, PublishRequest, Snippet } from './types';
import { checkName, checkOwner, checkRegistryUrl, checkVersion, eolOf, firstProblem, malformed, withRepository } from './validate';
import { appendChild, child, childText, children, escapeXml, indentUnit, parseXml, type XmlElement } from './xml';

const ID = /^[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*$/;
const ID_RULE = "letters, digits and '_', separated by single '.' or '-'";

const CONFIG_TEMPLATE = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n</configuration>\n';

/** The first non-empty value of a property across all <PropertyGroup>s. */
function property(project: XmlElement, name: string): string | undefined {
  for (const group of children(project, 'PropertyGroup')) {
    const value = childText(group, name);
    if (value) return value;
  }
  return undefined;
}

export function checkNuGetAddress(pkg: PackageAddress): EcosystemError | undefined {
  return firstProblem(
    checkOwner(pkg.owner),
    checkName('NuGet package id', pkg.name, ID, ID_RULE),
    checkRegistryUrl(pkg.registryUrl),
    pkg.version === undefined ? undefined : checkVersion(pkg.version),
  );
}

/** Adds `fragment` to `root > container` (creating it), unless `present` says it is there already. */
function ensure(text: string, container: string, fragment: string, present: (el: XmlElement) => boolean): string {
  const root = parseXml(text);
  if ('error' in root) return text;
  const unit = indentUnit(text, root);
  const eol = eolOf(text);
  const existing = child(root, container);
  const indented = (f: string) => f.replace(/^((?: {2})+)/gm, (s) => unit.repeat(s.length / 2));
  if (existing && present(existing)) return text;
  if (existing) return appendChild(text, existing, indented(fragment), unit, eol);
  const wrapped = `<${container}>\n${fragment
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n</${container}>`;
  return appendChild(text, root, indented(wrapped), unit, eol);
}

/**
 * The version as NuGet writes it in a .nupkg's file name (NuGetVersion's normalized form): `1.0` → `1.0.0`,
 * `1.02.3.0+build` → `1.2.3`. `dotnet pack` and `nuget pack` both name the file this way.
 */
export function normalizedNuGetVersion(version: string): string {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(-[^+]+)?(?:\+.*)?$/.exec(version.trim());
  if (!m) return version;
  const part = (p: string | undefined) => String(Number(p ?? '0'));
  const revision = m[4] !== undefined && Number(m[4]) !== 0 ? `.${part(m[4])}` : '';
  return `${part(m[1])}.${part(m[2])}.${part(m[3])}${revision}${m[5] ?? ''}`;
}

export const nuget: Ecosystem = {
  id: 'nuget',
  packageType: 'nuget',
  displayName: 'NuGet',

  matches: (fileName) => /\.(cs|fs|vb)proj$/i.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    const root = parseXml(text);
    if ('error' in root) return malformed(path, `invalid XML (${root.error}); fix the syntax and try again.`);
    if (root.name !== 'Project')
      return malformed(path, `the root element is <${root.name}>, not <Project>; is this an SDK-style project file?`);
    const name = property(root, 'PackageId') ?? property(root, 'AssemblyName') ?? Utils.basename(path).replace(/\.\w+proj$/i, '');
    const problem = checkName('The package id', name, ID, ID_RULE);
    if (problem) return malformed(path, `${problem} Set <PackageId> in a <PropertyGroup>.`);
    const info: ManifestInfo = { name };
    const version = property(root, 'PackageVersion') ?? property(root, 'Version') ?? property(root, 'VersionPrefix');
    if (version) info.version = version;
    return withRepository(info, property(root, 'RepositoryUrl'));
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const problem = checkNuGetAddress(pkg);
    if (problem) return problem;
    return { language: 'shellscript', text: `dotnet add package ${pkg.name}${pkg.version ? ` --version ${pkg.version}` : ''}` };
  },

  configFiles: (location) => [configOf(location.manifest)],

  configEdits(pkg, location, current): ConfigPlan | EcosystemError {
    const problem = firstProblem(checkOwner(pkg.owner), checkRegistryUrl(pkg.registryUrl));
    if (problem) return problem;
    const uri = configOf(location.manifest);
    const before = current.get(uri.toString());
    const root = parseXml(before ?? CONFIG_TEMPLATE);
    if ('error' in root || root.name !== 'configuration') {
      return malformed(
        uri,
        `${'error' in root ? `invalid XML (${root.error})` : 'the root element is not <configuration>'}; fix it before configuring GitHub Packages.`,
      );
    }
    const notes = [
      'Set GITHUB_ACTOR (your GitHub login) and GITHUB_TOKEN (read:packages; write:packages to push) in the environment; nuget.config reads %GITHUB_TOKEN%.',
    ];
    const existing = children(child(root, 'packageSources'), 'add').find((a) => a.attributes.key === 'github');
    if (existing && existing.attributes.value !== pkg.registryUrl)
      notes.push(`nuget.config already has a source "github" at ${existing.attributes.value}; change it to ${pkg.registryUrl}.`);
    let after = ensure(before ?? CONFIG_TEMPLATE, 'packageSources', `<add key="github" value="${escapeXml(pkg.registryUrl)}" />`, (el) =>
      children(el, 'add').some((a) => a.attributes.key === 'github'),
    );
    after = ensure(
      after,
      'packageSourceCredentials',
      [
        '<github>',
        '  <add key="Username" value="%GITHUB_ACTOR%" />',
        '  <add key="ClearTextPassword" value="%GITHUB_TOKEN%" />',
        '</github>',
      ].join('\n'),
      (el) => child(el, 'github') !== undefined,
    );
    return { edits: after === before ? [] : [{ uri, before, after }], notes };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const version = request.info.version ?? '1.0.0';
    const problem =
      checkNuGetAddress({ owner: request.owner, name: request.info.name, version, registryUrl: request.registryUrl }) ??
      firstProblem(checkOwner(request.username));
    if (problem) return problem;
    const cwd = Utils.dirname(request.manifest);
    const dotnet = request.executable ?? 'dotnet';
    const output = 'bin/github-packages';
    const env = { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username };
    return [
      {
        title: `Packing ${request.info.name} ${version}`,
        command: dotnet,
        args: ['pack', Utils.basename(request.manifest), '--configuration', 'Release', '--output', output],
        env: {},
        cwd,
      },
      // nuget.config's packageSourceCredentials supplies %GITHUB_TOKEN%, so no --api-key on the command line.
      {
        title: `Pushing ${request.info.name} ${version}`,
        command: dotnet,
        args: ['nuget', 'push', `${output}/${request.info.name}.${normalizedNuGetVersion(version)}.nupkg`, '--source', 'github'],
        env,
        cwd,
      },
    ];
  },
};

function configOf(manifest: URI): URI {
  return Utils.joinPath(Utils.dirname(manifest), 'nuget.config');
}
