// Talks to the test runner outside VS Code, which holds the browser: logs, screenshots, and what is on screen.
const base = process.env.GP_TEST_DRIVER;

let pending: Promise<unknown> = Promise.resolve();

async function call<T>(action: string, body: unknown): Promise<T> {
  if (!base) throw new Error('GP_TEST_DRIVER is not set: the integration suite must be started by its runner');
  const res = await fetch(`${base}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`driver ${action} failed: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface DomElement {
  text: string;
  attrs: Record<string, string | null>;
}

export interface TreeRow {
  level: number;
  expanded: boolean | undefined;
  selected: boolean;
  label: string;
  description: string;
  /** `image` for a file icon (ecosystem SVG), the codicon class for a ThemeIcon, or `none`. */
  icon: string;
  /** Inline action buttons shown on the row (hover or selection). */
  actions: string[];
}

export const driver = {
  /** False under @vscode/test-electron, where no browser page is driven: DOM checks are skipped there. */
  available: Boolean(base),
  log(line: string): void {
    if (!base) {
      console.log(line);
      return;
    }
    pending = pending.then(() => call('log', { line }).catch(() => undefined));
  },
  flush(): Promise<unknown> {
    return pending;
  },
  screenshot(name: string): Promise<{ path: string }> {
    return call('screenshot', { name });
  },
  /** Every element matching a CSS selector in the workbench page, with its visible text and chosen attributes. */
  query(selector: string, attrs: string[] = []): Promise<DomElement[]> {
    return call('query', { selector, attrs });
  },
  /** The rows of a tree in a view container as a person sees them. */
  treeRows(container: string): Promise<TreeRow[]> {
    return call('treeRows', { container });
  },
  /** Like `query`, but in every frame: webviews live in nested iframes. */
  frameQuery(selector: string, attrs: string[] = []): Promise<DomElement[]> {
    return call('frameQuery', { selector, attrs });
  },
  /** axe-core's violations in the webview frame that holds `selector`. */
  axe(selector: string): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
    return call('axe', { selector });
  },
  /** Computed style properties of the first element matching `selector` in any frame. */
  frameStyle(selector: string, props: string[]): Promise<Record<string, string>> {
    return call('frameStyle', { selector, props });
  },
  frameClick(selector: string, text?: string): Promise<void> {
    return call('frameClick', { selector, text });
  },
  click(selector: string, options: { button?: 'left' | 'right'; nth?: number; modifiers?: string[]; label?: string } = {}): Promise<void> {
    return call('click', { selector, ...options });
  },
  press(key: string): Promise<void> {
    return call('press', { key });
  },
  type(text: string): Promise<void> {
    return call('type', { text });
  },
  /** Waits until a selector matches (and, if given, one match's text includes `text`). */
  waitFor(selector: string, options: { text?: string; timeout?: number; gone?: boolean } = {}): Promise<DomElement[]> {
    return call('waitFor', { selector, ...options });
  },
};
