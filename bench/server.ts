/**
 * The local GitHub stand-in for the benchmark, in its own process so its work does not share the client's thread.
 * Prints one JSON line ({ url, token, owner, bigPackage }) and serves until stdin closes.
 */
import { start } from '../test/github-local';
import { seedBenchOwner } from './benchOwner';
import { DEPENDENCY_OWNER } from './manifest';

async function main(): Promise<void> {
  const server = await start({ seed: 'small' });
  const bench = seedBenchOwner(server);
  // Another user with 200 public npm packages (5 versions each): the dependencies of the manifest case.
  server.state.addUser(DEPENDENCY_OWNER);
  server.state.addPackages(DEPENDENCY_OWNER, 200, { types: ['npm'], versionsEach: 5, visibility: 'public', prefix: 'dep' });
  process.stdout.write(`${JSON.stringify({ url: server.url, ...bench })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
}

void main();
