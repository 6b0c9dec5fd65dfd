import type { Owner, Package, PackageVersion } from '../github/types';
import type { ManifestGraph } from '../registry/multiArchGuard';
import type { ManifestParent } from './nodes';

/**
 * Which tagged image each untagged container manifest belongs to, so the tree can label multi-arch children and
 * attestations ("linux/arm64 of latest, 2.0"). Read in the background, once per set of tagged versions; a failure
 * just leaves the children labelled "untagged".
 */
export class ManifestParents {
  private readonly known = new Map<number, { key: string; parents: Map<string, ManifestParent> | undefined }>();

  constructor(
    private readonly read: (owner: Owner, pkg: Package, active: readonly PackageVersion[]) => Promise<ManifestGraph>,
    private readonly changed: () => void,
  ) {}

  get(owner: Owner, pkg: Package, active: readonly PackageVersion[]): Map<string, ManifestParent> | undefined {
    if (!active.some((v) => v.tags.length === 0)) return undefined;
    const key = active
      .filter((v) => v.tags.length > 0)
      .map((v) => v.name)
      .sort()
      .join(',');
    const entry = this.known.get(pkg.id);
    if (entry?.key === key) return entry.parents;
    this.known.set(pkg.id, { key, parents: undefined });
    void this.read(owner, pkg, active).then(
      (graph) => {
        if (this.known.get(pkg.id)?.key !== key) return;
        this.known.set(pkg.id, { key, parents: graph.ok ? graph.parents : undefined });
        if (graph.ok) this.changed();
      },
      () => undefined,
    );
    return undefined;
  }
}
