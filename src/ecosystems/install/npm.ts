import { Utils } from 'vscode-uri';
import { npm } from '../npm';
import type { EcosystemError, ProjectLocation } from '../types';
import type { InstallPlan, InstallRequest, Installer } from './types';

const NPM_TOOL = { name: 'npm', howToGet: 'install Node.js from https://nodejs.org (it ships npm)' };

/** package.json: .npmrc points the owner's scope at the registry, then `npm install` adds and installs the package. */
export const npmInstaller: Installer = {
  id: 'npm',
  projectGlob: '**/package.json',
  matches: (fileName) => npm.matches(fileName),
  files: (location: ProjectLocation) => npm.configFiles(location),

  plan(request: InstallRequest, current): InstallPlan | EcosystemError {
    // The snippet's checks are the name and version checks an install needs.
    const snippet = npm.installSnippet(request.pkg);
    if ('kind' in snippet) return snippet;
    const config = npm.configEdits(request.pkg, request.location, current);
    if ('kind' in config) return config;
    const spec = `@${request.pkg.owner.toLowerCase()}/${request.pkg.name}@${request.pkg.version}`;
    const found = request.onPath('npm');
    return {
      spec,
      edits: config.edits,
      notes: [`npm reads the token from NODE_AUTH_TOKEN; .npmrc holds no secret.`],
      tool: NPM_TOOL,
      missingTool: found ? undefined : NPM_TOOL,
      steps: found
        ? [
            {
              title: `Installing ${spec}`,
              command: 'npm',
              args: ['install', spec],
              env: { NODE_AUTH_TOKEN: request.token },
              cwd: Utils.dirname(request.location.manifest),
            },
          ]
        : [],
    };
  },
};
