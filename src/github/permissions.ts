/** GitHub's two permission models for packages (see GitHub's "About permissions for GitHub Packages"). */
import type { HostKind } from './hosts';
import type { PackageType } from './types';

/**
 * Repository-scoped packages take their visibility and access from their repository: Maven/Gradle (and the legacy
 * Docker registry) everywhere, and npm, NuGet and RubyGems on GitHub Enterprise Server. The rest (containers, and
 * npm/NuGet/RubyGems on github.com and GHE.com) have their own visibility, which no API can change.
 */
export function isRepositoryScoped(type: PackageType, host: HostKind): boolean {
  if (type === 'maven' || type === 'docker') return true;
  if (type === 'container') return false;
  return host === 'ghes';
}

/**
 * The rules a host follows. github.com and GHE.com are known by name; any other host is GitHub Enterprise Server only
 * when it says so (`X-GitHub-Enterprise-Version`), otherwise (a proxy, the local stand-in) it follows github.com's.
 */
export function rulesOf(host: HostKind, viewer: { enterpriseVersion?: string } | undefined): HostKind {
  return host === 'ghes' && viewer && !viewer.enterpriseVersion ? 'dotcom' : host;
}
