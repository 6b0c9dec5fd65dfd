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
    const own = text[declared.nameSpan.end];
    const versioned = declared.versionSpan
      ? splice(text, declared.versionSpan.start, declared.versionSpan.end, version)
      : splice(text, declared.nameSpan.end + 1, declared.nameSpan.end + 1, `, ${own}${version}${own}`);
    if (declared.sources.some((source) => sameSource(source, registryUrl))) return versioned;
    // Declared for another source, Bundler would fetch a gem of that name from there: name GitHub's on the line.
    return withGemSource(versioned, declared.nameSpan.start, registryUrl, own) ?? versioned;
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

/**
 * The `gem` line at `at` with `source: "<url>"`: its own source option pointed at `url`, or one added after its last
 * argument (before a comment). Undefined when the line cannot take one safely: it goes on to the next line, or the gem
 * comes from git, GitHub or a path, which a source would contradict.
 */
function withGemSource(text: string, at: number, url: string, quote: string): string | undefined {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const line = text.slice(start, end).replace(/\r$/, '');
  const code = line.slice(0, commentStart(line)).trimEnd();
  if (/[,(\\]$/.test(code) || /\b(git|github|path)\s*(:|=>)/.test(code)) return undefined;
  const option = /\bsource\s*(?::|=>)\s*(["'])([^"']+)\1/.exec(code);
  const changed = option
    ? splice(code, option.index, option.index + option[0].length, `source: ${quote}${url}${quote}`)
    : code.endsWith(')')
      ? `${code.slice(0, -1)}, source: ${quote}${url}${quote})`
      : `${code}, source: ${quote}${url}${quote}`;
  return splice(text, start, start + code.length, changed);
}

/** Where a Ruby line's comment starts (a `#` outside quotes), or its length. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (const [index, char] of [...line].entries()) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') return index;
  }
  return line.length;
}

function sameSource(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

/** The line numbers of `source "<url>" do` and its `end`. */
function sourceBlock(lines: string[], registryUrl: string): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => {
    const source = /^\s*source\s*\(?\s*(["'])([^"']+)\1\s*\)?\s*do\b/.exec(line);
    return source !== null && sameSource(source[2], registryUrl);
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
    const declaredIn = (gemfile: string | undefined) =>
      gemfile === undefined ? undefined : rubygemsDependencies.parse(gemfile, {}).find((d) => d.name === request.pkg.name);
    const declared = declaredIn(before);
    const fromGitHub = (sources: string[] | undefined) => sources?.some((source) => sameSource(source, request.pkg.registryUrl));
    if (declared && !fromGitHub(declared.sources)) {
      const others = declared.sources.join(', ') || 'none';
      notes.push(
        fromGitHub(declaredIn(after)?.sources)
          ? `The Gemfile declared ${request.pkg.name} for another source (${others}); its line now says source: ${request.pkg.registryUrl}, so Bundler fetches GitHub's gem of that name, not that source's.`
          : `The Gemfile already declares ${request.pkg.name} for another source (${others}) on a line that cannot take a source: option (it continues on the next line, or comes from git or a path); its version is updated there, so point it at ${request.pkg.registryUrl} yourself if Bundler should fetch it from GitHub.`,
      );
    }
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
