/** Messages between the package settings webview and the extension host, declared once for both sides. */

export interface PackageDetails {
  owner: string;
  ownerKind: 'viewer' | 'user' | 'org';
  name: string;
  typeLabel: string;
  visibility: 'public' | 'private' | 'internal';
  /** Visibility follows the linked repository (Maven/Gradle; npm, NuGet, RubyGems on GHES). */
  repositoryScoped: boolean;
  htmlUrl: string;
  repository?: { fullName: string; htmlUrl: string };
  versionCount: number;
  createdAt: string;
  updatedAt: string;
  installSnippet?: string;
  /** Newest first; undefined while loading. */
  versions?: { id: number; name: string; tags: string[]; published: string }[];
  versionsError?: string;
  /** The package is gone from the listing (deleted). */
  gone?: boolean;
}

export type WebviewAction = 'openOnGitHub' | 'copyInstallCommand' | 'setVisibility' | 'deletePackage' | 'refresh';

export type HostMessage = { type: 'details'; details: PackageDetails };

export type WebviewMessage = { type: 'ready' } | { type: 'action'; action: WebviewAction };
