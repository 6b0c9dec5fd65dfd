import { SaxesParser } from 'saxes';

/**
 * A strict XML reading (saxes) that keeps each element's offsets in the source, so edits are text insertions at
 * those offsets and everything else in the file — comments, quoting, indentation, line endings — stays as written.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (CDATA included), not trimmed. */
  text: string;
  /** Offset of `<` of the open tag. */
  start: number;
  /** Offset just after the open tag's `>`. */
  openEnd: number;
  /** Offset of `</` of the close tag; equals `end` for a self-closing element. */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
}

/** Parses a whole document; the error names the line and column of the first problem. */
export function parseXml(text: string): XmlElement | { error: string } {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('opentag', (tag) => {
    const openEnd = parser.position;
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
      text: '',
      start: text.lastIndexOf(`<${tag.name}`, openEnd),
      openEnd,
      closeStart: openEnd,
      end: openEnd,
      selfClosing: tag.isSelfClosing,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    element.end = parser.position;
    element.closeStart = element.selfClosing ? element.end : text.lastIndexOf('</', element.end - 1);
  });
  const addText = (t: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error !== undefined) return { error };
  if (!root) return { error: 'the file has no root element' };
  return root;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

/** The trimmed text of the first child with this name, or undefined when absent or empty. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const value = child(element, name)?.text.trim();
  return value ? value : undefined;
}

/** Escapes text for an XML element body or double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The whitespace at the start of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The indentation step the file uses (the first child's indent minus its parent's), two spaces by default. */
export function indentUnit(text: string, root: XmlElement): string {
  const first = root.children[0];
  if (first) {
    const parentIndent = indentAt(text, root.start);
    const childIndent = indentAt(text, first.start);
    if (childIndent.startsWith(parentIndent) && childIndent.length > parentIndent.length) return childIndent.slice(parentIndent.length);
  }
  return '  ';
}

/**
 * Inserts `lines` (a fragment without indentation, one element or more) as the last children of `parent`,
 * indented one step deeper than it. A self-closing parent is opened up.
 */
export function appendChild(text: string, parent: XmlElement, fragment: string, unit: string, eol: string): string {
  const parentIndent = indentAt(text, parent.start);
  const inner = parentIndent + unit;
  const body = fragment
    .split('\n')
    .map((line) => (line ? inner + line : line))
    .join(eol);
  if (parent.selfClosing) {
    const openTag = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
    return `${text.slice(0, parent.start)}${openTag}${eol}${body}${eol}${parentIndent}</${parent.name}>${text.slice(parent.end)}`;
  }
  const before = text.slice(0, parent.closeStart);
  const lastLineBreak = before.lastIndexOf('\n');
  const closeOnOwnLine = /^[ \t]*$/.test(before.slice(lastLineBreak + 1));
  if (closeOnOwnLine) {
    // Insert before the close tag's line so the close tag keeps its own indentation.
    const lineStart = lastLineBreak + 1;
    return `${text.slice(0, lineStart)}${body}${eol}${text.slice(lineStart)}`;
  }
  return `${before}${eol}${body}${eol}${parentIndent}${text.slice(parent.closeStart)}`;
}
