import type { GitHubRegistries, ManifestDependency, TextSpan } from '../../../../src/ecosystems/dependencies';

export const DOTCOM: GitHubRegistries = {
  npm: 'https://npm.pkg.github.com',
  maven: 'https://maven.pkg.github.com',
  nuget: 'https://nuget.pkg.github.com',
  rubygems: 'https://rubygems.pkg.github.com',
  container: 'ghcr.io',
};

export const GHES: GitHubRegistries = {
  npm: 'https://npm.ghes.example.com',
  maven: 'https://maven.ghes.example.com',
  nuget: 'https://nuget.ghes.example.com',
  rubygems: 'https://rubygems.ghes.example.com',
  container: 'containers.ghes.example.com',
};

function at(text: string, span: TextSpan | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

/** What a person sees of each dependency: the text at its spans, so the offsets are checked against the source. */
export function seen(
  text: string,
  dependencies: ManifestDependency[],
): { name: string; atName?: string; version: string; atVersion?: string; digest?: string }[] {
  return dependencies.map((d) => {
    const row: { name: string; atName?: string; version: string; atVersion?: string; digest?: string } = {
      name: d.name,
      atName: at(text, d.nameSpan),
      version: d.version,
    };
    if (d.versionSpan) row.atVersion = at(text, d.versionSpan);
    if (d.digest) row.digest = at(text, d.digestSpan);
    return row;
  });
}
