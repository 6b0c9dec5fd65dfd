import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { TokenInfo } from '../../auth/tokens';
import { containerRegistryHost } from '../../ecosystems/container';
import {
  authFilePath,
  chooseContainerCli,
  credentialHelperOf,
  credentialStoreText,
  hasLogin,
  loginStep,
  type CliEnvironment,
  type ContainerCli,
} from '../../ecosystems/containerCli';
import { onPath } from '../../ecosystems/onPath';
import { containerRefusalMessage, type RefusalContext } from '../../ecosystems/containerRefusals';
import { userValue } from '../../configuration';
import { requireScope } from '../requireScope';
import { failureSummary, runProcess, type ProcessResult } from '../runProcess';
import type { Services } from '../services';

/**
 * The container CLI the `githubPackages.containerCli` setting picks (read from user settings only: it decides which
 * program receives the token), or a message naming what to install when it is not on PATH.
 */
export function chosenContainerCli(): { cli: ContainerCli; missing?: string } {
  return chooseContainerCli(userValue<string>('githubPackages', 'containerCli'), (command) => onPath(command));
}

export function cliEnvironment(): CliEnvironment {
  return { home: homedir(), env: process.env, platform: process.platform, uid: process.getuid?.() };
}

/** The file where the CLI lists its logins, as text; undefined when there is none yet. */
export function readAuthFile(cli: ContainerCli): Promise<string | undefined> {
  return readFile(authFilePath(cli, cliEnvironment()), 'utf8').catch(() => undefined);
}

/** The container registry host of the configured GitHub host: ghcr.io, containers.HOST, or the stand-in's host:port. */
export function containerHost(services: Services): string | undefined {
  return containerRegistryHost(services.host(), services.registryOptions());
}

/** Where the CLI now keeps the token, in a sentence. */
export async function whereStored(cli: ContainerCli, host: string): Promise<string> {
  return credentialStoreText(cli, host, cliEnvironment(), await readAuthFile(cli));
}

/**
 * What the CLI already holds for `host`: a login in its auth file, or (docker) a credential helper that keeps logins.
 * Either way a login made for one pull or push is not undone afterwards.
 */
export async function existingLogin(cli: ContainerCli, host: string): Promise<{ credentialHelper: boolean; loggedIn: boolean }> {
  const authFile = await readAuthFile(cli);
  return { credentialHelper: cli === 'docker' && credentialHelperOf(authFile, host) !== undefined, loggedIn: hasLogin(authFile, host) };
}

/** `CLI login HOST --username USER --password-stdin` with the token on standard input only; output to the channel. */
export function runLogin(
  services: Services,
  cli: ContainerCli,
  host: string,
  token: TokenInfo,
  cancellation: vscode.CancellationToken,
): Promise<ProcessResult> {
  // ghcr.io checks the token, not the name; the login is still the right one to give when it is known.
  const username = services.registry.viewer?.login ?? token.account ?? 'github';
  const step = loginStep(cli, host, username, token.token);
  services.output.info(`${step.command} ${step.args.join(' ')} (token on standard input)`);
  return runProcess({ ...step, env: {}, cwd: homedir() }, [token.token], services.output, cancellation);
}

/** Why a CLI run failed, as GitHub's rule it broke and what to do, else the CLI's own lines. */
export function cliFailureText(result: ProcessResult, context: RefusalContext): string {
  if (result.error && !result.cancelled) {
    const missing = chooseContainerCli(context.cli, () => false).missing;
    return missing ?? result.error;
  }
  return (!result.cancelled && containerRefusalMessage(result.stderr, context)) || failureSummary(result);
}

/** The organizations the signed-in user belongs to, as the tree lists them; undefined before the listing arrived. */
export function viewerOrganizations(services: Services): string[] | undefined {
  const owners = services.model.owners();
  if (!owners.length) return undefined;
  return owners.filter((o) => o.owner.source === 'membership').map((o) => o.owner.login);
}

export function showFailure(services: Services, message: string): void {
  const show = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(message, show).then((choice) => choice && services.output.show());
}

/** Why a publish step (login, build, push) failed, with GitHub's push refusals spelled out. */
export function containerStepFailure(
  services: Services,
  step: { command: string; args: string[] },
  result: ProcessResult,
  target: { owner: string; name: string },
): string {
  const action = step.args[0] === 'push' ? 'push' : step.args[0] === 'login' ? 'login' : undefined;
  const cli: ContainerCli = step.command === 'podman' ? 'podman' : 'docker';
  const host = containerHost(services);
  if (!host || (!action && !result.error)) return failureSummary(result);
  const listing = services.registry.getOwner(target.owner);
  const pkg = listing?.packages?.find((p) => p.packageType === 'container' && p.name === target.name);
  return cliFailureText(result, {
    cli,
    host,
    action: action ?? 'push',
    image: step.args.at(-1),
    owner: target.owner,
    name: target.name,
    viewer: services.registry.viewer?.login,
    organizations: viewerOrganizations(services),
    linkedRepository: pkg ? (pkg.repository?.fullName ?? null) : undefined,
  });
}

/**
 * Signs the chosen CLI in to the registry with a token good for `tier`, with progress; says what went wrong and returns
 * undefined when it could not (no CLI, no token, refused, cancelled).
 */
export async function signInContainerCli(
  services: Services,
  tier: 'browse' | 'write',
): Promise<{ cli: ContainerCli; host: string; token: TokenInfo } | undefined> {
  const { cli, missing } = chosenContainerCli();
  if (missing) {
    void vscode.window.showErrorMessage(missing);
    return undefined;
  }
  const host = containerHost(services);
  if (!host) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The container registry in githubPackages.registryUrls is not a host name such as ghcr.io; fix the setting first.'),
    );
    return undefined;
  }
  const token = await requireScope(services, tier, vscode.l10n.t('sign {0} in to {1}', cli, host));
  if (!token) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing {0} in to {1}…', cli, host), cancellable: true },
    (_progress, cancellation) => runLogin(services, cli, host, token, cancellation),
  );
  if (result.code === 0) return { cli, host, token };
  if (!result.cancelled)
    showFailure(
      services,
      vscode.l10n.t('{0} could not sign in to {1}: {2}', cli, host, cliFailureText(result, { cli, host, action: 'login' })),
    );
  return undefined;
}
