import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { ECOSYSTEMS, isEcosystemError, type ProcessStep } from '../../../src/ecosystems';

/** Names a hostile or broken GitHub answer (or a hostile manifest) could carry. */
const HOSTILE = [
  '../../etc/passwd',
  '..',
  'a%2F..%2Fb',
  'name\nwith-newline',
  'quote"and\'apostrophe',
  '$(touch /tmp/pwned)',
  '`id`',
  '<img src=x onerror=alert(1)>',
  '--upload-pack=evil',
  '-rf',
  'file:../x',
  'npm:evil@1',
  'git+https://evil.example/x.git',
  'x'.repeat(10_000),
];

const REGISTRY: Record<string, string> = {
  npm: 'https://npm.pkg.github.com',
  maven: 'https://maven.pkg.github.com/octo/repo',
  gradle: 'https://maven.pkg.github.com/octo/repo',
  nuget: 'https://nuget.pkg.github.com/octo/index.json',
  rubygems: 'https://rubygems.pkg.github.com/octo',
  container: 'ghcr.io/octo',
};

const location = { manifest: URI.file('/work/project/manifest'), home: URI.file('/home/me') };
const noFiles: ReadonlyMap<string, string | undefined> = new Map();

/** What could run or escape: a shell metacharacter sequence or a path climbing out, in a command argument or an edit. */
function assertHarmless(text: string, name: string): void {
  assert.ok(
    !text.includes(name) || !/(\$\(|`|\n|\.\.\/|^-)/.test(name),
    `the hostile name ${JSON.stringify(name.slice(0, 40))} reached: ${text.slice(0, 200)}`,
  );
}

describe('hostile names from GitHub or a manifest never reach a command line or a file', () => {
  for (const ecosystem of ECOSYSTEMS) {
    describe(ecosystem.id, () => {
      for (const name of HOSTILE) {
        it(`refuses or neutralises ${JSON.stringify(name.slice(0, 30))}${name.length > 30 ? '…' : ''}`, () => {
          const ref = { owner: 'octo', name, version: '1.0.0', registryUrl: REGISTRY[ecosystem.id] };
          const snippet = ecosystem.installSnippet(ref);
          if (!isEcosystemError(snippet)) assertHarmless(snippet.text, name);
          else assert.ok(snippet.message.length > 0 && snippet.message.length < 400, 'a short message, not the whole name');

          const owned = ecosystem.installSnippet({ ...ref, name: 'fine', owner: name });
          if (!isEcosystemError(owned)) assertHarmless(owned.text, name);

          const plan = ecosystem.configEdits({ owner: name, name, registryUrl: REGISTRY[ecosystem.id] }, location, noFiles);
          if (!isEcosystemError(plan)) for (const edit of plan.edits) assertHarmless(edit.after, name);

          const steps = ecosystem.publishCommand({
            ...location,
            owner: name,
            registryUrl: REGISTRY[ecosystem.id],
            token: 'gp_marker_token_value',
            username: name,
            info: { name, version: '1.0.0' },
          });
          if (!isEcosystemError(steps)) {
            for (const step of steps as ProcessStep[]) {
              assert.ok(!step.args.some((arg) => arg.startsWith('-') && arg === name), 'no name became an option');
              for (const arg of step.args) assertHarmless(arg, name);
              assert.ok(!step.args.some((arg) => arg.includes('gp_marker_token_value')), 'the token is never an argument');
            }
          }
        });
      }
    });
  }
});
