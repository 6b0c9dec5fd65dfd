import { gzipSync } from 'node:zlib';
import { writeZip } from './archives';
import type { Nuspec } from './nuget-registry';
import type { GemSpec } from './rubygems-registry';
import type { PackageRecord, VersionRecord } from './state';
import { tar } from './tarball';

/** Package files for seeded NuGet and RubyGems versions, made on first request, so what the REST API lists installs. */

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A .gem laid out as `gem build` writes it (metadata.gz, data.tar.gz); returns whether `v` now has one. */
export function ensureSeededGem(pkg: PackageRecord, v: VersionRecord): boolean {
  if (v.files) return [...v.files.keys()].some((f) => f.endsWith('.gem'));
  const summary = v.description ?? `${pkg.name} (local seed)`;
  const spec: GemSpec = {
    name: pkg.name,
    version: v.name,
    platform: 'ruby',
    summary,
    authors: [pkg.owner],
    dependencies: [],
    metadata: {},
  };
  if (pkg.repository) spec.metadata!.github_repo = `https://github.com/${pkg.repository}`;
  const yaml = [
    '--- !ruby/object:Gem::Specification',
    `name: ${spec.name}`,
    'version: !ruby/object:Gem::Version',
    `  version: ${spec.version}`,
    'platform: ruby',
    'authors:',
    `- ${pkg.owner}`,
    'dependencies: []',
    `files:`,
    `- lib/${spec.name}.rb`,
    'require_paths:',
    '- lib',
    ...(pkg.repository ? ['metadata:', `  github_repo: ${spec.metadata!.github_repo}`] : ['metadata: {}']),
    `summary: ${JSON.stringify(spec.summary)}`,
    'specification_version: 4',
    'rubygems_version: 3.3.15',
    '',
  ].join('\n');
  const data = gzipSync(tar({ [`lib/${spec.name}.rb`]: `# ${spec.name} ${spec.version} (local seed)\n` }));
  v.files = new Map([[`${spec.name}-${spec.version}.gem`, tar({ 'metadata.gz': gzipSync(yaml), 'data.tar.gz': data })]]);
  v.published = spec;
  return true;
}

/** A .nupkg with its .nuspec and a content file; returns whether `v` now has one. */
export function ensureSeededNupkg(pkg: PackageRecord, v: VersionRecord): boolean {
  if (v.files) return [...v.files.keys()].some((f) => f.endsWith('.nupkg'));
  const spec: Nuspec = { id: pkg.name, version: v.name, description: v.description ?? `${pkg.name} (local seed)`, dependencies: [] };
  if (pkg.repository) spec.repositoryUrl = `https://github.com/${pkg.repository}`;
  const nuspec = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>${escapeXml(spec.id)}</id>
    <version>${escapeXml(spec.version)}</version>
    <authors>${escapeXml(pkg.owner)}</authors>
    <description>${escapeXml(spec.description!)}</description>${spec.repositoryUrl ? `\n    <repository type="git" url="${spec.repositoryUrl}" />` : ''}
  </metadata>
</package>
`;
  const file = writeZip({ [`${spec.id}.nuspec`]: nuspec, 'content/README.txt': `${spec.id} ${spec.version} (local seed)\n` });
  v.files = new Map([[`${pkg.name.toLowerCase()}.${v.name.toLowerCase()}.nupkg`, file]]);
  v.published = spec;
  return true;
}
