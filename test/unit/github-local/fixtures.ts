import { gzipSync } from 'node:zlib';

/** Package files built in memory, for the registry fidelity tests (the real-client tests build theirs with the client). */

/** An uncompressed ustar archive of regular files. */
export function tar(files: Record<string, Buffer | string>): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512, 0);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 8, 'ascii');
    header.write('0000000\0', 108, 8, 'ascii');
    header.write('0000000\0', 116, 8, 'ascii');
    header.write(body.length.toString(8).padStart(11, '0') + '\0', 124, 12, 'ascii');
    header.write('00000000000\0', 136, 12, 'ascii');
    header.write('        ', 148, 8, 'ascii');
    header.write('0', 156, 1, 'ascii');
    header.write('ustar\0', 257, 6, 'ascii');
    header.write('00', 263, 2, 'ascii');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
    chunks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
  }
  chunks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(chunks);
}

/** A zip of stored (uncompressed) entries; CRCs are left 0, which the stand-in does not check. */
export function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4);
    local.writeUInt32LE(body.length, 18); local.writeUInt32LE(body.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(body.length, 20); entry.writeUInt32LE(body.length, 24); entry.writeUInt16LE(nameBytes.length, 28); entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A .gem as `gem build` lays it out, with the gemspec YAML fields the registry reads. */
export function gem(name: string, version: string, opts: { githubRepo?: string; dependency?: [string, string, string] } = {}): Buffer {
  const dep = opts.dependency;
  const yaml = [
    '--- !ruby/object:Gem::Specification', `name: ${name}`, 'version: !ruby/object:Gem::Version', `  version: ${version}`, 'platform: ruby',
    'authors:', '- Mona',
    ...(dep ? ['dependencies:', '- !ruby/object:Gem::Dependency', `  name: ${dep[0]}`, '  requirement: !ruby/object:Gem::Requirement', '    requirements:',
      `    - - "${dep[1]}"`, '      - !ruby/object:Gem::Version', `        version: '${dep[2]}'`, '  type: :runtime', '  prerelease: false'] : ['dependencies: []']),
    ...(opts.githubRepo ? ['metadata:', `  github_repo: ${opts.githubRepo}`] : ['metadata: {}']),
    'summary: A test gem', '',
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
  const head = Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Disposition: form-data; name=package; filename=package.nupkg\r\n\r\n`);
  return { body: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary="${boundary}"` };
}
