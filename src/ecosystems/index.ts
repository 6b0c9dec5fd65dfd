import type { PackageType } from '../github/types';
import { container } from './container';
import { gradle } from './gradle';
import { maven } from './maven';
import { npm } from './npm';
import { nuget } from './nuget';
import { rubygems } from './rubygems';
import type { Ecosystem, EcosystemId } from './types';

export * from './types';
export { repositoryFromUrl } from './validate';

/** Every ecosystem, in the order a manifest is tried against them. */
export const ECOSYSTEMS: readonly Ecosystem[] = [npm, maven, gradle, nuget, rubygems, container];

export function ecosystemById(id: EcosystemId): Ecosystem | undefined {
  return ECOSYSTEMS.find((e) => e.id === id);
}

/** The ecosystem that installs packages of a GitHub `package_type` (`maven` → Maven, whose snippets Gradle users read from `gradle`; legacy `docker` → container). */
export function ecosystemFor(packageType: PackageType): Ecosystem | undefined {
  const id: EcosystemId = packageType === 'docker' ? 'container' : packageType;
  return ecosystemById(id);
}

/** The ecosystem owning a manifest file name or path, if any. */
export function detectManifest(fileName: string): Ecosystem | undefined {
  return ECOSYSTEMS.find((e) => e.matches(fileName));
}
