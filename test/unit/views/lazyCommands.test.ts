import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('commands registered before their code loads', () => {
  it('declares in package.json every command of the table, since activation registers the declared ids only', () => {
    const source = readFileSync(join(root, 'src/commands/index.ts'), 'utf8');
    const table = source.slice(source.indexOf('const commands: Record<string, Handler> = {'), source.indexOf('\n  };'));
    const inTable = [...table.matchAll(/^ {4}(\w+): /gm)].map((found) => `githubPackages.${found[1]}`);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const declared = new Set(manifest.contributes.commands.map((entry) => entry.command));
    assert.ok(inTable.length > 20, 'the table was read');
    assert.deepEqual(
      inTable.filter((id) => !declared.has(id)),
      [],
    );
  });
});
