/** Shared set-up for tests that talk to the local GitHub stand-in. */
import { start, type LocalGitHub, type StartOptions } from '../../github-local';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions, type Logger } from '../../../src/github/client';
import { PackagesApi } from '../../../src/github/packages';

export async function startLocal(options: StartOptions = {}): Promise<LocalGitHub> {
  return start({ seed: 'small', ...options });
}

export interface TestClient {
  client: GitHubClient;
  api: PackagesApi;
  logs: string[];
}

/** A client with waits shrunk 1000× (retry-after seconds become milliseconds) and no write pacing. */
export function testClient(server: LocalGitHub, tokenName: string | undefined, options: Partial<GitHubClientOptions> = {}): TestClient {
  const logs: string[] = [];
  const log: Logger = {
    debug: (m) => logs.push(`debug ${m}`),
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  const client = createGitHubClient({
    apiUrl: server.url,
    token: async () => (tokenName ? server.tokens[tokenName] : undefined),
    userAgent: 'github-packages-tests/0.0.0',
    log,
    ...options,
    throttle: { retryAfterBaseMs: 1, writeIntervalMs: 0, ...options.throttle },
  });
  return { client, api: new PackagesApi(client, server.graphqlUrl), logs };
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
