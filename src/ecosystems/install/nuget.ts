import { Utils, type URI } from 'vscode-uri';
import { nugetDependencies } from '../dependencies/nuget';
import { checkNuGetAddress, nuget } from '../nuget';
import type { ConfigEdit, EcosystemError, ProcessStep, ProjectLocation } from '../types';
import { eolOf, malformed } from '../validate';
import { appendChild, childText, children, indentUnit, parseXml, type XmlElement } from '../xml';
import { splice, type InstallPlan, type InstallRequest, type Installer, type InstallTool } from './types';

const DOTNET_TOOL: InstallTool = {
  name: '.NET SDK (dotnet) or NuGet CLI (nuget)',
  howToGet: 'install the .NET SDK from https://dotnet.microsoft.com/download, or nuget.exe from https://www.nuget.org/downloads',
};

type Item = 'PackageReference' | 'PackageVersion';

/**
 * A project file (`<PackageReference>`) or Directory.Packages.props (`<PackageVersion>`) with package `id` at
 * `version`: an item already there (ids compare case-insensitively, as NuGet does) gets the new version; otherwise one
 * is added to the item group holding its kind, or a new <ItemGroup>. `version` undefined adds a reference without one
 * (central package management keeps versions in Directory.Packages.props).
 */
export function withPackageItem(text: string, item: Item, id: string, version: string | undefined, uri: URI): string | EcosystemError {
  const root = parseXml(text);
  if ('error' in root) return malformed(uri, `invalid XML (${root.error}); fix the syntax, then install again.`);
  if (root.name !== 'Project') return malformed(uri, `the root element is <${root.name}>, not <Project>; is this an MSBuild project file?`);
  const existing = nugetDependencies
    .parse(text, {})
    .find((d) => d.name.toLowerCase() === id.toLowerCase() && kindAt(root, d.nameSpan.start) === item);
  if (existing) {
    if (version === undefined) return text;
    if (existing.versionSpan) return splice(text, existing.versionSpan.start, existing.versionSpan.end, version);
    const afterId = existing.nameSpan.end + 1;
    return splice(text, afterId, afterId, ` Version="${version}"`);
  }
  const element = `<${item} Include="${id}"${version === undefined ? '' : ` Version="${version}"`} />`;
  const unit = indentUnit(text, root);
  const eol = eolOf(text);
  const group = children(root, 'ItemGroup').find((g) => children(g, item).length > 0);
  if (group) return appendChild(text, group, element, unit, eol);
  return appendChild(text, root, ['<ItemGroup>', unit + element, '</ItemGroup>'].join('\n'), unit, eol);
}

/** The kind of item whose open tag holds `offset`. */
function kindAt(root: XmlElement, offset: number): string | undefined {
  for (const group of children(root, 'ItemGroup'))
    for (const element of group.children) if (element.start <= offset && offset < element.openEnd) return element.name;
  return undefined;
}

/** Whether `ManagePackageVersionsCentrally` is true in a project or props file. */
export function managesVersionsCentrally(text: string | undefined): boolean {
  if (!text) return false;
  const root = parseXml(text);
  if ('error' in root) return false;
  return children(root, 'PropertyGroup').some((g) => childText(g, 'ManagePackageVersionsCentrally')?.toLowerCase() === 'true');
}

/** *.csproj/*.fsproj/*.vbproj: the reference (and version, centrally when the project manages them so), nuget.config, then a restore. */
export const nugetInstaller: Installer = {
  id: 'nuget',
  projectGlob: '**/*.{csproj,fsproj,vbproj}',
  matches: (fileName) => nuget.matches(fileName),
  files: (location: ProjectLocation) => [location.manifest, ...nuget.configFiles(location), ...centralPropsCandidates(location.manifest)],

  plan(request: InstallRequest, current): InstallPlan | EcosystemError {
    const problem = checkNuGetAddress(request.pkg);
    if (problem) return problem;
    const { manifest } = request.location;
    const { name: id, version } = request.pkg;
    const project = current.get(manifest.toString());
    if (project === undefined) return malformed(manifest, 'the file was not found; open the project file to install into.');
    // NuGet uses the nearest Directory.Packages.props above the project.
    const props = centralPropsCandidates(manifest).find((uri) => current.get(uri.toString()) !== undefined);
    const propsText = props && current.get(props.toString());
    const central = managesVersionsCentrally(propsText) || managesVersionsCentrally(project);
    const edits: ConfigEdit[] = [];
    const projectAfter = withPackageItem(project, 'PackageReference', id, central ? undefined : version, manifest);
    if (typeof projectAfter !== 'string') return projectAfter;
    if (projectAfter !== project) edits.push({ uri: manifest, before: project, after: projectAfter });
    if (central) {
      if (!props || propsText === undefined)
        return malformed(
          manifest,
          'central package management is on but no Directory.Packages.props was found; add one, then install again.',
        );
      const propsAfter = withPackageItem(propsText, 'PackageVersion', id, version, props);
      if (typeof propsAfter !== 'string') return propsAfter;
      if (propsAfter !== propsText) edits.push({ uri: props, before: propsText, after: propsAfter });
    }
    const config = nuget.configEdits(request.pkg, request.location, current);
    if ('kind' in config) return config;
    return {
      spec: `${id} ${version}`,
      edits: [...edits, ...config.edits],
      notes: config.notes,
      tool: DOTNET_TOOL,
      missingTool: restoreStep(request) ? undefined : DOTNET_TOOL,
      steps: [restoreStep(request)].filter((step): step is ProcessStep => step !== undefined),
    };
  },
};

/**
 * `dotnet restore`; without the .NET SDK, the NuGet CLI (nuget.exe, or Mono's wrapper of it) cannot restore an SDK-style
 * project, so it fetches the package into the project's `packages` folder with `nuget install`, which proves the
 * source and credentials work and is what a packages.config project uses.
 */
function restoreStep(request: InstallRequest): ProcessStep | undefined {
  const { manifest } = request.location;
  const cwd = Utils.dirname(manifest);
  // nuget.config's packageSourceCredentials read %GITHUB_ACTOR% and %GITHUB_TOKEN%.
  const env = { GITHUB_TOKEN: request.token, GITHUB_ACTOR: request.username };
  const project = Utils.basename(manifest);
  if (request.onPath('dotnet')) return { title: `Restoring ${project}`, command: 'dotnet', args: ['restore', project], env, cwd };
  if (!request.onPath('nuget')) return undefined;
  const { name, version } = request.pkg;
  return {
    title: `Fetching ${name} ${version}`,
    command: 'nuget',
    args: [
      'install',
      name,
      '-Version',
      version,
      '-Source',
      'github',
      '-ConfigFile',
      'nuget.config',
      '-OutputDirectory',
      'packages',
      '-NonInteractive',
    ],
    env,
    cwd,
  };
}

/** Directory.Packages.props in the project's folder and each folder above it, nearest first. */
function centralPropsCandidates(manifest: URI): URI[] {
  const found: URI[] = [];
  for (let dir = Utils.dirname(manifest); ; dir = Utils.dirname(dir)) {
    found.push(Utils.joinPath(dir, 'Directory.Packages.props'));
    if (Utils.dirname(dir).path === dir.path) return found;
  }
}
