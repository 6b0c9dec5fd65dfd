import type { URI } from 'vscode-uri';
import type { ConfigEdit, EcosystemError, EcosystemId, PackageAddress, ProcessStep, ProjectLocation } from '../types';

/** A package version to add to a project; the token only ever reaches a process through `env` or `stdin`. */
export interface InstallRequest {
  pkg: PackageAddress & { version: string };
  /** `manifest` is the project file the dependency goes into (pom.xml, build.gradle, *.csproj, Gemfile, package.json). */
  location: ProjectLocation;
  token: string;
  /** The GitHub login that owns the token (Maven/Gradle/NuGet username, Bundler's USER part). */
  username: string;
  /** Whether a command is on PATH; asked, not assumed, so the plan can name the tool that is missing. */
  onPath(command: string): boolean;
}

/** A client the resolve needs, and how a person gets it. */
export interface InstallTool {
  name: string;
  howToGet: string;
}

/** Everything an install does: the edits (shown first), then the resolve. */
export interface InstallPlan {
  /** The dependency as its ecosystem writes it (`com.mona:greeter:1.0.0`, `@mona/hello@1.0.0`). */
  spec: string;
  edits: ConfigEdit[];
  notes: string[];
  /** The resolve; empty when its client is not on PATH (then `missingTool` names it). */
  steps: ProcessStep[];
  tool: InstallTool;
  /** Set when no client was found on PATH: the edits are still made. */
  missingTool?: InstallTool;
  /** Output that means the resolve failed although the client exited 0 (`gradle dependencies` marks it FAILED). */
  failedIn?: RegExp;
}

/** One ecosystem's "Install into Project". Adding an ecosystem is adding one of these. */
export interface Installer {
  readonly id: EcosystemId;
  /** A glob of the project files a package installs into, for a workspace search. */
  readonly projectGlob: string;
  /** Whether a file (base name or path) is a project file this installer edits. */
  matches(fileName: string): boolean;
  /** The files `plan` reads (the project file among them); the caller reads them (absent ones as undefined). */
  files(location: ProjectLocation): URI[];
  plan(request: InstallRequest, current: ReadonlyMap<string, string | undefined>): InstallPlan | EcosystemError;
}

/** Replaces `[start, end)` of `text`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
