import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { URI } from 'vscode-uri';
import { maven } from '../../../src/ecosystems/maven';
import { rubygems } from '../../../src/ecosystems/rubygems';
import { isEcosystemError, type Ecosystem, type ProcessStep } from '../../../src/ecosystems/types';
import { hostFromApiUrl, registryUrl } from '../../../src/github/hosts';
import { start, type LocalGitHub } from '../../github-local';
import { listedPackage } from './listing';
import { requireCommands, run } from './real-clients';

/** Runs a step as src/commands/publish.ts does: arguments as an array, the token only in env or stdin. */
function runStep(step: ProcessStep, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: step.cwd.fsPath, env: { ...env, ...step.env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdin.end(step.stdin ?? '');
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (e) => resolve({ code: 1, output: e.message }));
  });
}

describe('local GitHub: Publish command lines of src/ecosystems, run by the real clients against the stand-in', function () {
  this.timeout(300_000);
  let gh: LocalGitHub;
  let dir: string;
  before(async () => {
    gh = await start({ seed: 'small' });
    dir = await mkdtemp(join(tmpdir(), 'gplocal-publish-'));
  });
  after(async () => {
    await gh.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Configure (writing the edits), then publish, as the Publish command does after the user confirms. */
  async function publish(ecosystem: Ecosystem, manifestPath: string, env: NodeJS.ProcessEnv): Promise<void> {
    const manifest = URI.file(manifestPath);
    const home = URI.file(join(dir, 'home'));
    const info = ecosystem.parseManifest(await readFile(manifestPath, 'utf8'), manifest);
    assert.ok(!isEcosystemError(info), JSON.stringify(info));
    const host = hostFromApiUrl(gh.url);
    const overrides = { maven: gh.registries.maven, rubygems: gh.registries.rubygems };
    const repo = info.repositoryUrl?.split('/').pop();
    const url = registryUrl(host, ecosystem.id, { owner: 'mona', repo }, { overrides });
    const location = { manifest, home };
    const current = new Map<string, string | undefined>();
    for (const uri of ecosystem.configFiles(location))
      current.set(uri.toString(), await readFile(uri.fsPath, 'utf8').catch(() => undefined));
    const plan = ecosystem.configEdits({ owner: 'mona', name: info.name, maven: info.maven, registryUrl: url }, location, current);
    assert.ok(!isEcosystemError(plan), JSON.stringify(plan));
    for (const edit of plan.edits) {
      await mkdir(dirname(edit.uri.fsPath), { recursive: true });
      await writeFile(edit.uri.fsPath, edit.after);
    }
    const steps = ecosystem.publishCommand({ ...location, owner: 'mona', registryUrl: url, token: gh.tokens.mona, username: 'mona', info });
    assert.ok(!isEcosystemError(steps), JSON.stringify(steps));
    for (const step of steps) {
      assert.ok(!step.args.some((a) => a.includes(gh.tokens.mona)), 'the token is never an argument');
      const r = await runStep(step, env);
      assert.equal(r.code, 0, `${step.title}: ${r.output}`);
    }
  }

  it('Maven: the configured pom and settings.xml, then `mvn --batch-mode deploy`, publish a version linked to the scm repository', async function () {
    await requireCommands(this, [
      ['mvn', 'maven'],
      ['/usr/share/maven-repo/org/apache/maven/plugins/maven-deploy-plugin/2.7', 'libmaven-deploy-plugin-java'],
      ['/usr/share/maven-repo/org/apache/maven/plugins/maven-install-plugin/2.4', 'libmaven-install-plugin-java'],
    ]);
    const project = join(dir, 'maven');
    await mkdir(project, { recursive: true });
    // Packaging pom: the lifecycle needs only the install and deploy plugins Debian ships (there is no Maven Central here).
    await writeFile(
      join(project, 'pom.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.mona</groupId>
  <artifactId>published-by-extension</artifactId>
  <version>2.0.0</version>
  <packaging>pom</packaging>
  <scm><url>https://github.com/mona/hello-npm</url></scm>
</project>
`,
    );
    // Maven reads user.home, not $HOME: point it at the test's home, whose local repository is Debian's, copied.
    await mkdir(join(dir, 'home/.m2'), { recursive: true });
    await run('cp', ['-rL', '/usr/share/maven-repo/.', `${join(dir, 'home/.m2/repository')}/`]);
    await publish(maven, join(project, 'pom.xml'), { ...process.env, MAVEN_OPTS: `-Duser.home=${join(dir, 'home')}` });
    const listed = await listedPackage(gh, 'maven', 'com.mona.published-by-extension');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['2.0.0']);
  });

  it('RubyGems: `gem build --output` then `gem push --host` with GEM_HOST_API_KEY publish a version linked through github_repo', async function () {
    await requireCommands(this, [['gem', 'ruby']]);
    const project = join(dir, 'gem');
    await mkdir(join(project, 'lib'), { recursive: true });
    await writeFile(join(project, 'lib/extension_gem.rb'), 'module ExtensionGem; end\n');
    await writeFile(
      join(project, 'extension_gem.gemspec'),
      `Gem::Specification.new do |spec|
  spec.name = "extension_gem"
  spec.version = "0.3.0"
  spec.summary = "Published through the extension's command line"
  spec.authors = ["Mona"]
  spec.files = ["lib/extension_gem.rb"]
  spec.metadata["github_repo"] = "https://github.com/mona/hello-npm"
end
`,
    );
    await publish(rubygems, join(project, 'extension_gem.gemspec'), { ...process.env, HOME: join(dir, 'home') });
    const listed = await listedPackage(gh, 'rubygems', 'extension_gem');
    assert.equal(listed.repository, 'mona/hello-npm');
    assert.deepEqual(listed.versions, ['0.3.0']);
  });
});
