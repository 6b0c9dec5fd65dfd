import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const placeholder = /^%([^%\s]+)%$/;

/** package.json as written: `%key%` placeholders for every string a user reads. */
export function rawExtensionManifest(): unknown {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

/** The English strings the placeholders stand for. */
export function manifestStrings(): Record<string, string> {
  return JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** package.json as VS Code shows it in English: each `%key%` replaced by its text in package.nls.json (a missing key throws). */
export function extensionManifest<T>(): T {
  const strings = manifestStrings();
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = placeholder.exec(value)?.[1];
      if (key === undefined) return value;
      if (!(key in strings)) throw new Error(`package.json names %${key}%, which package.nls.json does not have`);
      return strings[key];
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  return resolve(rawExtensionManifest()) as T;
}

/** Every `%key%` placeholder package.json holds, wherever it is. */
export function placeholdersIn(value: unknown): string[] {
  if (typeof value === 'string') return placeholder.exec(value) ? [placeholder.exec(value)![1]] : [];
  if (Array.isArray(value)) return value.flatMap(placeholdersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(placeholdersIn);
  return [];
}
