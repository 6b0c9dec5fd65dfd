import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { isEcosystemError, type EcosystemError, type ProjectLocation } from '../../../src/ecosystems/types';

// A marker, not a real token: outputs must never contain it.
export const TOKEN = 'fake-token-SECRETsecretSECRETsecret0123456789';
export const home = URI.file('/home/octo');

export function at(manifestPath: string): ProjectLocation {
  return { manifest: URI.file(manifestPath), home };
}

/** Narrows a result to its success value, failing the test with the error's message otherwise. */
export function ok<T>(value: T | EcosystemError): T {
  if (isEcosystemError(value)) assert.fail(`unexpected error: ${value.message}`);
  return value as T;
}

/** Asserts an error value and returns its message. */
export function err(value: unknown, kind?: EcosystemError['kind']): string {
  assert.ok(isEcosystemError(value), `expected an error value, got ${JSON.stringify(value)}`);
  if (kind) assert.equal(value.kind, kind);
  return value.message;
}

export function assertNoToken(value: unknown): void {
  assert.ok(!JSON.stringify(value).includes(TOKEN), 'the token leaked into output');
}

export function files(entries: Record<string, string | undefined>): Map<string, string | undefined> {
  return new Map(Object.entries(entries).map(([path, text]) => [URI.file(path).toString(), text]));
}

/** Hostile names that must never reach a command line or config file. */
export const HOSTILE = ['my pkg', 'a;rm -rf ~', '$(whoami)', '`id`', '../../etc', '-rf', '--registry=evil', 'a|b', 'x\ny', 'a&&b'];
