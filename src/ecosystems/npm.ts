import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as semver from 'semver';
import { Utils, type URI } from 'vscode-uri';
import type { ConfigPlan, Ecosystem, EcosystemError, ManifestInfo, PackageAddress, ProcessStep, PublishRequest, Snippet } from './types';
import {
  checkName,
  checkOwner,
  checkRegistryUrl,
  eolOf,
  firstProblem,
  invalid,
  malformed,
  normalizeRepositoryUrl,
  registryAuthPrefix,
  shown,
} from './validate';

const NAME = /^[a-z0-9][a-z0-9._~-]{0,213}$/;
const NAME_RULE = "lowercase letters, digits, '.', '_', '~' and '-'";

function checkPackage(pkg: Pick<PackageAddress, 'owner' | 'name' | 'registryUrl'> & { version?: string }): EcosystemError | undefined {
  const problem = firstProblem(
    checkOwner(pkg.owner),
    checkName('npm package name', pkg.name, NAME, NAME_RULE),
    checkRegistryUrl(pkg.registryUrl),
  );
  if (problem) return problem;
  if (pkg.version !== undefined && !semver.valid(pkg.version)) {
    return invalid(`Version ${shown(pkg.version)} is not a semantic version (for example 1.2.3).`);
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

export const npm: Ecosystem = {
  id: 'npm',
  packageType: 'npm',
  displayName: 'npm',

  matches: (fileName) => /(^|[\\/])package\.json$/.test(fileName),

  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError {
    const errors: ParseError[] = [];
    const json: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length > 0) {
      const first = errors[0];
      return malformed(
        path,
        `invalid JSON at ${lineAndColumn(text, first.offset)} (${printParseErrorCode(first.error)}); fix the syntax and try again.`,
      );
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return malformed(path, 'the file must hold a JSON object.');
    const manifest = json as Record<string, unknown>;
    const fullName = manifest.name;
    if (typeof fullName !== 'string' || fullName.trim() === '') {
      return malformed(path, 'add a "name" field such as "@OWNER/my-package"; GitHub Packages needs a scoped name.');
    }
    const scoped = /^@([^/]+)\/(.+)$/.exec(fullName);
    if (!scoped) {
      return malformed(
        path,
        `the name ${shown(fullName)} has no scope; GitHub Packages needs "@OWNER/${fullName}", where OWNER is the user or organization that publishes it.`,
      );
    }
    const [, scope, name] = scoped;
    if (scope !== scope.toLowerCase()) {
      return malformed(
        path,
        `the scope "@${scope}" has uppercase letters; npm scopes are lowercase: use "@${scope.toLowerCase()}/${name}".`,
      );
    }
    const nameProblem = checkOwner(scope) ?? checkName('The name', name, NAME, NAME_RULE);
    if (nameProblem) return malformed(path, nameProblem);
    const version = typeof manifest.version === 'string' ? manifest.version : undefined;
    if (version !== undefined && !semver.valid(version)) {
      return malformed(path, `the version ${shown(version)} is not a semantic version; use a version such as "1.0.0".`);
    }
    const repository = manifest.repository;
    const rawRepository =
      typeof repository === 'string'
        ? repository
        : typeof repository === 'object' && repository !== null && typeof (repository as { url?: unknown }).url === 'string'
          ? (repository as { url: string }).url
          : undefined;
    const publishConfig = manifest.publishConfig as { registry?: unknown } | undefined;
    const info: ManifestInfo = { name, owner: scope };
    if (version) info.version = version;
    const repositoryUrl = rawRepository ? normalizeRepositoryUrl(rawRepository) : undefined;
    if (repositoryUrl) info.repositoryUrl = repositoryUrl;
    if (typeof publishConfig?.registry === 'string') info.registryUrl = publishConfig.registry;
    return info;
  },

  installSnippet(pkg: PackageAddress): Snippet | EcosystemError {
    const problem = checkPackage(pkg);
    if (problem) return problem;
    const spec = `@${pkg.owner.toLowerCase()}/${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
    return { language: 'shellscript', text: `npm install ${spec}` };
  },

  configFiles: (location) => [npmrcOf(location.manifest)],

  configEdits(pkg, location, current): ConfigPlan | EcosystemError {
    const problem = firstProblem(checkOwner(pkg.owner), checkRegistryUrl(pkg.registryUrl));
    if (problem) return problem;
    const uri = npmrcOf(location.manifest);
    const before = current.get(uri.toString());
    const after = mergeNpmrc(before ?? '', pkg.owner, pkg.registryUrl);
    return {
      edits: after === before ? [] : [{ uri, before, after }],
      notes: [
        'Set NODE_AUTH_TOKEN to a token with read:packages (write:packages to publish); npm reads it from the environment, so the token is not stored in .npmrc.',
      ],
    };
  },

  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError {
    const problem = checkPackage({
      owner: request.owner,
      name: request.info.name,
      registryUrl: request.registryUrl,
      version: request.info.version,
    });
    if (problem) return problem;
    if (request.info.owner && request.info.owner.toLowerCase() !== request.owner.toLowerCase()) {
      return invalid(
        `package.json is scoped to "@${request.info.owner}" but you are publishing to ${shown(request.owner)}; rename the package to "@${request.owner.toLowerCase()}/${request.info.name}".`,
      );
    }
    return [
      {
        title: `Publishing @${request.owner.toLowerCase()}/${request.info.name}`,
        command: request.executable ?? 'npm',
        // The .npmrc from configEdits maps the registry's auth to ${NODE_AUTH_TOKEN}.
        args: ['publish', `--registry=${request.registryUrl}`],
        env: { NODE_AUTH_TOKEN: request.token },
        cwd: Utils.dirname(request.manifest),
      },
    ];
  },
};

function npmrcOf(manifest: URI): URI {
  return Utils.joinPath(Utils.dirname(manifest), '.npmrc');
}

/**
 * Adds or replaces the scope registry and the auth line for the registry host, keeping every other line,
 * comment and the file's line endings. An existing auth line for the host is replaced, since it may hold a token.
 */
export function mergeNpmrc(text: string, owner: string, registryUrl: string): string {
  const eol = eolOf(text);
  const scopeKey = `@${owner.toLowerCase()}:registry`;
  const authKey = `${registryAuthPrefix(registryUrl)}:_authToken`;
  const wanted = new Map([
    [scopeKey, registryUrl],
    [authKey, '${NODE_AUTH_TOKEN}'],
  ]);
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const key = /^\s*([^=#;\s][^=]*?)\s*=/.exec(line)?.[1];
    const value = key === undefined ? undefined : wanted.get(key);
    if (key === undefined || value === undefined) {
      out.push(line);
    } else if (!seen.has(key)) {
      seen.add(key);
      out.push(`${key}=${value}`);
    }
  }
  for (const [key, value] of wanted) if (!seen.has(key)) out.push(`${key}=${value}`);
  return out.join(eol) + eol;
}
