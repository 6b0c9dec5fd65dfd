/** Messages between the package settings webview and the extension host, declared once for both sides. */
import type { PackageType } from '../github/types';

export interface PackageDetails {
  owner: string;
  ownerKind: 'viewer' | 'user' | 'org';
  name: string;
  packageType: PackageType;
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
  /** Says what the Tags column means where GitHub lists no tags (npm, Maven, NuGet, RubyGems). */
  tagsNote?: string;
  /** The package is gone from the listing (deleted). */
  gone?: boolean;
}

export const WEBVIEW_ACTIONS = ['openOnGitHub', 'copyInstallCommand', 'setVisibility', 'deletePackage', 'refresh'] as const;
export type WebviewAction = (typeof WEBVIEW_ACTIONS)[number];

export type HostMessage = { type: 'details'; details: PackageDetails };

export type WebviewMessage = { type: 'ready' } | { type: 'action'; action: WebviewAction };

/** The extension host trusts nothing the page sends: only these exact shapes are acted on. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; action?: unknown };
  if (message.type === 'ready') return Object.keys(message).length === 1;
  return message.type === 'action' && Object.keys(message).length === 2 && (WEBVIEW_ACTIONS as readonly unknown[]).includes(message.action);
}

/** What the page keeps across a window reload (`vscode.setState`), so VS Code can restore the tab. */
export interface SettingsPageState {
  owner: string;
  ownerKind: 'viewer' | 'user' | 'org';
  packageType: PackageType;
  name: string;
}
