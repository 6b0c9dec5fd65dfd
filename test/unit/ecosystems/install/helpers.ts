import { URI } from 'vscode-uri';
import type { InstallRequest } from '../../../../src/ecosystems/install';
import { TOKEN, home } from '../helpers';

/** An install request for `manifestPath` with every client on PATH unless `missing` names it. */
export function request(manifestPath: string, pkg: InstallRequest['pkg'], missing: string[] = []): InstallRequest {
  return {
    pkg,
    location: { manifest: URI.file(manifestPath), home },
    token: TOKEN,
    username: 'octo',
    onPath: (command) => !missing.includes(command),
  };
}
