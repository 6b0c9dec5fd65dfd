/**
 * The local GitHub stand-in for the benchmark, in its own process so its work does not share the client's thread.
 * Prints one JSON line ({ url, token, owner, bigPackage }) and serves until stdin closes.
 */
import { start } from '../test/github-local';
import { seedBenchOwner } from './benchOwner';

async function main(): Promise<void> {
  const server = await start({ seed: 'small' });
  const bench = seedBenchOwner(server);
  process.stdout.write(`${JSON.stringify({ url: server.url, ...bench })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
}

void main();
