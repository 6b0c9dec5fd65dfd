import { child, children, parseXml, type XmlElement } from '../xml';
import { elementText } from './maven';
import type { DependencyParser, ManifestDependency, TextSpan } from './types';
import { baseName } from './types';

/** The package sources a nuget.config lists (`<packageSources><add key=… value=…/>`). */
export function nugetSources(text: string | undefined): string[] {
  if (!text) return [];
  const root = parseXml(text);
  if ('error' in root) return [];
  return children(child(root, 'packageSources'), 'add')
    .map((add) => add.attributes.value)
    .filter((value): value is string => Boolean(value));
}

/** An attribute's value in an element's open tag, and where it is. */
function attribute(text: string, element: XmlElement, name: string): { value: string; span: TextSpan } | undefined {
  const openTag = text.slice(element.start, element.openEnd);
  const match = new RegExp(`\\s${name}\\s*=\\s*(["'])([^"']*)\\1`).exec(openTag);
  if (!match) return undefined;
  const start = element.start + match.index + match[0].length - 1 - match[2].length;
  return { value: match[2], span: { start, end: start + match[2].length } };
}

/** *.csproj, *.fsproj, *.vbproj, Directory.Packages.props: `<PackageReference>` and `<PackageVersion>` items, version as attribute or child. */
export const nugetDependencies: DependencyParser = {
  matches: (fileName) => /\.(cs|fs|vb)proj$/i.test(fileName) || /^Directory\.(Packages|Build)\.props$/i.test(baseName(fileName)),

  parse(text, companions) {
    const project = parseXml(text);
    if ('error' in project) return [];
    const sources = (companions.nugetConfigs ?? []).flatMap(nugetSources);
    const found: ManifestDependency[] = [];
    const items = children(project, 'ItemGroup').flatMap((group) => [
      ...children(group, 'PackageReference'),
      ...children(group, 'PackageVersion'),
    ]);
    for (const item of items) {
      const id = attribute(text, item, 'Include') ?? attribute(text, item, 'Update');
      if (!id?.value) continue;
      const version =
        attribute(text, item, 'Version') ?? attribute(text, item, 'VersionOverride') ?? elementText(text, child(item, 'Version'));
      found.push({
        ecosystem: 'nuget',
        name: id.value,
        nameSpan: id.span,
        version: version?.value ?? '',
        versionSpan: version?.span,
        sources,
      });
    }
    return found;
  },
};
