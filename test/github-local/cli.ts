import { start } from './index';
import type { Seed } from './types';
import { readFileSync } from 'node:fs';

/** `npm run github:local -- --seed demo --port 0 [--latency 50]` — serves until Ctrl-C. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seedArg = opt('seed') ?? 'demo';
  const seed: 'small' | 'demo' | Seed =
    seedArg === 'small' || seedArg === 'demo' ? seedArg : (JSON.parse(readFileSync(seedArg, 'utf8')) as Seed);
  const latency = opt('latency');
  const server = await start({ seed, port: Number(opt('port') ?? 0), latency: latency ? Number(latency) : undefined });
  const r = server.registries;
  // One line per service, each starting with its name; OWNER (and for Maven /REPOSITORY) are appended as on GitHub.
  const lines = [
    'Local GitHub Packages stand-in (NOT GitHub) — seed: ' + (typeof seed === 'string' ? seed : seedArg),
    `REST API URL           ${server.url}`,
    `GraphQL URL            ${server.graphqlUrl}`,
    `npm registry URL       ${r.npm}`,
    `maven registry URL     ${r.maven}   (+ /OWNER/REPOSITORY)`,
    `nuget registry URL     ${r.nuget}   (+ /OWNER/index.json)`,
    `rubygems registry URL  ${r.rubygems}   (+ /OWNER)`,
    `containers HOST:PORT   ${r.container}   (token endpoint ${server.url}/token)`,
    'Tokens:',
    ...Object.entries(server.tokens).map(([name, token]) => `  ${name.padEnd(14)} ${token}`),
    '',
    `VS Code: "githubPackages.apiUrl": "${server.url}",`,
    `         "githubPackages.registryUrls": ${JSON.stringify({ npm: r.npm, maven: r.maven, nuget: r.nuget, rubygems: r.rubygems, container: r.container })}`,
    `Try: curl -H 'Authorization: Bearer ${Object.values(server.tokens)[0]}' '${server.url}/user/packages?package_type=container'`,
    `Control: POST ${server.url}/_local/faults | /_local/latency | /_local/reset`,
  ];
  console.log(lines.join('\n'));
  const shutdown = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
