/**
 * The local GitHub stand-in for the benchmark, in its own process so its work does not share the client's thread.
 * Prints one JSON line ({ url, token, owner, bigPackage }) and serves until stdin closes.
 */
import { start } from '../test/github-local';
import { DEPENDENCY_OWNER } from './manifest';

export const BENCH_OWNER = 'bench-owner';
export const BIG_PACKAGE = 'many-versions';

async function main(): Promise<void> {
  const server = await start({ seed: 'small' });
  server.state.addUser(BENCH_OWNER);
  const token = 'gplocal_bench_owner_token';
  server.state.addToken('bench', token, BENCH_OWNER, ['read:packages', 'write:packages', 'delete:packages', 'read:org']);
  server.state.rateLimit = 1_000_000;
  // 1,000 packages spread over all six types (one of them with 2,000 versions).
  server.state.addPackages(BENCH_OWNER, 999);
  const big = server.state.addPackage({ owner: BENCH_OWNER, type: 'npm', name: BIG_PACKAGE });
  server.state.addVersions(big, 2000);
  // Another user with 200 public npm packages (5 versions each): the dependencies of the manifest case.
  server.state.addUser(DEPENDENCY_OWNER);
  server.state.addPackages(DEPENDENCY_OWNER, 200, { types: ['npm'], versionsEach: 5, visibility: 'public', prefix: 'dep' });
  process.stdout.write(`${JSON.stringify({ url: server.url, token, owner: BENCH_OWNER, bigPackage: BIG_PACKAGE })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
}

void main();
