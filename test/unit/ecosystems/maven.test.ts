import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { maven, mavenCoordinates } from '../../../src/ecosystems/maven';
import type { ConfigPlan, ProcessStep } from '../../../src/ecosystems/types';
import { HOSTILE, TOKEN, assertNoToken, at, err, files, ok } from './helpers';

const REPO = 'https://maven.pkg.github.com/octo/hello';
const pomPath = URI.file('/work/app/pom.xml');

const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <!-- coordinates -->
    <groupId>com.octo</groupId>
    <artifactId>hello</artifactId>
    <version>1.0.0</version>
    <scm><url>https://github.com/octo/hello</url></scm>
</project>
`;

describe('ecosystems/maven', () => {
  it('matches pom.xml', () => {
    assert.ok(maven.matches('/a/pom.xml'));
    assert.ok(!maven.matches('/a/xpom.xml'));
  });

  describe('parseManifest', () => {
    it('names the package groupId.artifactId with version and owner', () => {
      assert.deepEqual(maven.parseManifest(POM, pomPath), {
        name: 'com.octo.hello',
        maven: { groupId: 'com.octo', artifactId: 'hello' },
        version: '1.0.0',
        repositoryUrl: 'https://github.com/octo/hello',
        owner: 'octo',
      });
    });

    it('inherits groupId and version from <parent> and reads the owner from distributionManagement', () => {
      const pom = `<project><parent><groupId>org.x</groupId><version>2.0</version></parent><artifactId>lib</artifactId>
<distributionManagement><repository><id>github</id><url>https://maven.pkg.github.com/acme/lib</url></repository></distributionManagement></project>`;
      assert.deepEqual(maven.parseManifest(pom, pomPath), {
        name: 'org.x.lib',
        maven: { groupId: 'org.x', artifactId: 'lib' },
        version: '2.0',
        registryUrl: 'https://maven.pkg.github.com/acme/lib',
        owner: 'acme',
      });
    });

    it('gives the line and column of broken XML', () => {
      assert.match(
        err(maven.parseManifest('<project>\n<groupId>a</groupId>\n<artifactId>b</project>', pomPath), 'malformed'),
        /^pom\.xml: invalid XML \(3:\d+: unexpected close tag/,
      );
      assert.match(err(maven.parseManifest('', pomPath)), /^pom\.xml: invalid XML/);
    });

    it('says which coordinate is missing', () => {
      assert.match(err(maven.parseManifest('<project><groupId>a</groupId></project>', pomPath)), /add an <artifactId>/);
      assert.match(err(maven.parseManifest('<project><artifactId>a</artifactId></project>', pomPath)), /add a <groupId>/);
      assert.match(err(maven.parseManifest('<settings/>', pomPath)), /not <project>/);
      assert.match(
        err(maven.parseManifest('<project><groupId>a b</groupId><artifactId>c</artifactId></project>', pomPath)),
        /groupId "a b" is not valid/,
      );
    });
  });

  describe('installSnippet', () => {
    it('is the <dependency> block, splitting the name at the last dot', () => {
      const snippet = ok(maven.installSnippet({ owner: 'octo', name: 'com.octo.hello', version: '1.0.0', registryUrl: REPO }));
      assert.equal(snippet.language, 'xml');
      assert.equal(
        snippet.text,
        '<dependency>\n  <groupId>com.octo</groupId>\n  <artifactId>hello</artifactId>\n  <version>1.0.0</version>\n</dependency>',
      );
    });

    it('uses explicit coordinates when the artifactId holds a dot', () => {
      assert.deepEqual(mavenCoordinates({ name: 'com.x.my.lib' }), { groupId: 'com.x.my', artifactId: 'lib' });
      assert.deepEqual(mavenCoordinates({ name: 'com.x.my.lib', maven: { groupId: 'com.x', artifactId: 'my.lib' } }), {
        groupId: 'com.x',
        artifactId: 'my.lib',
      });
      assert.match(
        ok(
          maven.installSnippet({
            owner: 'o',
            name: 'com.x.my.lib',
            version: '1',
            registryUrl: REPO,
            maven: { groupId: 'com.x', artifactId: 'my.lib' },
          }),
        ).text,
        /<artifactId>my\.lib<\/artifactId>/,
      );
    });

    it('refuses names without a dot, hostile names and a missing version', () => {
      assert.match(err(maven.installSnippet({ owner: 'o', name: 'hello', version: '1', registryUrl: REPO })), /not groupId\.artifactId/);
      assert.match(err(maven.installSnippet({ owner: 'o', name: 'a.b', registryUrl: REPO })), /Pick a version/);
      for (const bad of HOSTILE) {
        err(maven.installSnippet({ owner: 'o', name: `com.${bad}`, version: '1', registryUrl: REPO }));
        err(maven.installSnippet({ owner: 'o', name: 'a.b', version: bad, registryUrl: REPO }));
      }
      err(maven.installSnippet({ owner: 'o', name: 'a.b', version: '1', registryUrl: 'https://x/<evil>' }));
    });
  });

  describe('configEdits', () => {
    const settingsPath = '/home/octo/.m2/settings.xml';

    it('creates settings.xml with the github server reading the token from the environment', () => {
      const plan = ok<ConfigPlan>(
        maven.configEdits(
          { owner: 'octo', name: 'com.octo.hello', registryUrl: REPO },
          at('/work/app/pom.xml'),
          files({ '/work/app/pom.xml': POM }),
        ),
      );
      const settings = plan.edits.find((e) => e.uri.path === settingsPath);
      assert.ok(settings);
      assert.equal(settings.before, undefined);
      assert.match(
        settings.after,
        /<servers>\n {4}<server>\n {6}<id>github<\/id>\n {6}<username>\$\{env\.GITHUB_ACTOR\}<\/username>\n {6}<password>\$\{env\.GITHUB_TOKEN\}<\/password>\n {4}<\/server>\n {2}<\/servers>\n<\/settings>\n$/,
      );
    });

    it('adds <repositories> and <distributionManagement> to the pom with its own 4-space indent, keeping comments', () => {
      const plan = ok<ConfigPlan>(
        maven.configEdits(
          { owner: 'octo', name: 'com.octo.hello', registryUrl: REPO },
          at('/work/app/pom.xml'),
          files({ '/work/app/pom.xml': POM }),
        ),
      );
      const pom = plan.edits.find((e) => e.uri.path === '/work/app/pom.xml');
      assert.ok(pom);
      assert.equal(
        pom.after,
        POM.replace(
          '</project>',
          `    <repositories>
        <repository>
            <id>github</id>
            <url>https://maven.pkg.github.com/octo/hello</url>
        </repository>
    </repositories>
    <distributionManagement>
        <repository>
            <id>github</id>
            <name>GitHub Packages</name>
            <url>https://maven.pkg.github.com/octo/hello</url>
        </repository>
    </distributionManagement>
</project>`,
        ),
      );
      assert.ok(maven.parseManifest(pom.after, pomPath));
    });

    it('merges into existing settings.xml and pom sections, CRLF kept, and is idempotent', () => {
      const settings =
        '<settings>\r\n\t<!-- mine -->\r\n\t<servers>\r\n\t\t<server><id>corp</id></server>\r\n\t</servers>\r\n</settings>\r\n';
      const pom =
        '<project>\r\n\t<groupId>a</groupId>\r\n\t<artifactId>b</artifactId>\r\n\t<repositories>\r\n\t\t<repository><id>central</id><url>https://repo1</url></repository>\r\n\t</repositories>\r\n</project>\r\n';
      const current = files({ [settingsPath]: settings, '/work/app/pom.xml': pom });
      const plan = ok<ConfigPlan>(maven.configEdits({ owner: 'octo', name: 'a.b', registryUrl: REPO }, at('/work/app/pom.xml'), current));
      const [newSettings, newPom] = plan.edits;
      assert.equal(
        newSettings.after,
        settings.replace(
          '\t</servers>',
          '\t\t<server>\r\n\t\t\t<id>github</id>\r\n\t\t\t<username>${env.GITHUB_ACTOR}</username>\r\n\t\t\t<password>${env.GITHUB_TOKEN}</password>\r\n\t\t</server>\r\n\t</servers>',
        ),
      );
      assert.ok(
        newPom.after.includes(
          '\t\t<repository><id>central</id><url>https://repo1</url></repository>\r\n\t\t<repository>\r\n\t\t\t<id>github</id>',
        ),
      );
      assert.ok(!newPom.after.replace(/\r\n/g, '').includes('\n'));
      const again = ok<ConfigPlan>(
        maven.configEdits(
          { owner: 'octo', name: 'a.b', registryUrl: REPO },
          at('/work/app/pom.xml'),
          files({ [settingsPath]: newSettings.after, '/work/app/pom.xml': newPom.after }),
        ),
      );
      assert.deepEqual(again.edits, []);
    });

    it('warns about a plain-text password and refuses broken XML or an uppercase owner', () => {
      const settings = '<settings><servers><server><id>github</id><password>ghp_x</password></server></servers></settings>';
      const plan = ok<ConfigPlan>(
        maven.configEdits(
          { owner: 'octo', name: 'a.b', registryUrl: REPO },
          at('/work/app/pom.xml'),
          files({ [settingsPath]: settings, '/work/app/pom.xml': POM }),
        ),
      );
      assert.ok(plan.notes.some((n) => /plain text/.test(n)));
      assert.match(
        err(
          maven.configEdits(
            { owner: 'octo', name: 'a.b', registryUrl: REPO },
            at('/work/app/pom.xml'),
            files({ [settingsPath]: '<settings>', '/work/app/pom.xml': POM }),
          ),
        ),
        /^settings\.xml: invalid XML/,
      );
      assert.match(
        err(
          maven.configEdits(
            { owner: 'Octo', name: 'a.b', registryUrl: REPO },
            at('/work/app/pom.xml'),
            files({ '/work/app/pom.xml': POM }),
          ),
        ),
        /lowercase/,
      );
    });
  });

  it('publishes with mvn deploy, the token only in the environment', () => {
    const steps = ok<ProcessStep[]>(
      maven.publishCommand({
        ...at('/work/app/pom.xml'),
        owner: 'octo',
        registryUrl: REPO,
        token: TOKEN,
        username: 'octocat',
        info: { name: 'com.octo.hello' },
      }),
    );
    assert.deepEqual(
      steps.map((s) => [s.command, s.args, s.env, s.cwd.path]),
      [['mvn', ['--batch-mode', 'deploy'], { GITHUB_TOKEN: TOKEN, GITHUB_ACTOR: 'octocat' }, '/work/app']],
    );
    assertNoToken(steps.map((s) => ({ ...s, env: {} })));
    err(
      maven.publishCommand({
        ...at('/work/app/pom.xml'),
        owner: 'octo',
        registryUrl: REPO,
        token: TOKEN,
        username: '$(id)',
        info: { name: 'a.b' },
      }),
    );
  });

  it("refuses to deploy to OWNER/* (no repository known): GitHub deploys into a repository, so it asks for the pom's <scm><url>", () => {
    const message = err(
      maven.publishCommand({
        ...at('/work/app/pom.xml'),
        owner: 'octo',
        registryUrl: 'https://maven.pkg.github.com/octo/*',
        token: TOKEN,
        username: 'octocat',
        info: { name: 'com.octo.hello' },
      }),
    );
    assert.match(message, /add <scm><url>https:\/\/github\.com\/OWNER\/REPOSITORY<\/url><\/scm> to the pom/);
  });
});
