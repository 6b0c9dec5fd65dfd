/** The benchmarks' account on the local stand-in: 1,000 packages over every type, one of them with 2,000 versions. */
import type { LocalGitHub } from '../test/github-local';

export const BENCH_OWNER = 'bench-owner';
export const BIG_PACKAGE = 'big-package';
export const BENCH_TOKEN = 'gplocal_bench_owner_token';

export function seedBenchOwner(server: LocalGitHub): { owner: string; token: string; bigPackage: string } {
  server.state.addUser(BENCH_OWNER);
  server.state.addToken('bench', BENCH_TOKEN, BENCH_OWNER, ['read:packages', 'write:packages', 'delete:packages', 'read:org']);
  server.state.rateLimit = 1_000_000;
  server.state.addPackages(BENCH_OWNER, 999);
  const big = server.state.addPackage({ owner: BENCH_OWNER, type: 'npm', name: BIG_PACKAGE });
  server.state.addVersions(big, 2000);
  return { owner: BENCH_OWNER, token: BENCH_TOKEN, bigPackage: BIG_PACKAGE };
}
