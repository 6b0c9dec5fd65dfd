import type { DependencyParser, ManifestDependency } from './types';
import { baseName } from './types';

/** `HOST/PATH[:TAG][@sha256:HEX]` with an explicit registry host (one with a dot or a port, or localhost). */
const IMAGE =
  /^((?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?|localhost(?::\d+)?|[a-z0-9.-]+:\d+)\/([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/i;

/** Reads one image reference at `offset`; undefined when it names no registry host or holds a variable. */
export function imageAt(reference: string, offset: number): ManifestDependency | undefined {
  const match = IMAGE.exec(reference);
  if (!match) return undefined;
  const [, host, path, tag, digest] = match;
  const name = `${host}/${path}`;
  const dependency: ManifestDependency = {
    ecosystem: 'container',
    name,
    nameSpan: { start: offset, end: offset + name.length },
    version: tag ?? '',
    sources: [host.toLowerCase()],
  };
  if (tag) dependency.versionSpan = { start: offset + name.length + 1, end: offset + name.length + 1 + tag.length };
  if (digest) {
    const start = offset + reference.length - digest.length;
    dependency.digest = digest;
    dependency.digestSpan = { start, end: start + digest.length };
  }
  return dependency;
}

function scanLines(text: string, pattern: RegExp): ManifestDependency[] {
  const found: ManifestDependency[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    const at = match?.indices?.groups?.ref;
    if (match?.groups?.ref && at) {
      const image = imageAt(match.groups.ref, offset + at[0]);
      if (image) found.push(image);
    }
    offset += line.length + 1;
  }
  return found;
}

/** Dockerfile, Containerfile, `*.Dockerfile`, `Dockerfile.*`: the images of `FROM` lines. */
export const dockerfileImages: DependencyParser = {
  matches: (fileName) => /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i.test(baseName(fileName)),
  parse: (text) => scanLines(text, /^\s*FROM\s+(?:--\S+\s+)*(?<ref>[^\s$]+)(?=\s|$)/di),
};

/** Compose files and GitHub Actions workflows: `image:`, `container:` and `uses: docker://` values. */
export const yamlImages: DependencyParser = {
  matches: (fileName) =>
    /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(baseName(fileName)) ||
    /(^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/.test(fileName),
  parse: (text) =>
    scanLines(text, /^\s*(?:-\s+)?(?:image|container|uses)\s*:\s*(?<open>["']?)(?:docker:\/\/)?(?<ref>[^\s"'#$]+)\k<open>\s*(?:#.*)?$/d),
};
