import type { EcosystemId } from '../types';

/** A stretch of the manifest's text: `start` inclusive, `end` exclusive (UTF-16 offsets, as editors count). */
export interface TextSpan {
  start: number;
  end: number;
}

/** One dependency as the manifest writes it; parsers find these, `hosting.ts` decides whether GitHub hosts them. */
export interface ManifestDependency {
  ecosystem: EcosystemId;
  /** As written: `@mona/hello`, `com.octo:core`, `Mona.Utils`, `mona_gem`, `ghcr.io/mona/app`. */
  name: string;
  nameSpan: TextSpan;
  /** The version, range or container tag as written; empty when none is written. */
  version: string;
  /** Where `version` is; absent when the manifest names no version (an untagged image, a Gradle dependency without one). */
  versionSpan?: TextSpan;
  /** Containers: the `sha256:…` digest after `@`, and where it is. */
  digest?: string;
  digestSpan?: TextSpan;
  /** Registry URLs that serve this dependency per the project's configuration (repositories, sources, `.npmrc`). */
  sources: string[];
}

/** Configuration files read beside the manifest that say which registry serves what. */
export interface CompanionFiles {
  /** `.npmrc` of the project. */
  npmrc?: string;
  /** The `nuget.config` files from the project folder up (NuGet merges them all). */
  nugetConfigs?: string[];
}

export interface DependencyParser {
  /** Whether a file name (base name or path) is a manifest this parser reads. */
  matches(fileName: string): boolean;
  /** Every dependency in the text; malformed text gives none, never a throw. */
  parse(text: string, companions: CompanionFiles): ManifestDependency[];
}

/** The base name of a path written with either separator. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}
