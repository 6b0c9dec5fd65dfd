import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Whether `command` is an executable file in one of PATH's folders (with PATHEXT's endings on Windows), without
 * starting anything: the package managers for Install and Publish, and docker or podman.
 */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  const windows = platform === 'win32';
  const endings = windows ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  return (env.PATH ?? env.Path ?? '')
    .split(windows ? ';' : delimiter)
    .filter(Boolean)
    .some((dir) => endings.some((ending) => isExecutableFile(join(dir, command + ending), windows)));
}

function isExecutableFile(path: string, windows: boolean): boolean {
  try {
    // Windows has no execute bit (X_OK means F_OK there): the ending says what runs.
    accessSync(path, windows ? constants.F_OK : constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
