import { child, children, parseXml, type XmlElement } from '../xml';
import type { DependencyParser, ManifestDependency, TextSpan } from './types';
import { baseName } from './types';

/** The trimmed text of an element and where it is; undefined when empty. */
export function elementText(text: string, element: XmlElement | undefined): { value: string; span: TextSpan } | undefined {
  if (!element || element.selfClosing) return undefined;
  const inner = text.slice(element.openEnd, element.closeStart);
  const value = inner.trim();
  if (!value) return undefined;
  const start = element.openEnd + inner.indexOf(value);
  return { value, span: { start, end: start + value.length } };
}

/** pom.xml: `<dependency>` coordinates (also under `<dependencyManagement>`), versions through `${property}`, and `<repositories>`. */
export const mavenDependencies: DependencyParser = {
  matches: (fileName) => baseName(fileName) === 'pom.xml',

  parse(text) {
    const project = parseXml(text);
    if ('error' in project || project.name !== 'project') return [];
    const sources = children(child(project, 'repositories'), 'repository')
      .map((repository) => elementText(text, child(repository, 'url'))?.value)
      .filter((url): url is string => url !== undefined);
    const properties = child(project, 'properties');
    const lists = [child(project, 'dependencies'), child(child(project, 'dependencyManagement'), 'dependencies')];
    const found: ManifestDependency[] = [];
    for (const dependency of lists.flatMap((list) => children(list, 'dependency'))) {
      const groupId = elementText(text, child(dependency, 'groupId'));
      const artifactId = elementText(text, child(dependency, 'artifactId'));
      if (!groupId || !artifactId) continue;
      let version = elementText(text, child(dependency, 'version'));
      const property = version && /^\$\{([^}]+)\}$/.exec(version.value)?.[1];
      if (property) version = elementText(text, child(properties, property));
      found.push({
        ecosystem: 'maven',
        name: `${groupId.value}:${artifactId.value}`,
        nameSpan: artifactId.span,
        version: version?.value ?? '',
        versionSpan: version?.span,
        sources,
      });
    }
    return found;
  },
};
