import type { URI } from 'vscode-uri';
import type { EcosystemId, PackageType } from '../github/types';

export type { EcosystemId } from '../github/types';

/** A problem with the user's input or files, returned as a value (never thrown) with a message they can act on. */
export interface EcosystemError {
  kind: 'malformed' | 'invalid-input';
  message: string;
}

/** What a manifest says about the package it builds. */
export interface ManifestInfo {
  /** The package name as GitHub lists it (npm: without scope; Maven/Gradle: `groupId.artifactId`). */
  name: string;
  version?: string;
  /** The GitHub owner the manifest points at (npm scope, repository URL owner, registry URL owner). */
  owner?: string;
  /** The linked source repository, as an https URL when it can be normalised. */
  repositoryUrl?: string;
  /** A registry URL already configured in the manifest (npm `publishConfig.registry`, pom `distributionManagement`). */
  registryUrl?: string;
  /** Maven/Gradle coordinates, known exactly from the manifest. */
  maven?: MavenCoordinates;
}

export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
}

/** Where a package lives in its registry, as install snippets and config edits need it. */
export interface PackageAddress {
  /** GitHub owner login (user or organization). */
  owner: string;
  /** The package name as GitHub lists it (npm without scope; Maven `groupId.artifactId`; container may hold `/`). */
  name: string;
  /** A version, a container tag, or a container digest `sha256:…`. */
  version?: string;
  /** This ecosystem's registry URL for the host (from src/github/hosts.ts), e.g. `https://npm.pkg.github.com`. */
  registryUrl: string;
  /** Exact Maven coordinates when known; otherwise `name` is split at its last dot. */
  maven?: MavenCoordinates;
}

/** Text to show or copy: a command line or a manifest fragment. */
export interface Snippet {
  /** VS Code language id of `text`, for highlighting (`shellscript`, `xml`, `kotlin`, `ruby`). */
  language: string;
  text: string;
}

/** Where configuration lives: the manifest being configured and the user's home folder. */
export interface ProjectLocation {
  /** The manifest file (package.json, pom.xml, build.gradle.kts, *.csproj, *.gemspec, Dockerfile). */
  manifest: URI;
  /** The user's home folder, for per-user files such as `~/.m2/settings.xml`. */
  home: URI;
}

/** The new full text of one file; `before` is undefined when the file is to be created. */
export interface ConfigEdit {
  uri: URI;
  before?: string;
  after: string;
}

/** The result of configuring a project: file edits plus what the user must still do by hand. */
export interface ConfigPlan {
  edits: ConfigEdit[];
  /** Steps the extension will not do for the user, such as exporting GITHUB_TOKEN. */
  notes: string[];
}

/** What a publish needs; the token only ever reaches a process through `env` or `stdin`. */
export interface PublishRequest extends ProjectLocation {
  owner: string;
  registryUrl: string;
  token: string;
  /** The GitHub login that owns the token (Maven/Gradle username, docker login). */
  username: string;
  /** The parsed manifest of `manifest`. */
  info: ManifestInfo;
  /** The executable to run instead of the default, e.g. `./gradlew`. */
  executable?: string;
  /** Docker: a credential helper keeps registry logins (else the login is undone after the push). */
  credentialHelper?: boolean;
  /** Containers: the CLI was signed in to the registry before, so the login is left in place after the push. */
  keepLogin?: boolean;
}

/** One process to run: never a shell string, the token never in `args`. */
export interface ProcessStep {
  /** What the step does, for progress messages. */
  title: string;
  command: string;
  args: string[];
  /** Extra environment variables (merged over the caller's environment). */
  env: Record<string, string>;
  /** Text written to the process's standard input (docker login's password). */
  stdin?: string;
  cwd: URI;
  /** Runs even when an earlier step failed or was cancelled: it undoes something an earlier step did (a login). */
  always?: boolean;
}

/** Everything the extension knows about one ecosystem. Adding an ecosystem is adding one of these. */
export interface Ecosystem {
  /** Stable id, also the key of the `githubPackages.registryUrls` setting. */
  readonly id: EcosystemId;
  /** GitHub's `package_type` for packages of this ecosystem. */
  readonly packageType: PackageType;
  /** Name shown to people. */
  readonly displayName: string;
  /** Whether a file name (base name or path) is a manifest this ecosystem owns. */
  matches(fileName: string): boolean;
  /** Reads a manifest; bad input gives an error value naming the file and what to fix. */
  parseManifest(text: string, path: URI): ManifestInfo | EcosystemError;
  /** The command line or manifest lines that install or consume a package. */
  installSnippet(pkg: PackageAddress): Snippet | EcosystemError;
  /** The files `configEdits` reads and may change; the caller reads them (absent files as undefined). */
  configFiles(location: ProjectLocation): URI[];
  /** Edits pointing the project at GitHub's registry with an environment reference, never a token; `current` is keyed by `uri.toString()`. */
  configEdits(
    pkg: PackageAddress,
    location: ProjectLocation,
    current: ReadonlyMap<string, string | undefined>,
  ): ConfigPlan | EcosystemError;
  /** The processes that publish the project's package, in order. */
  publishCommand(request: PublishRequest): ProcessStep[] | EcosystemError;
}

export function isEcosystemError(value: unknown): value is EcosystemError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    'message' in value &&
    ((value as EcosystemError).kind === 'malformed' || (value as EcosystemError).kind === 'invalid-input')
  );
}
