import { Utils, type URI } from 'vscode-uri';
import { rubygemsDependencies } from '../dependencies/rubygems';
import { bundlerCredentialVariable, checkRubyGemsAddress } from '../rubygems';
import type { EcosystemError, ProjectLocation } from '../types';
import { eolOf, malformed } from '../validate';
import { splice, type InstallPlan, type InstallRequest, type Installer } from './types';

const BUNDLER_TOOL = { name: 'Bundler (bundle)', howToGet: 'install Ruby (it ships Bundler), or run gem install bundler' };

/** A line that opens a Ruby block closed by `end` (`… do`, `do |x|`, or a statement-form if/unless/case/begin/def…). */
const OPENS = /(\bdo\s*(\|[^|]*\|)?\s*(#.*)?$)|^\s*(if|unless|case|begin|def|class|module|while|until|for)\b/;
const ENDS = /^\s*end\b/;

/**
 * A Gemfile with gem `name` at `version`: a gem already declared anywhere gets the new version; otherwise it is added
 * to the `source "<registryUrl>" do … end` block, which is created when absent. Quotes follow the file's own.
 */
export function gemfileWithGem(text: string, name: string, version: string, registryUrl: string, uri: URI): string | EcosystemError {
  const lines = text.split('\n');
  let depth = 0;
  for (const [index, line] of lines.entries()) {
    if (ENDS.test(line)) depth--;
    else if (OPENS.test(line)) depth++;
    if (depth < 0) return malformed(uri, `the 'end' on line ${index + 1} closes no block; fix the Gemfile, then install again.`);
  }
  if (depth > 0) return malformed(uri, "a 'do' block has no 'end'; fix the Gemfile, then install again.");
  const declared = rubygemsDependencies.parse(text, {}).find((d) => d.name === name);
  const quote = /^\s*(?:source|gem)\s*\(?\s*(["'])/m.exec(text)?.[1] ?? '"';
  if (declared) {
    if (declared.versionSpan) return splice(text, declared.versionSpan.start, declared.versionSpan.end, version);
    const own = text[declared.nameSpan.end];
    return splice(text, declared.nameSpan.end + 1, declared.nameSpan.end + 1, `, ${own}${version}${own}`);
  }
  const eol = eolOf(text);
  const gem = `gem ${quote}${name}${quote}, ${quote}${version}${quote}`;
  const block = sourceBlock(lines, registryUrl);
  if (!block) {
    const separator = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${separator}${eol}source ${quote}${registryUrl}${quote} do${eol}  ${gem}${eol}end${eol}`;
  }
  const offset = lines.slice(0, block.end).reduce((sum, line) => sum + line.length + 1, 0);
  const body = lines.slice(block.start + 1, block.end).find((line) => line.trim());
  const indent = body ? /^[ \t]*/.exec(body)![0] : `${/^[ \t]*/.exec(lines[block.start])![0]}  `;
  return splice(text, offset, offset, `${indent}${gem}${eol}`);
}

/** The line numbers of `source "<url>" do` and its `end`. */
function sourceBlock(lines: string[], registryUrl: string): { start: number; end: number } | undefined {
  const url = registryUrl.replace(/\/$/, '');
  const start = lines.findIndex((line) => {
    const source = /^\s*source\s*\(?\s*(["'])([^"']+)\1\s*\)?\s*do\b/.exec(line);
    return source !== null && source[2].replace(/\/$/, '') === url;
  });
  if (start < 0) return undefined;
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    if (ENDS.test(lines[index])) depth--;
    else if (OPENS.test(lines[index])) depth++;
    if (depth === 0) return { start, end: index };
  }
  return undefined;
}

/** Gemfile: the gem inside the GitHub source block, then `bundle install` with the credential in Bundler's variable for the host. */
export const rubygemsInstaller: Installer = {
  id: 'rubygems',
  projectGlob: '**/{Gemfile,gems.rb}',
  matches: (fileName) => /(^|[\\/])(Gemfile|gems\.rb)$/.test(fileName),
  files: (location: ProjectLocation) => [location.manifest],

  plan(request: InstallRequest, current): InstallPlan | EcosystemError {
    const problem = checkRubyGemsAddress(request.pkg);
    if (problem) return problem;
    const { manifest } = request.location;
    const before = current.get(manifest.toString());
    const after = gemfileWithGem(
      before ?? 'source "https://rubygems.org"\n',
      request.pkg.name,
      request.pkg.version,
      request.pkg.registryUrl,
      manifest,
    );
    if (typeof after !== 'string') return after;
    const found = request.onPath('bundle');
    const variable = bundlerCredentialVariable(request.pkg.registryUrl);
    const notes = [`Bundler reads the credential from ${variable} (USERNAME:TOKEN); the Gemfile holds no secret.`];
    const declared = before === undefined ? undefined : rubygemsDependencies.parse(before, {}).find((d) => d.name === request.pkg.name);
    const trim = (url: string) => url.replace(/\/$/, '');
    if (declared && !declared.sources.some((source) => trim(source) === trim(request.pkg.registryUrl)))
      notes.push(
        `The Gemfile already declares ${request.pkg.name} for another source (${declared.sources.join(', ') || 'none'}); its version is updated there, so move it into the GitHub source block if Bundler should fetch it from GitHub.`,
      );
    return {
      spec: `${request.pkg.name} ${request.pkg.version}`,
      edits: after === before ? [] : [{ uri: manifest, before, after }],
      notes,
      tool: BUNDLER_TOOL,
      missingTool: found ? undefined : BUNDLER_TOOL,
      steps: found
        ? [
            {
              title: `Installing ${request.pkg.name} ${request.pkg.version}`,
              command: 'bundle',
              args: ['install'],
              env: { [variable]: `${request.username}:${request.token}` },
              cwd: Utils.dirname(manifest),
            },
          ]
        : [],
    };
  },
};
