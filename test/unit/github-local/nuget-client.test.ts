import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type LocalGitHub } from '../../github-local';
import { listedPackage } from './listing';
import { client, requireNugetExe } from './real-clients';

const nuspec = (version: string) => `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>Mona.Greeter</id>
    <version>${version}</version>
    <authors>mona</authors>
    <description>Greets in the tests of the local stand-in</description>
    <repository type="git" url="https://github.com/mona/hello-npm" />
  </metadata>
  <files><file src="greeting.txt" target="content" /></files>
</package>
`;

describe('local GitHub: the real NuGet client (nuget.exe on Mono) pushes to and installs from the stand-in', function () {
  this.timeout(240_000);
  let gh: LocalGitHub;
  let dir: string;
  let exe: string;

  before(async function () {
    exe = await requireNugetExe(this);
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-nuget-'));
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(join(dir, 'greeting.txt'), 'hello from nuget\n');
    // The token stays in the environment: nuget.config names %GITHUB_TOKEN%, as GitHub's documentation does.
    await writeFile(
      join(dir, 'nuget.config'),
      `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="github" value="${gh.registries.nuget}/mona/index.json" /></packageSources>
  <packageSourceCredentials><github><add key="Username" value="mona" /><add key="ClearTextPassword" value="%GITHUB_TOKEN%" /></github></packageSourceCredentials>
</configuration>
`,
    );
  });
  after(async () => {
    await gh?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const nuget = (args: string[], token: string) =>
    client('mono', [exe, ...args, '-NonInteractive'], { cwd: dir, env: { ...process.env, HOME: join(dir, 'home'), GITHUB_TOKEN: token } });
  async function pack(version: string): Promise<string> {
    await writeFile(join(dir, 'Mona.Greeter.nuspec'), nuspec(version));
    const r = await nuget(['pack', 'Mona.Greeter.nuspec', '-OutputDirectory', join(dir, 'out')], gh.tokens.mona);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return join(dir, 'out', `Mona.Greeter.${version}.nupkg`);
  }
  const push = (file: string, token: string) => nuget(['push', file, '-Source', 'github', '-ConfigFile', join(dir, 'nuget.config')], token);
  const install = (id: string, version: string) =>
    nuget(
      [
        'install',
        id,
        '-Version',
        version,
        '-Source',
        'github',
        '-ConfigFile',
        join(dir, 'nuget.config'),
        '-OutputDirectory',
        join(dir, 'packages'),
      ],
      gh.tokens.monaRead,
    );

  it('nuget push publishes a version the REST API lists, linked to the repository of the nuspec', async () => {
    const r = await push(await pack('1.2.0'), gh.tokens.mona);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Your package was pushed/);
    const listed = await listedPackage(gh, 'nuget', 'Mona.Greeter');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['1.2.0']);
  });

  it('nuget push reports 409 for a version pushed twice and 403 for a token without write:packages', async () => {
    const file = join(dir, 'out', 'Mona.Greeter.1.2.0.nupkg');
    const again = await push(file, gh.tokens.mona);
    assert.notEqual(again.code, 0);
    assert.match(again.stdout + again.stderr, /409 \(Conflict\)/);
    const readOnly = await push(await pack('1.3.0'), gh.tokens.monaRead);
    assert.notEqual(readOnly.code, 0);
    assert.match(readOnly.stdout + readOnly.stderr, /403 \(Forbidden\)/);
  });

  it('nuget install fetches the published package with a read-only token and unpacks the same content', async () => {
    const r = await install('Mona.Greeter', '1.2.0');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await readFile(join(dir, 'packages/Mona.Greeter.1.2.0/content/greeting.txt'), 'utf8'), 'hello from nuget\n');
  });

  it('nuget install also installs a seeded package, from the .nupkg the stand-in generates for it', async () => {
    const r = await install('Mona.Lib', '1.0.1');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await readFile(join(dir, 'packages/Mona.Lib.1.0.1/content/README.txt'), 'utf8'), 'Mona.Lib 1.0.1 (local seed)\n');
  });
});
