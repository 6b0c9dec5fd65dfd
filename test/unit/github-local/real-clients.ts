import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** The real package-manager clients: present here from Debian (or npm); a test without its client skips locally, fails on CI. */

export const run = promisify(execFile);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a client with arguments as an array; a non-zero exit is a result, not a throw. */
export async function client(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<RunResult> {
  try {
    const r = await run(file, args, { ...options, maxBuffer: 16 * 1024 * 1024, timeout: options.timeout ?? 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string; message?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? err.message ?? '' };
  }
}

/** A command on PATH, or (starting with '/') a file a package installs. */
async function found(command: string): Promise<boolean> {
  if (command.startsWith('/')) return existsSync(command);
  return (await client('sh', ['-c', 'command -v "$0"', command])).code === 0;
}

/** Skips the suite when a command is missing, naming the Debian package; under CI (CI=true) a missing client fails instead. */
export async function requireCommands(context: Mocha.Context, commands: Array<[command: string, aptPackage: string]>): Promise<void> {
  const missing: string[] = [];
  for (const [command, pkg] of commands) if (!(await found(command))) missing.push(`${command} (apt-get install ${pkg})`);
  if (!missing.length) return;
  const message = `missing real client: ${missing.join(', ')}`;
  if (process.env.CI === 'true') throw new Error(`${message}; .ci/run installs it`);
  console.log(`      skipped: ${message}`);
  context.skip();
}

/**
 * The path of nuget.exe, run on Mono: version 5.8 ships in the npm package nuget-exe (a devDependency), GP_NUGET_EXE
 * points elsewhere. Skips (or under CI fails) without Mono or nuget.exe.
 */
export async function requireNugetExe(context: Mocha.Context): Promise<string> {
  await requireCommands(context, [['mono', 'mono-complete']]);
  let exe = process.env.GP_NUGET_EXE;
  try {
    exe ??= require.resolve('nuget-exe');
  } catch {
    // not installed
  }
  if (exe && existsSync(exe)) return exe;
  if (process.env.CI === 'true') throw new Error('nuget.exe not found: the devDependency nuget-exe provides it (npm ci)');
  console.log('      skipped: nuget.exe not found (npm install -D nuget-exe@5.8.0, or set GP_NUGET_EXE)');
  context.skip();
}

/** Debian's Maven repository: there is no Maven Central here, so a copy of it is each suite's local repository. */
const DEBIAN_MAVEN_REPO = '/usr/share/maven-repo';

/** Skips (or under CI fails) without mvn, a JDK and the deploy and dependency plugins the suites name by version. */
export async function requireMaven(context: Mocha.Context): Promise<void> {
  await requireCommands(context, [
    ['mvn', 'maven'],
    ['jar', 'openjdk-17-jdk-headless'],
    [`${DEBIAN_MAVEN_REPO}/org/apache/maven/plugins/maven-deploy-plugin/3.0.0`, 'libmaven-deploy-plugin-java'],
    [`${DEBIAN_MAVEN_REPO}/org/apache/maven/plugins/maven-dependency-plugin/3.5.0`, 'libmaven-dependency-plugin-java'],
  ]);
}

/** Copies Debian's Maven repository into `localRepo`, to pass as -Dmaven.repo.local. */
export async function copyDebianMavenRepo(localRepo: string): Promise<void> {
  await run('cp', ['-rL', `${DEBIAN_MAVEN_REPO}/.`, `${localRepo}/`]);
}
