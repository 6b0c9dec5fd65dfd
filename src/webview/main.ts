// Browser side of the package settings webview: renders what the host sends, and sends back the person's actions.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { HostMessage, PackageDetails, SettingsPageState, WebviewAction, WebviewMessage } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; setState(state: SettingsPageState): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  if (event.data?.type !== 'details') return;
  const d = event.data.details;
  vscode.setState({ owner: d.owner, ownerKind: d.ownerKind, packageType: d.packageType, name: d.name });
  render(d);
});
app.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action as WebviewAction | undefined;
  if (action) vscode.postMessage({ type: 'action', action });
});
// Nothing is lost before the page listens: the host sends the details only after this.
vscode.postMessage({ type: 'ready' });

function render(d: PackageDetails): void {
  app.replaceChildren(
    el('header', {}, [
      el('h1', {}, [d.name]),
      el('p', { class: 'subtitle' }, [`${d.typeLabel} package of ${d.owner}`]),
      el('vscode-badge', { id: 'visibility', variant: 'counter' }, [d.visibility]),
    ]),
    ...(d.gone
      ? [el('p', { class: 'warning', id: 'gone' }, ['This package is no longer listed: it was deleted or you lost access to it.'])]
      : []),
    section('Details', [
      row('Versions', String(d.versionCount)),
      row('Repository', d.repository ? link(d.repository.fullName, d.repository.htmlUrl) : 'not linked'),
      row('Published', new Date(d.createdAt).toUTCString()),
      row('Updated', new Date(d.updatedAt).toUTCString()),
    ]),
    section('Install', [
      d.installSnippet ? el('pre', { id: 'install' }, [d.installSnippet]) : el('p', {}, ['No install command is known for this type.']),
      button('Copy Install Command', 'copyInstallCommand', !d.installSnippet),
      button('Open on GitHub', 'openOnGitHub', false, true),
    ]),
    section('Visibility', [
      el('p', {}, [
        d.repositoryScoped
          ? `This package takes its visibility from its repository${d.repository ? `, ${d.repository.fullName}` : ''}, which is ${d.visibility}. Change the repository's visibility to change it.`
          : `This package is ${d.visibility}. GitHub changes a package's own visibility only on its settings page.`,
      ]),
      button('Change Visibility…', 'setVisibility', d.gone === true, true),
    ]),
    section('Versions', [
      versionsTable(d),
      ...(d.tagsNote && d.versions ? [el('p', { class: 'note', id: 'tags-note' }, [d.tagsNote])] : []),
    ]),
    section('Danger zone', [
      el('p', {}, ['Deleting the package deletes every version. It can be restored for 30 days unless its name is reused.']),
      button('Delete Package…', 'deletePackage', d.gone === true, true),
    ]),
  );
}

/** A plain table: header cells in a header row, so assistive technology reads columns (axe: aria-required-*). */
function versionsTable(d: PackageDetails): HTMLElement {
  if (d.versionsError)
    return el('div', { id: 'versions-error' }, [el('p', { class: 'warning' }, [d.versionsError]), button('Retry', 'refresh', false)]);
  if (!d.versions) return el('p', {}, ['Loading versions…']);
  const header = el('thead', {}, [
    el(
      'tr',
      {},
      ['Version', 'Tags', 'Published'].map((h) => el('th', { scope: 'col' }, [h])),
    ),
  ]);
  const body = el(
    'tbody',
    {},
    d.versions.map((v) =>
      el('tr', {}, [el('th', { scope: 'row' }, [v.name]), el('td', {}, [v.tags.join(', ')]), el('td', {}, [v.published])]),
    ),
  );
  return el('table', { id: 'versions' }, [
    el('caption', { class: 'visually-hidden' }, [`Versions of ${d.name}, newest first`]),
    header,
    body,
  ]);
}

function section(title: string, children: Node[]): HTMLElement {
  return el('section', {}, [el('vscode-divider', {}, []), el('h2', {}, [title]), ...children]);
}

function row(label: string, value: string | Node): HTMLElement {
  return el('div', { class: 'row' }, [el('span', { class: 'label' }, [label]), el('span', {}, [value])]);
}

function link(text: string, href: string): HTMLElement {
  return el('a', { href }, [text]);
}

function button(text: string, action: WebviewAction, disabled: boolean, secondary = false): HTMLElement {
  return el('vscode-button', { 'data-action': action, ...(disabled ? { disabled: '' } : {}), ...(secondary ? { secondary: '' } : {}) }, [
    text,
  ]);
}

/** Builds elements from text nodes only: nothing the host sends is ever parsed as HTML. */
function el(tag: string, attrs: Record<string, string>, children: (string | Node)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
