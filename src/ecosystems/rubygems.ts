import { Utils, type URI } from 'vscode-uri';
import type { ConfigPlan, Ecosystem, EcosystemError, ManifestInfo, PackageAddress, ProcessStep, PublishRequest, Snippet } from './types';
import { checkName, checkOwner, checkRegistryUrl, checkVersion, eolOf, firstProblem, malformed, withRepository } from './validate';

/** Gemspecs are Ruby; this reads the literal assignments people write (`spec.name = "x"`) and leaves computed values alone. */

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NAME_RULE = "letters, digits, '.', '_' and '-'";

function literal(text: string, attribute: string): string | undefined {
  return new RegExp(`^\\s*\\w+\\.${attribute}\\s*=\\s*["']([^"'#\\n]*)["']`, 'm').exec(text)?.[1];
}

export function checkRubyGemsAddress(pkg: PackageAddress): EcosystemError | undefined {
  return firstProblem(
    checkOwner(pkg.owner),
    checkName('Gem name', pkg.name, NAME, NAME_RULE),
    checkRegistryUrl(pkg.registryUrl),
    pkg.version === undefined ? undefined : checkVersion(pkg.version),
  );
}

/** Bundler's environment variable for a source host's credentials (`rubygems.pkg.github.com` → `BUNDLE_RUBYGEMS__PKG__GITHUB__COM`). */
export function bundlerCredentialVariable(registryUrl: string): string {
  const host = new URL(registryUrl).hostname;
  return `BUNDLE_${host.toUpperCase().replace(/-/g, '___').replace(/\./g, '__')}`;
}

export const rubygems: Ecosystem = {
  id: 'rubygems',
  packageType: 'rubygems',
  displayName: 'RubyGems',

  matches: (fileName) => /\.gemspec$/.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    if (!/Gem::Specification\.new/.test(text))
      return malformed(path, 'no Gem::Specification.new block found; a gemspec starts with Gem::Specification.new do |spec|.');
    const name = literal(text, 'name');
    if (!name) return malformed(path, 'set spec.name = "my_gem" (a literal string) so the gem can be named.');
    const problem = checkName('The gem name', name, NAME, NAME_RULE);
    if (problem) return malformed(path, problem);
    const info: ManifestInfo = { name };
    const version = literal(text, 'version');
    if (version) info.version = version;
    const github = /metadata\[\s*["']github_repo["']\s*\]\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    return withRepository(info, github ?? literal(text, 'homepage'));
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const problem = checkRubyGemsAddress(pkg);
    if (problem) return problem;
    const version = pkg.version ? ` --version ${pkg.version}` : '';
    return { language: 'shellscript', text: `gem install ${pkg.name}${version} --source ${pkg.registryUrl}` };
  },

  configFiles: (location) => [gemfileOf(location.manifest)],

  configEdits(pkg, location, current): ConfigPlan | EcosystemError {
    const problem = checkRubyGemsAddress(pkg);
    if (problem) return problem;
    const uri = gemfileOf(location.manifest);
    const before = current.get(uri.toString());
    const text = before ?? 'source "https://rubygems.org"\n';
    const eol = eolOf(text);
    const gemLine = `gem "${pkg.name}"${pkg.version ? `, "${pkg.version}"` : ''}`;
    const notes = [
      `Set ${bundlerCredentialVariable(pkg.registryUrl)}=USERNAME:TOKEN in the environment (a token with read:packages); Bundler reads it, so the Gemfile holds no secret.`,
    ];
    const escaped = pkg.registryUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const block = new RegExp(
      `^([ \\t]*)source\\s*\\(?\\s*["']${escaped}/?["']\\s*\\)?\\s*do[ \\t]*\\r?\\n([\\s\\S]*?)^[ \\t]*end\\b`,
      'm',
    ).exec(text);
    let after: string;
    if (block) {
      if (new RegExp(`^\\s*gem\\s*\\(?\\s*["']${pkg.name.replace(/\./g, '\\.')}["']`, 'm').test(block[2])) return { edits: [], notes };
      const insertAt = block.index + block[0].length - block[0].split(/\r?\n/).pop()!.length;
      const indent = /^([ \t]+)\S/m.exec(block[2])?.[1] ?? `${block[1]}  `;
      after = `${text.slice(0, insertAt)}${indent}${gemLine}${eol}${text.slice(insertAt)}`;
    } else {
      const separator = text === '' || text.endsWith('\n') ? '' : eol;
      after = `${text}${separator}${eol}source "${pkg.registryUrl}" do${eol}  ${gemLine}${eol}end${eol}`;
    }
    return { edits: [{ uri, before, after }], notes };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const problem = checkRubyGemsAddress({ owner: request.owner, name: request.info.name, registryUrl: request.registryUrl });
    if (problem) return problem;
    const cwd = Utils.dirname(request.manifest);
    const gem = request.executable ?? 'gem';
    // A fixed output name lets the push step name the file even when the gemspec computes its version.
    const built = `${request.info.name}.gem`;
    return [
      {
        title: `Building ${request.info.name}`,
        command: gem,
        args: ['build', Utils.basename(request.manifest), '--output', built],
        env: {},
        cwd,
      },
      // RubyGems prefers GEM_HOST_API_KEY over ~/.gem/credentials, so no credentials file is written.
      {
        title: `Pushing ${request.info.name}`,
        command: gem,
        args: ['push', '--host', request.registryUrl, built],
        env: { GEM_HOST_API_KEY: `Bearer ${request.token}` },
        cwd,
      },
    ];
  },
};

function gemfileOf(manifest: URI): URI {
  return Utils.joinPath(Utils.dirname(manifest), 'Gemfile');
}
