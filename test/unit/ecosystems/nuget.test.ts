import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { nuget } from '../../../src/ecosystems/nuget';
import type { ConfigPlan, ProcessStep } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, files, ok } from './helpers';

const FEED = 'https://nuget.pkg.github.com/octo/index.json';
const path = URI.file('/work/App/App.csproj');
const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <PropertyGroup>
    <PackageId>Octo.Hello</PackageId>
    <Version>1.2.0</Version>
    <RepositoryUrl>https://github.com/octo/hello</RepositoryUrl>
  </PropertyGroup>
</Project>
`;

describe('ecosystems/nuget', () => {
  it('matches project files', () => {
    assert.ok(nuget.matches('App.csproj') && nuget.matches('/x/Lib.fsproj'));
    assert.ok(!nuget.matches('App.sln'));
  });

  it('reads PackageId, Version and the repository owner', () => {
    assert.deepEqual(nuget.parseManifest(CSPROJ, path), {
      name: 'Octo.Hello',
      version: '1.2.0',
      repositoryUrl: 'https://github.com/octo/hello',
      owner: 'octo',
    });
    assert.deepEqual(nuget.parseManifest('<Project><PropertyGroup/></Project>', path), { name: 'App' });
  });

  it('reports broken XML and bad ids', () => {
    assert.match(err(nuget.parseManifest('<Project><PropertyGroup></Project>', path), 'malformed'), /^App\.csproj: invalid XML \(1:\d+/);
    assert.match(
      err(nuget.parseManifest('<Project><PropertyGroup><PackageId>a b</PackageId></PropertyGroup></Project>', path)),
      /Set <PackageId>/,
    );
  });

  it('snippet is dotnet add package', () => {
    assert.deepEqual(nuget.installSnippet({ owner: 'octo', name: 'Octo.Hello', version: '1.2.0', registryUrl: FEED }), {
      language: 'shellscript',
      text: 'dotnet add package Octo.Hello --version 1.2.0',
    });
    for (const bad of HOSTILE) {
      err(nuget.installSnippet({ owner: 'octo', name: bad, registryUrl: FEED }));
      err(nuget.installSnippet({ owner: 'octo', name: 'A', version: bad, registryUrl: FEED }));
    }
  });

  it('creates nuget.config with the source and %GITHUB_TOKEN% credentials', () => {
    const plan = ok<ConfigPlan>(nuget.configEdits({ owner: 'octo', name: 'Octo.Hello', registryUrl: FEED }, at(path.path), files({})));
    assert.equal(plan.edits[0].uri.path, '/work/App/nuget.config');
    assert.equal(
      plan.edits[0].after,
      `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="github" value="${FEED}" />
  </packageSources>
  <packageSourceCredentials>
    <github>
      <add key="Username" value="%GITHUB_ACTOR%" />
      <add key="ClearTextPassword" value="%GITHUB_TOKEN%" />
    </github>
  </packageSourceCredentials>
</configuration>
`,
    );
  });

  it('merges into an existing nuget.config keeping comments and other sources; idempotent', () => {
    const before =
      '<?xml version="1.0"?>\n<configuration>\n    <!-- team feeds -->\n    <packageSources>\n        <clear/>\n        <add key="nuget.org" value="https://api.nuget.org/v3/index.json"/>\n    </packageSources>\n</configuration>';
    const current = files({ '/work/App/nuget.config': before });
    const after = ok<ConfigPlan>(nuget.configEdits({ owner: 'octo', name: 'A', registryUrl: FEED }, at(path.path), current)).edits[0].after;
    assert.ok(
      after.startsWith(
        '<?xml version="1.0"?>\n<configuration>\n    <!-- team feeds -->\n    <packageSources>\n        <clear/>\n        <add key="nuget.org" value="https://api.nuget.org/v3/index.json"/>\n        <add key="github" value="',
      ),
    );
    assert.ok(after.includes('    <packageSourceCredentials>\n        <github>\n            <add key="Username"'));
    assert.deepEqual(
      ok<ConfigPlan>(
        nuget.configEdits({ owner: 'octo', name: 'A', registryUrl: FEED }, at(path.path), files({ '/work/App/nuget.config': after })),
      ).edits,
      [],
    );
    assert.match(
      err(
        nuget.configEdits(
          { owner: 'octo', name: 'A', registryUrl: FEED },
          at(path.path),
          files({ '/work/App/nuget.config': '<configuration>' }),
        ),
      ),
      /^nuget\.config: invalid XML/,
    );
  });

  it('packs then pushes to the github source, the token only in the environment', () => {
    const steps = ok<ProcessStep[]>(
      nuget.publishCommand({
        ...at(path.path),
        owner: 'octo',
        registryUrl: FEED,
        token: TOKEN,
        username: 'octocat',
        info: { name: 'Octo.Hello', version: '1.2.0' },
      }),
    );
    assert.deepEqual(
      steps.map((s) => [s.command, s.args]),
      [
        ['dotnet', ['pack', 'App.csproj', '--configuration', 'Release', '--output', 'bin/github-packages']],
        ['dotnet', ['nuget', 'push', 'bin/github-packages/Octo.Hello.1.2.0.nupkg', '--source', 'github']],
      ],
    );
    assert.equal(steps[1].env.GITHUB_TOKEN, TOKEN);
    assertNoToken(steps.map((s) => ({ ...s, env: {} })));
  });

  it("pushes the file pack writes, whose name carries NuGet's normalized version (1.0 → 1.0.0)", () => {
    const push = (version: string) =>
      ok<ProcessStep[]>(
        nuget.publishCommand({
          ...at(path.path),
          owner: 'octo',
          registryUrl: FEED,
          token: TOKEN,
          username: 'octocat',
          info: { name: 'Octo.Hello', version },
        }),
      )[1].args[2];
    // The names `nuget pack` 5.8 wrote for these versions, observed with nuget.exe on Mono.
    assert.equal(push('1.0'), 'bin/github-packages/Octo.Hello.1.0.0.nupkg');
    assert.equal(push('1.02.3.0+build5'), 'bin/github-packages/Octo.Hello.1.2.3.nupkg');
    assert.equal(push('2.0.0-beta.1'), 'bin/github-packages/Octo.Hello.2.0.0-beta.1.nupkg');
    assert.equal(push('1.2.3.4'), 'bin/github-packages/Octo.Hello.1.2.3.4.nupkg');
  });
});
