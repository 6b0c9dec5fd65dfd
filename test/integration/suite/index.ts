// Entry point VS Code calls with `extensionTestsPath`: runs the bundled mocha suite inside the extension host.
import { format } from 'node:util';
import { driver } from './driver';

export async function run(): Promise<void> {
  // mocha 11 (what Stryker's runner drives) exports the class; an ES-module mocha would yield a namespace with `default`.
  const loaded = require('mocha') as { default?: typeof import('mocha') } & typeof import('mocha');
  const Mocha = loaded.default ?? loaded;
  // The extension host's console goes nowhere a person sees; send the reporter's lines to the runner instead.
  if (driver.available) {
    (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => driver.log(format(...args));
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.GP_TEST_GREP;
  if (grep) mocha.grep(grep);
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  // Resolved at run time beside this bundle (out/integration/tests.js), not bundled into it.
  require(require('node:path').join(__dirname, 'tests.js'));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  await driver.flush();
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
