import { Utils, type URI } from 'vscode-uri';
import type { EcosystemError } from './types';

/** Checks on names and URLs before they reach a command line or a config file; each returns a message or undefined. */

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

export function invalid(message: string): EcosystemError {
  return { kind: 'invalid-input', message };
}

export function malformed(path: URI, message: string): EcosystemError {
  return { kind: 'malformed', message: `${Utils.basename(path)}: ${message}` };
}

/** Quotes a value for a message so hostile text stays visibly inert. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export function checkOwner(owner: string): string | undefined {
  return GITHUB_LOGIN.test(owner)
    ? undefined
    : `Owner ${shown(owner)} is not a GitHub user or organization name (letters, digits and single hyphens, not at the start or end).`;
}

export function checkVersion(version: string): string | undefined {
  return VERSION.test(version) && !version.includes('..')
    ? undefined
    : `Version ${shown(version)} is not a version: use letters, digits, '.', '_', '+' and '-', starting with a letter or digit.`;
}

/** Checks a name against an ecosystem's pattern and refuses path tricks (`..`) and option look-alikes (leading `-`). */
export function checkName(what: string, name: string, pattern: RegExp, rule: string): string | undefined {
  if (name.startsWith('-')) return `${what} ${shown(name)} starts with '-', which a command would take as an option.`;
  if (name.includes('..')) return `${what} ${shown(name)} contains '..'.`;
  return pattern.test(name) ? undefined : `${what} ${shown(name)} is not valid: ${rule}.`;
}

const REGISTRY_URL_FIX = 'Set a valid URL for this ecosystem in the "githubPackages.registryUrls" setting.';

/** Accepts an http(s) URL without credentials, quotes, spaces or angle brackets; a bad one says which setting fixes it. */
export function checkRegistryUrl(url: string): string | undefined {
  const problem = registryUrlProblem(url);
  return problem && `${problem} ${REGISTRY_URL_FIX}`;
}

function registryUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Registry URL ${shown(url)} is not a URL.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `Registry URL ${shown(url)} must start with https://.`;
  if (parsed.username || parsed.password) return `Registry URL ${shown(url)} must not contain credentials.`;
  if (/[\s"'<>`$\\%]/.test(url)) return `Registry URL ${shown(url)} contains characters not allowed in a registry URL.`;
  return undefined;
}

/** The first message of several checks, as an error value. */
export function firstProblem(...messages: (string | undefined)[]): EcosystemError | undefined {
  const message = messages.find((m) => m !== undefined);
  return message === undefined ? undefined : invalid(message);
}

/** Turns `git+https://github.com/o/r.git`, `git@github.com:o/r.git` or `ssh://…` into `https://github.com/o/r`. */
export function normalizeRepositoryUrl(raw: string): string | undefined {
  const text = raw.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(text);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const shorthand = /^github:([\w.-]+\/[\w.-]+)$/.exec(text);
  if (shorthand) return `https://github.com/${shorthand[1]}`;
  try {
    const url = new URL(text.replace(/^git\+/, ''));
    const path = url.pathname.replace(/\.git$/, '').replace(/\/$/, '');
    if (!/^\/[\w.-]+\/[\w.-]+/.test(path)) return undefined;
    return `https://${url.hostname}${path}`;
  } catch {
    return undefined;
  }
}

/** Records a manifest's repository URL (normalised) and the owner it names, when there is one. */
export function withRepository<T extends { repositoryUrl?: string; owner?: string }>(info: T, raw: string | undefined): T {
  const repositoryUrl = raw ? normalizeRepositoryUrl(raw) : undefined;
  if (repositoryUrl) info.repositoryUrl = repositoryUrl;
  const owner = ownerFromUrl(repositoryUrl);
  if (owner) info.owner = owner;
  return info;
}

/** The owner (first path segment) of a repository or registry URL. */
export function ownerFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const segment = /^https?:\/\/[^/]+\/(?:_registry\/[a-z]+\/)?([^/]+)/.exec(url)?.[1];
  return segment && GITHUB_LOGIN.test(segment) ? segment : undefined;
}

/** The repository name (second path segment) of a repository URL on any GitHub host, without `.git`. */
export function repositoryFromUrl(url: string | undefined): string | undefined {
  const segment = url && /^https?:\/\/[^/]+\/[^/]+\/([^/?#]+)/.exec(url)?.[1]?.replace(/\.git$/, '');
  return segment && /^[A-Za-z0-9._-]+$/.test(segment) ? segment : undefined;
}

/** The host part of a registry URL, as npm writes it in `//host/path/:_authToken`. */
export function registryAuthPrefix(registryUrl: string): string {
  const url = new URL(registryUrl);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `//${url.host}${path}`;
}

/** The line ending a file already uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
