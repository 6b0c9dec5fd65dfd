export const root: string;
export const codeServerEntry: string;
export function ensureCodeServer(): void;
export function freePort(): Promise<number>;
export function installPackagedExtension(options: { extensionsDir: string; userDataDir: string }): string;
export function launchChromium(extraArgs?: string[]): Promise<import('playwright-core').Browser>;
export function prepareUserData(
  userDataDir: string,
  settings?: Record<string, unknown>,
  keybindings?: { key: string; command: string; args?: unknown; when?: string }[],
): void;
export function startCodeServer(options: {
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  env?: Record<string, string>;
  quiet?: boolean;
  password?: string;
}): Promise<{ url: string; port: number; pid: number | undefined; output(): string; stop(): Promise<void> }>;
