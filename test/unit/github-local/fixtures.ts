import { gzipSync } from 'node:zlib';
import { writeZip as zip } from '../../github-local/archives';
import { tar } from '../../github-local/tarball';

export { tar };

/** Package files built in memory, for the registry fidelity tests (the real-client tests build theirs with the client). */

/** A .gem as `gem build` lays it out, with the gemspec YAML fields the registry reads. */
export function gem(name: string, version: string, opts: { githubRepo?: string; dependency?: [string, string, string] } = {}): Buffer {
  const dep = opts.dependency;
  const yaml = [
    '--- !ruby/object:Gem::Specification',
    `name: ${name}`,
    'version: !ruby/object:Gem::Version',
    `  version: ${version}`,
    'platform: ruby',
    'authors:',
    '- Mona',
    ...(dep
      ? [
          'dependencies:',
          '- !ruby/object:Gem::Dependency',
          `  name: ${dep[0]}`,
          '  requirement: !ruby/object:Gem::Requirement',
          '    requirements:',
          `    - - "${dep[1]}"`,
          '      - !ruby/object:Gem::Version',
          `        version: '${dep[2]}'`,
          '  type: :runtime',
          '  prerelease: false',
        ]
      : ['dependencies: []']),
    ...(opts.githubRepo ? ['metadata:', `  github_repo: ${opts.githubRepo}`] : ['metadata: {}']),
    'summary: A test gem',
    '',
  ].join('\n');
  return tar({ 'metadata.gz': gzipSync(yaml), 'data.tar.gz': gzipSync(tar({ 'lib/x.rb': '' })), 'checksums.yaml.gz': gzipSync('---\n') });
}

/** A .nupkg with its .nuspec. */
export function nupkg(id: string, version: string, opts: { repositoryUrl?: string } = {}): Buffer {
  const repository = opts.repositoryUrl ? `<repository type="git" url="${opts.repositoryUrl}" />` : '';
  return zip({
    [`${id}.nuspec`]: `<?xml version="1.0"?><package><metadata><id>${id}</id><version>${version}</version><authors>mona</authors><description>Test package</description>${repository}</metadata></package>`,
    'content/readme.txt': 'hello',
  });
}

/** multipart/form-data with one file part, as `nuget push` sends it. */
export function multipart(file: Buffer): { body: Buffer; contentType: string } {
  const boundary = 'gplocal-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Disposition: form-data; name=package; filename=package.nupkg\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary="${boundary}"`,
  };
}
