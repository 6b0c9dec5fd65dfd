import { start } from './index';
import type { Seed } from './types';
import { readFileSync } from 'node:fs';

/** `npm run github:local -- --seed demo --port 0 [--latency 50]` — serves until Ctrl-C. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const seedArg = opt('seed') ?? 'demo';
  const seed: 'small' | 'demo' | Seed = seedArg === 'small' || seedArg === 'demo' ? seedArg : JSON.parse(readFileSync(seedArg, 'utf8')) as Seed;
  const latency = opt('latency');
  const server = await start({ seed, port: Number(opt('port') ?? 0), latency: latency ? Number(latency) : undefined });
  const lines = [
    'Local GitHub Packages stand-in (NOT GitHub) — seed: ' + (typeof seed === 'string' ? seed : seedArg),
    `REST API     ${server.url}`,
    `GraphQL      ${server.graphqlUrl}`,
    `npm registry ${server.registries.npm}`,
    `containers   ${server.registries.container}   (token endpoint ${server.url}/token)`,
    'Tokens:',
    ...Object.entries(server.tokens).map(([name, token]) => `  ${name.padEnd(14)} ${token}`),
    '',
    `Try: curl -H 'Authorization: Bearer ${Object.values(server.tokens)[0]}' '${server.url}/user/packages?package_type=container'`,
    `Control: POST ${server.url}/_local/faults | /_local/latency | /_local/reset`,
  ];
  console.log(lines.join('\n'));
  const shutdown = () => { void server.stop().then(() => process.exit(0)); };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
