import * as vscode from 'vscode';
import { refOf } from '../github/types';
import { label } from '../registry/deletePlan';
import { isContainer, type TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { requireScope } from './requireScope';
import type { Services } from './services';
import { registryClient } from './shared/manifestReader';

/** What is pushed to the tag so it moves off the image: an OCI index with no manifests (no blobs needed). */
const THROWAWAY = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  body: '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
};

/**
 * `githubPackages.untag [versionNode] [tag]`: removes one tag from a container image that keeps other tags. GitHub
 * has no API for it, so — as dataaxiom/ghcr-cleanup-action does — it pushes an empty index to the tag (the tag moves
 * to that new version) and deletes that new version. The image and its other tags stay.
 */
export async function untag(services: Services, node?: TreeNode, tag?: string): Promise<void> {
  if (node?.kind !== 'version' || node.deleted || !isContainer(node.pkg) || node.version.tags.length < 2) {
    void vscode.window.showInformationMessage(
      'Untag removes one tag from a container image that has other tags: use it on such an image in the Packages view.',
    );
    return;
  }
  const { owner, pkg, version } = node;
  const chosen =
    tag ??
    (await vscode.window.showQuickPick(version.tags, {
      title: `Remove which tag from ${pkg.name} (${label(version, true)})?`,
      placeHolder: 'The image keeps its other tags',
    }));
  if (!chosen) return;
  if (!version.tags.includes(chosen)) {
    void vscode.window.showErrorMessage(`${pkg.name} ${label(version, true)} has no tag ${chosen}; nothing was changed.`);
    return;
  }
  const token = await requireScope(services, 'delete', `remove the tag ${chosen} from ${pkg.name}`);
  if (!token) return;
  const others = version.tags.filter((t) => t !== chosen);
  const button = 'Remove Tag';
  const detail = [
    `GitHub has no API to remove a single tag. Like ghcr-cleanup-action, this pushes a tiny empty image index to ${pkg.name}:${chosen}, so the tag moves to it, then deletes that new version.`,
    `The image ${version.name.slice(0, 19)}… keeps ${others.join(', ')}. The throwaway version can be restored for 30 days like any deleted version.`,
  ].join('\n\n');
  if ((await confirm(`Remove the tag ${chosen} from ${owner.login}/${pkg.name}?`, detail, button)) !== button) return;

  const ref = refOf(owner, pkg);
  const outcome = await vscode.window
    .withProgress({ location: vscode.ProgressLocation.Notification, title: `Removing the tag ${chosen} from ${pkg.name}…` }, async () => {
      const digest = await registryClient(services, token).putManifest(owner.login, pkg.name, chosen, THROWAWAY);
      const state = await services.registry.loadVersions(ref, { state: 'active' });
      const moved = state.active?.find((candidate) => candidate.name === digest);
      if (!moved)
        return {
          error: `the tag ${chosen} now points at ${digest.slice(0, 19)}…, but that version is not listed yet; delete it from the view once it appears.`,
        };
      if (moved.id === version.id) return { error: `the registry kept ${chosen} on the same image; nothing was changed.` };
      const result = await services.registry.deleteVersions(ref, [moved.id]);
      const failure = result.failed[0]?.error.message;
      return failure
        ? {
            error: `the tag ${chosen} moved to a throwaway version that could not be deleted (${failure}); delete ${digest.slice(0, 19)}… from the view.`,
          }
        : {};
    })
    .then(
      (value) => value,
      (error: unknown) => ({ error: `${error instanceof Error ? error.message : String(error)} The tag was not removed.` }),
    );
  if ('error' in outcome && outcome.error) {
    services.output.warn(`Untag ${owner.login}/${pkg.name}:${chosen}: ${outcome.error}`);
    void vscode.window.showWarningMessage(`Removing the tag ${chosen}: ${outcome.error}`);
    return;
  }
  services.output.info(`Removed the tag ${chosen} from ${owner.login}/${pkg.name} (${version.name}); it keeps ${others.join(', ')}.`);
  void vscode.window.showInformationMessage(`Removed the tag ${chosen} from ${pkg.name}; the image keeps ${others.join(', ')}.`);
}
