import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies } from '../../../../src/ecosystems/dependencies';
import { DOTCOM, seen } from './helpers';

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Mona.Utils" Version="1.0.0" />
    <PackageReference Include='Newtonsoft.Json'>
      <Version>13.0.3</Version>
    </PackageReference>
  </ItemGroup>
</Project>`;

const PROPS = `<Project>
  <ItemGroup>
    <PackageVersion Include="Mona.Utils" Version="[1.0,2.0)" />
  </ItemGroup>
</Project>`;

const NUGET_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="github" value="https://nuget.pkg.github.com/mona/index.json" />
  </packageSources>
</configuration>`;

describe('*.csproj and Directory.Packages.props dependencies', () => {
  it('finds package references with the version as an attribute or a child element', () => {
    assert.deepEqual(seen(CSPROJ, parseDependencies('App.csproj', CSPROJ)), [
      { name: 'Mona.Utils', atName: 'Mona.Utils', version: '1.0.0', atVersion: '1.0.0' },
      { name: 'Newtonsoft.Json', atName: 'Newtonsoft.Json', version: '13.0.3', atVersion: '13.0.3' },
    ]);
  });

  it('reads central package versions', () => {
    assert.deepEqual(seen(PROPS, parseDependencies('Directory.Packages.props', PROPS)), [
      { name: 'Mona.Utils', atName: 'Mona.Utils', version: '[1.0,2.0)', atVersion: '[1.0,2.0)' },
    ]);
  });

  it('maps to the owner of a GitHub source in nuget.config, and to nothing without one', () => {
    const hosted = parseDependencies('App.csproj', CSPROJ, { nugetConfigs: ['<configuration/>', NUGET_CONFIG] }).map((d) =>
      hostedOnGitHub(d, DOTCOM),
    );
    assert.deepEqual(
      hosted.map((h) => h && [h.owners, h.packageName, h.mapped]),
      [
        [['mona'], 'Mona.Utils', true],
        [['mona'], 'Newtonsoft.Json', true],
      ],
    );
    assert.deepEqual(
      parseDependencies('App.csproj', CSPROJ).map((d) => hostedOnGitHub(d, DOTCOM)),
      [undefined, undefined],
    );
  });

  it('gives no dependencies for a project that does not parse', () => {
    assert.deepEqual(parseDependencies('App.csproj', '<Project><ItemGroup>'), []);
  });
});
