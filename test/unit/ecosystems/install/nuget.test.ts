import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { nugetInstaller, withPackageItem } from '../../../../src/ecosystems/install/nuget';
import { HOSTILE, TOKEN, err, files, ok } from '../helpers';
import { request } from './helpers';

const project = URI.file('/work/App/App.csproj');
const props = URI.file('/work/Directory.Packages.props');

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">

  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>

  <!-- third-party packages -->
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
  </ItemGroup>

</Project>
`;

const PROPS = `<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
  </ItemGroup>
</Project>
`;

describe('install/nuget: PackageReference and PackageVersion edits', () => {
  it('adds a PackageReference to the item group that holds them, keeping the comment and blank lines', () => {
    const after = ok(withPackageItem(CSPROJ, 'PackageReference', 'Mona.Lib', '1.0.1', project));
    assert.equal(after, CSPROJ.replace('13.0.3" />\n', '13.0.3" />\n    <PackageReference Include="Mona.Lib" Version="1.0.1" />\n'));
  });

  it('creates an <ItemGroup> when the project has no package references', () => {
    const bare =
      '<Project Sdk="Microsoft.NET.Sdk">\n\t<PropertyGroup>\n\t\t<TargetFramework>net8.0</TargetFramework>\n\t</PropertyGroup>\n</Project>\n';
    const after = ok(withPackageItem(bare, 'PackageReference', 'Mona.Lib', '1.0.1', project));
    assert.equal(
      after,
      bare.replace('</Project>', '\t<ItemGroup>\n\t\t<PackageReference Include="Mona.Lib" Version="1.0.1" />\n\t</ItemGroup>\n</Project>'),
    );
  });

  it('updates the version of a reference already there (ids compare case-insensitively), attribute or child element', () => {
    const present = CSPROJ.replace('Newtonsoft.Json', 'mona.lib');
    assert.equal(ok(withPackageItem(present, 'PackageReference', 'Mona.Lib', '1.0.1', project)), present.replace('13.0.3', '1.0.1'));
    const child = CSPROJ.replace(
      '<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />',
      '<PackageReference Include="Mona.Lib">\n      <Version>0.9.0</Version>\n    </PackageReference>',
    );
    assert.equal(ok(withPackageItem(child, 'PackageReference', 'Mona.Lib', '1.0.1', project)), child.replace('0.9.0', '1.0.1'));
    const unversioned = CSPROJ.replace('Include="Newtonsoft.Json" Version="13.0.3"', 'Include="Mona.Lib"');
    assert.match(
      ok(withPackageItem(unversioned, 'PackageReference', 'Mona.Lib', '1.0.1', project)),
      /Include="Mona\.Lib" Version="1\.0\.1" \/>/,
    );
  });

  it('adds a reference without a version, and leaves one that is there alone, for central package management', () => {
    assert.match(
      ok(withPackageItem(CSPROJ, 'PackageReference', 'Mona.Lib', undefined, project)),
      /<PackageReference Include="Mona\.Lib" \/>/,
    );
    const present = CSPROJ.replace('Include="Newtonsoft.Json" Version="13.0.3"', 'Include="Mona.Lib"');
    assert.equal(ok(withPackageItem(present, 'PackageReference', 'Mona.Lib', undefined, project)), present);
  });

  it('refuses invalid XML and a root that is not <Project>, and edits nothing', () => {
    assert.match(
      err(withPackageItem('<Project><ItemGroup></Project>', 'PackageReference', 'A', '1.0', project), 'malformed'),
      /^App\.csproj: invalid XML/,
    );
    assert.match(err(withPackageItem('<packages/>', 'PackageReference', 'A', '1.0', project), 'malformed'), /not <Project>/);
  });
});

describe('install/nuget: the install plan', () => {
  const pkg = { owner: 'mona', name: 'Mona.Lib', version: '1.0.1', registryUrl: 'https://nuget.pkg.github.com/mona/index.json' };

  it('adds the reference and nuget.config, then runs dotnet restore with the token in the environment', () => {
    const plan = ok(nugetInstaller.plan(request('/work/App/App.csproj', pkg), files({ '/work/App/App.csproj': CSPROJ })));
    assert.deepEqual(
      plan.edits.map((e) => e.uri.path),
      ['/work/App/App.csproj', '/work/App/nuget.config'],
    );
    assert.match(plan.edits[1].after, /%GITHUB_TOKEN%/);
    assert.deepEqual([plan.steps[0].command, ...plan.steps[0].args], ['dotnet', 'restore', 'App.csproj']);
    assert.equal(plan.steps[0].env.GITHUB_TOKEN, TOKEN);
    assert.ok(!JSON.stringify(plan.edits).includes(TOKEN));
  });

  it('puts the version in the nearest Directory.Packages.props when central package management is on', () => {
    const plan = ok(
      nugetInstaller.plan(request('/work/App/App.csproj', pkg), files({ '/work/App/App.csproj': CSPROJ, [props.path]: PROPS })),
    );
    assert.match(plan.edits[0].after, /<PackageReference Include="Mona\.Lib" \/>/);
    assert.equal(plan.edits[1].uri.path, props.path);
    assert.equal(
      plan.edits[1].after,
      PROPS.replace('13.0.3" />\n', '13.0.3" />\n    <PackageVersion Include="Mona.Lib" Version="1.0.1" />\n'),
    );
  });

  it('falls back to the nuget CLI without dotnet, and names the tools when neither is on PATH', () => {
    const current = files({ '/work/App/App.csproj': CSPROJ });
    const cli = ok(nugetInstaller.plan(request('/work/App/App.csproj', pkg, ['dotnet']), current));
    assert.deepEqual(
      [cli.steps[0].command, ...cli.steps[0].args],
      [
        'nuget',
        'install',
        'Mona.Lib',
        '-Version',
        '1.0.1',
        '-Source',
        'github',
        '-ConfigFile',
        'nuget.config',
        '-OutputDirectory',
        'packages',
        '-NonInteractive',
      ],
    );
    const none = ok(nugetInstaller.plan(request('/work/App/App.csproj', pkg, ['dotnet', 'nuget']), current));
    assert.deepEqual(none.steps, []);
    assert.match(none.missingTool!.name, /dotnet.*nuget/);
    assert.equal(none.edits.length, 2, 'the edits are still made');
  });

  it('refuses hostile package ids and a malformed Directory.Packages.props before any edit', () => {
    for (const name of HOSTILE)
      err(nugetInstaller.plan(request('/work/App/App.csproj', { ...pkg, name }), files({ '/work/App/App.csproj': CSPROJ })));
    const central = CSPROJ.replace(
      '</PropertyGroup>',
      '  <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>',
    );
    err(
      nugetInstaller.plan(
        request('/work/App/App.csproj', pkg),
        files({ '/work/App/App.csproj': central, [props.path]: '<Project><ItemGroup>' }),
      ),
      'malformed',
    );
  });
});
