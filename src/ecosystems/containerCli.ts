import { join } from 'node:path';
import { isLoopbackHost } from '../github/safeFetch';

/** The container CLIs the extension drives: both take `login HOST -u USER --password-stdin`, `build`, `push`, `pull`. */
export type ContainerCli = 'docker' | 'podman';
export const CONTAINER_CLIS: readonly ContainerCli[] = ['docker', 'podman'];

/** Where a missing CLI comes from, for the message that names what to install. */
const INSTALL_HINT: Record<ContainerCli, string> = {
  docker: 'Docker (https://docs.docker.com/get-docker/)',
  podman: 'Podman (https://podman.io/docs/installation, or `apt-get install podman`)',
};

/**
 * The CLI the `githubPackages.containerCli` setting picks: `auto` (or anything else) is docker when on PATH, else podman.
 * A CLI that is not on PATH comes back with a message naming what to install.
 */
export function chooseContainerCli(
  setting: string | undefined,
  isOnPath: (command: ContainerCli) => boolean,
): { cli: ContainerCli; missing?: string } {
  if (setting === 'docker' || setting === 'podman') {
    return isOnPath(setting)
      ? { cli: setting }
      : {
          cli: setting,
          missing: `${setting} is not on PATH. Install ${INSTALL_HINT[setting]}, or set githubPackages.containerCli to "auto".`,
        };
  }
  if (isOnPath('docker')) return { cli: 'docker' };
  if (isOnPath('podman')) return { cli: 'podman' };
  return { cli: 'docker', missing: `Neither docker nor podman is on PATH. Install ${INSTALL_HINT.docker} or ${INSTALL_HINT.podman}.` };
}

/** The host part of a registry host name such as `127.0.0.1:5000` or `[::1]:5000`. */
function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/**
 * podman refuses plain HTTP unless told; docker already treats 127.0.0.0/8 as insecure. Only a loopback registry (the
 * local stand-in) gets `--tls-verify=false`, never a real host.
 */
export function tlsArgs(cli: ContainerCli, host: string): string[] {
  return cli === 'podman' && isLoopbackHost(hostname(host)) ? ['--tls-verify=false'] : [];
}

/** `login HOST -u USER --password-stdin`: the token goes to standard input, never into the arguments. */
export function loginStep(
  cli: ContainerCli,
  host: string,
  username: string,
  token: string,
): { command: string; args: string[]; stdin: string } {
  return { command: cli, args: ['login', ...tlsArgs(cli, host), host, '--username', username, '--password-stdin'], stdin: token };
}

export function logoutStep(cli: ContainerCli, host: string): { command: string; args: string[] } {
  return { command: cli, args: ['logout', host] };
}

/** `pull IMAGE[:TAG|@sha256:…]`. */
export function pullStep(cli: ContainerCli, host: string, reference: string): { command: string; args: string[] } {
  return { command: cli, args: ['pull', ...tlsArgs(cli, host), reference] };
}

/** What the extension reads to tell where a CLI keeps logins: the environment, the home folder, the platform. */
export interface CliEnvironment {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  uid?: number;
}

/** docker's config.json (`DOCKER_CONFIG` or `~/.docker`). */
export function dockerConfigPath(where: CliEnvironment): string {
  return join(where.env.DOCKER_CONFIG || join(where.home, '.docker'), 'config.json');
}

/**
 * podman's auth.json (containers-auth.json(5)): `REGISTRY_AUTH_FILE`, else `${XDG_RUNTIME_DIR}/containers/auth.json` on
 * Linux (`/run/containers/UID/auth.json` without XDG_RUNTIME_DIR), `$HOME/.config/containers/auth.json` on Windows and macOS.
 */
export function podmanAuthPath(where: CliEnvironment): string {
  if (where.env.REGISTRY_AUTH_FILE) return where.env.REGISTRY_AUTH_FILE;
  if (where.platform === 'win32' || where.platform === 'darwin') return join(where.home, '.config', 'containers', 'auth.json');
  if (where.env.XDG_RUNTIME_DIR) return join(where.env.XDG_RUNTIME_DIR, 'containers', 'auth.json');
  return join('/run/containers', String(where.uid ?? 0), 'auth.json');
}

/** The file that lists the CLI's logins. */
export function authFilePath(cli: ContainerCli, where: CliEnvironment): string {
  return cli === 'docker' ? dockerConfigPath(where) : podmanAuthPath(where);
}

interface AuthFile {
  auths?: Record<string, unknown>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
}

function parseAuthFile(json: string | undefined): AuthFile {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as AuthFile) : {};
  } catch {
    return {};
  }
}

/** docker's credential helper for `host` (`credHelpers[host]`, else `credsStore`), if any. */
export function credentialHelperOf(configJson: string | undefined, host: string): string | undefined {
  const config = parseAuthFile(configJson);
  const specific = config.credHelpers?.[host];
  if (typeof specific === 'string' && specific) return specific;
  return typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
}

/** Whether the auth file already holds a login for `host` (then the extension leaves it in place after a push or pull). */
export function hasLogin(authJson: string | undefined, host: string): boolean {
  const auths = parseAuthFile(authJson).auths;
  return !!auths && typeof auths === 'object' && Object.prototype.hasOwnProperty.call(auths, host);
}

/** Plainly where the CLI keeps the token after `login` (the auth file's text decides docker's helper), and how to remove it. */
export function credentialStoreText(cli: ContainerCli, host: string, where: CliEnvironment, authJson: string | undefined): string {
  const file = authFilePath(cli, where);
  const helper = cli === 'docker' ? credentialHelperOf(authJson, host) : undefined;
  if (helper)
    return `docker keeps the token in its credential helper docker-credential-${helper} (your system's credential store); \`docker logout ${host}\` removes it.`;
  const encoding = 'base64-encoded, which is not encryption: anyone who can read that file can use the token';
  if (cli === 'docker')
    return `docker keeps the token in ${file}, ${encoding}. \`docker logout ${host}\` removes it; a credential helper (credsStore) keeps it in your system's credential store instead.`;
  // Under XDG_RUNTIME_DIR or /run the file lives in memory and goes at log-out or reboot (podman's default on Linux).
  const transient = !where.env.REGISTRY_AUTH_FILE && where.platform !== 'win32' && where.platform !== 'darwin';
  return `podman keeps the token in ${file}, ${encoding}. \`podman logout ${host}\` removes it${transient ? '; the file is gone after you log out of the system or restart' : ''}.`;
}
