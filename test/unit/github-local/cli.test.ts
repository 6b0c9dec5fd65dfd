import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

describe('local GitHub: the CLI (npm run github:local)', function () {
  this.timeout(30000);

  it('prints its URLs and tokens and serves the demo seed until stopped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/github-local/cli.ts', '--seed', 'demo', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (/Control:/.test(out)) resolve(); });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
      });
      const url = /REST API\s+(\S+)/.exec(out)![1];
      assert.match(out, /npm registry\s+http:\/\/127\.0\.0\.1:\d+\/_registry\/npm\//);
      assert.match(out, /gplocal_mona_all/);
      const r = await fetch(`${url}/user/packages?package_type=container`, { headers: { authorization: 'Bearer gplocal_mona_all' } });
      const names = ((await r.json()) as Array<{ name: string }>).map((p) => p.name);
      assert.ok(names.includes('hello-world'));
    } finally {
      child.kill('SIGINT');
    }
  });
});
