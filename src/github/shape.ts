/** Checks GitHub's JSON before the domain types trust it: a wrong shape becomes a `badResponse`, never a crash later. */
import { GitHubError } from './errors';

export function badShape(what: string): GitHubError {
  return new GitHubError({ kind: 'badResponse', problem: what });
}

export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badShape(`${what} that is not a JSON object`);
  return value as Record<string, unknown>;
}

export function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw badShape(`${what} without a name`);
  return value;
}

export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function integer(value: unknown, what: string): number {
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is false for every non-number too
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badShape(`${what} without a numeric id`);
  return value;
}

export function textList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw badShape(`${what} whose tags are not a list of names`);
  return [...(value as string[])];
}
