import * as semver from 'semver';
import type { PackageVersion } from '../../github/types';

/**
 * The version to install when only a package was chosen: the one tagged `latest`, else the newest that is not a
 * pre-release, else the newest. `versions` are newest first, as GitHub lists them.
 */
export function versionToInstall(versions: readonly Pick<PackageVersion, 'name' | 'tags'>[]): string | undefined {
  const latest = versions.find((v) => v.tags.includes('latest'));
  const stable = versions.find((v) => {
    const parsed = semver.parse(v.name, { loose: true });
    return parsed ? parsed.prerelease.length === 0 : !/snapshot|alpha|beta|rc|preview/i.test(v.name);
  });
  return (latest ?? stable ?? versions[0])?.name;
}
