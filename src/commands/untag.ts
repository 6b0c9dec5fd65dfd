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
      vscode.l10n.t('Untag removes one tag from a container image that has other tags: use it on such an image in the Packages view.'),
    );
    return;
  }
  const { owner, pkg, version } = node;
  const chosen =
    tag ??
    (await vscode.window.showQuickPick(version.tags, {
      title: vscode.l10n.t('Remove which tag from {0} ({1})?', pkg.name, label(version, true)),
      placeHolder: vscode.l10n.t('The image keeps its other tags'),
    }));
  if (!chosen) return;
  if (!version.tags.includes(chosen)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} {1} has no tag {2}; nothing was changed.', pkg.name, label(version, true), chosen),
    );
    return;
  }
  const token = await requireScope(services, 'delete', vscode.l10n.t('remove the tag {0} from {1}', chosen, pkg.name));
  if (!token) return;
  const others = version.tags.filter((t) => t !== chosen);
  const button = vscode.l10n.t('Remove Tag');
  const detail = [
    vscode.l10n.t(
      'GitHub has no API to remove a single tag. Like ghcr-cleanup-action, this pushes a tiny empty image index to {0}, so the tag moves to it, then deletes that new version.',
      `${pkg.name}:${chosen}`,
    ),
    vscode.l10n.t(
      'The image {0}… keeps {1}. The throwaway version can be restored for 30 days like any deleted version.',
      version.name.slice(0, 19),
      others.join(', '),
    ),
  ].join('\n\n');
  if ((await confirm(vscode.l10n.t('Remove the tag {0} from {1}?', chosen, `${owner.login}/${pkg.name}`), detail, button)) !== button)
    return;

  const ref = refOf(owner, pkg);
  const outcome = await vscode.window
    .withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing the tag {0} from {1}…', chosen, pkg.name) },
      async () => {
        const digest = await registryClient(services, token).putManifest(owner.login, pkg.name, chosen, THROWAWAY);
        const state = await services.registry.loadVersions(ref, { state: 'active' });
        const moved = state.active?.find((candidate) => candidate.name === digest);
        if (!moved)
          return {
            error: vscode.l10n.t(
              'the tag {0} now points at {1}…, but that version is not listed yet; delete it from the view once it appears.',
              chosen,
              digest.slice(0, 19),
            ),
          };
        if (moved.id === version.id)
          return { error: vscode.l10n.t('the registry kept {0} on the same image; nothing was changed.', chosen) };
        const result = await services.registry.deleteVersions(ref, [moved.id]);
        const failure = result.failed[0]?.error.message;
        return failure
          ? {
              error: vscode.l10n.t(
                'the tag {0} moved to a throwaway version that could not be deleted ({1}); delete {2}… from the view.',
                chosen,
                failure,
                digest.slice(0, 19),
              ),
            }
          : {};
      },
    )
    .then(
      (value) => value,
      (error: unknown) => ({
        error: vscode.l10n.t('{0} The tag was not removed.', error instanceof Error ? error.message : String(error)),
      }),
    );
  if ('error' in outcome && outcome.error) {
    services.output.warn(`Untag ${owner.login}/${pkg.name}:${chosen}: ${outcome.error}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Removing the tag {0}: {1}', chosen, outcome.error));
    return;
  }
  services.output.info(`Removed the tag ${chosen} from ${owner.login}/${pkg.name} (${version.name}); it keeps ${others.join(', ')}.`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Removed the tag {0} from {1}; the image keeps {2}.', chosen, pkg.name, others.join(', ')),
  );
}
