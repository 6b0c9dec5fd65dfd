import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

describe('local GitHub: the CLI (npm run github:local)', function () {
  this.timeout(30000);

  it('prints its URLs and tokens and serves the demo seed until stopped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/github-local/cli.ts', '--seed', 'demo', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/Control:/.test(out)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
      });
      const url = /^REST API URL\s+(\S+)$/m.exec(out)![1];
      const line = (name: string) => new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(out)?.[1];
      assert.equal(line('GraphQL URL'), `${url}/graphql`);
      assert.equal(line('npm registry URL'), `${url}/_registry/npm/`);
      assert.equal(line('maven registry URL'), `${url}/_registry/maven`);
      assert.equal(line('nuget registry URL'), `${url}/_registry/nuget`);
      assert.equal(line('rubygems registry URL'), `${url}/_registry/rubygems`);
      assert.equal(line('containers HOST:PORT'), url.replace('http://', ''));
      const index = await fetch(`${line('nuget registry URL')}/mona/index.json`, {
        headers: { authorization: 'Bearer gplocal_mona_read' },
      });
      assert.equal(index.status, 200, 'the printed NuGet base plus /OWNER/index.json is the service index');
      assert.match(out, /gplocal_mona_all/);
      const r = await fetch(`${url}/user/packages?package_type=container`, { headers: { authorization: 'Bearer gplocal_mona_all' } });
      const names = ((await r.json()) as Array<{ name: string }>).map((p) => p.name);
      assert.ok(names.includes('hello-world'));
    } finally {
      child.kill('SIGINT');
    }
  });
});
