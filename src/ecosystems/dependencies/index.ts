import { dockerfileImages, yamlImages } from './container';
import { gradleDependencies } from './gradle';
import { mavenDependencies } from './maven';
import { npmDependencies } from './npm';
import { nugetDependencies } from './nuget';
import { rubygemsDependencies } from './rubygems';
import type { CompanionFiles, DependencyParser, ManifestDependency } from './types';

export * from './types';
export { hostedOnGitHub, type GitHubRegistries, type HostedDependency } from './hosting';
export {
  deletedVersionFor,
  imageVersions,
  latestVersions,
  respelled,
  semverRangeOf,
  type LatestVersions,
  type VersionFacts,
} from './latest';

const PARSERS: readonly DependencyParser[] = [
  npmDependencies,
  mavenDependencies,
  gradleDependencies,
  nugetDependencies,
  rubygemsDependencies,
  dockerfileImages,
  yamlImages,
];

/** The parser for a manifest path, if any reads it. */
export function dependencyParserFor(fileName: string): DependencyParser | undefined {
  return PARSERS.find((parser) => parser.matches(fileName));
}

/** Every dependency a manifest writes; an unknown file or malformed text gives none. */
export function parseDependencies(fileName: string, text: string, companions: CompanionFiles = {}): ManifestDependency[] {
  try {
    return dependencyParserFor(fileName)?.parse(text, companions) ?? [];
  } catch {
    // A parser bug on strange input must cost the decorations, never the editor.
    return [];
  }
}
