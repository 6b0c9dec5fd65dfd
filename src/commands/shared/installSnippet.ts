import { ecosystemFor, isEcosystemError } from '../../ecosystems';
import { registryUrl } from '../../github/hosts';
import type { Owner, Package, PackageVersion } from '../../github/types';
import { isContainer } from '../../views/nodes';
import type { Services } from '../services';

/** The install command line (or manifest lines) for a package or version, as its ecosystem writes it. */
export function installSnippetFor(
  services: Services,
  owner: Owner,
  pkg: Package,
  version?: PackageVersion,
): { text: string; language: string } | { error: string } {
  const ecosystem = ecosystemFor(pkg.packageType);
  if (!ecosystem) return { error: `No install command is known for ${pkg.packageType} packages.` };
  const repo = pkg.repository?.name;
  const snippet = ecosystem.installSnippet({
    owner: owner.login,
    name: pkg.name,
    version: version ? (isContainer(pkg) ? (version.tags[0] ?? version.name) : version.name) : undefined,
    registryUrl: registryUrl(services.host(), ecosystem.id, { owner: owner.login, repo }, services.registryOptions()),
  });
  return isEcosystemError(snippet) ? { error: snippet.message } : snippet;
}
