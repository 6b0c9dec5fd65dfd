import type { PackageType } from '../../github/types';
import type { EcosystemId } from '../types';
import { gradleInstaller } from './gradle';
import { mavenInstaller } from './maven';
import { npmInstaller } from './npm';
import { nugetInstaller } from './nuget';
import { rubygemsInstaller } from './rubygems';
import type { Installer } from './types';

export * from './types';
export { resolveFailure, type ResolveFailure } from './failure';
export { versionToInstall } from './version';

/** Every automated "Install into Project"; a package type without one gets its install lines copied instead. */
export const INSTALLERS: readonly Installer[] = [npmInstaller, mavenInstaller, gradleInstaller, nugetInstaller, rubygemsInstaller];

/** The installers that add a package of this GitHub type to a project (Maven packages go into pom.xml or build.gradle). */
export function installersFor(packageType: PackageType): Installer[] {
  const ids: EcosystemId[] = packageType === 'maven' ? ['maven', 'gradle'] : [packageType === 'docker' ? 'container' : packageType];
  return INSTALLERS.filter((installer) => ids.includes(installer.id));
}
export { gradleInstaller, mavenInstaller, npmInstaller, nugetInstaller, rubygemsInstaller };
