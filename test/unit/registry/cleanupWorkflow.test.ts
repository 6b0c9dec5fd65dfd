import * as assert from 'node:assert/strict';
import { validateRule } from '../../../src/registry/cleanupRule';
import { durationDays, exportWorkflow, ruleFromStep, workflowFileName } from '../../../src/registry/cleanupWorkflow';
import { cleanupStepsIn } from '../../../src/registry/workflowSteps';

/** The lines every exported workflow has between its triggers and its step. */
const JOB = ['permissions:', '  packages: write', 'jobs:', '  cleanup:', '    runs-on: ubuntu-latest', '    steps:'];

describe('registry/cleanupWorkflow: rules as scheduled workflows and back', () => {
  it('exports a container rule as a dataaxiom step in dry-run mode, with latest excluded', () => {
    const rule = {
      owner: 'octo-org',
      packageType: 'container' as const,
      packages: 'octo-web/api',
      untaggedOnly: true,
      olderThanDays: 7,
      excludeTags: ['v*'],
    };
    const exported = exportWorkflow(rule, ['octo-web/api']);
    assert.equal(exported.path, '.github/workflows/cleanup-octo-web-api.yml');
    assert.equal(exported.action, 'dataaxiom/ghcr-cleanup-action@v1');
    assert.deepEqual(exported.unexpressed, []);
    assert.match(exported.text, /^ {2}schedule:\n {4}- cron: '17 3 \* \* 1'\n {2}workflow_dispatch:$/m);
    for (const line of [
      "owner: 'octo-org'",
      "package: 'octo-web/api'",
      "exclude-tags: 'latest,v*'",
      'delete-untagged: true',
      "older-than: '7 days'",
      'dry-run: true',
    ]) {
      assert.ok(exported.text.includes(`          ${line}\n`), `has ${line}:\n${exported.text}`);
    }
  });

  it('says which parts of the rule the action cannot express', () => {
    const exported = exportWorkflow(
      { owner: 'o', packageType: 'container', packages: 'app', keepNewest: 5, preReleaseOnly: true, excludeTags: ['re:^v\\d+$'] },
      ['app'],
    );
    assert.equal(exported.unexpressed.length, 3);
    assert.match(exported.unexpressed.join('\n'), /keepNewest 5 over tagged and untagged/);
    assert.match(exported.unexpressed.join('\n'), /preReleaseOnly/);
    assert.match(exported.unexpressed.join('\n'), /excludeTags mixes regular expressions/);
    assert.match(exported.text, /^# Not expressed by dataaxiom\/ghcr-cleanup-action@v1: preReleaseOnly/m);
  });

  it('exports other packages with actions/delete-package-versions, one step per package, manual trigger only', () => {
    const exported = exportWorkflow(
      {
        owner: 'octo-org',
        packageType: 'npm',
        packages: 'octo-*',
        keepNewest: 10,
        excludeVersions: ['re:^2\\.', '1.0.*'],
        olderThanDays: 30,
      },
      ['octo-ui', 'octo-internal'],
    );
    assert.equal(exported.path, '.github/workflows/cleanup-octo-all.yml');
    assert.equal((exported.text.match(/uses: actions\/delete-package-versions@v5/g) ?? []).length, 2);
    assert.ok(!exported.text.includes('schedule:'), 'no schedule until the person trusts it');
    assert.ok(exported.text.includes("ignore-versions: '(?:^2\\.)|(?:^1\\.0\\..*$)'"), exported.text);
    assert.match(exported.unexpressed.join('\n'), /olderThanDays 30 \(the action has no age filter/);
    assert.match(exported.unexpressed.join('\n'), /dry run \(the action has none\)/);
  });

  it('writes the whole workflow file for a container rule: comments, schedule, permissions and one dry-run step', () => {
    const exported = exportWorkflow(
      {
        owner: 'octo-org',
        packageType: 'container',
        packages: 'web-*',
        includeTags: ['pr-*'],
        excludeTags: ["it's"],
        keepNewestTagged: 2,
        olderThanDays: 30,
      },
      ['web-a'],
    );
    assert.equal(exported.path, '.github/workflows/cleanup-web-all.yml');
    assert.equal(
      exported.text,
      [
        "# Written by GitHub Packages for VS Code from the clean-up rule: versions tagged only pr-* created more than 30 days ago beyond the 2 newest tagged (never tagged latest, it's).",
        '# It starts in dry-run mode: read the run logs, then set dry-run to false.',
        '# Not expressed by dataaxiom/ghcr-cleanup-action@v1: includeTags: the action untags an image that has other tags, where this rule keeps the image',
        'name: Clean up web-*',
        'on:',
        '  schedule:',
        "    - cron: '17 3 * * 1'",
        '  workflow_dispatch:',
        ...JOB,
        '      - uses: dataaxiom/ghcr-cleanup-action@v1',
        '        with:',
        "          owner: 'octo-org'",
        "          packages: 'web-*'",
        '          expand-packages: true',
        "          delete-tags: 'pr-*'",
        "          exclude-tags: 'latest,it''s'",
        '          keep-n-tagged: 2',
        "          older-than: '30 days'",
        '          dry-run: true',
        '          token: ${{ secrets.GITHUB_TOKEN }}',
        '',
      ].join('\n'),
    );
  });

  it('writes the whole workflow file for an npm rule: manual trigger only, and says it has no dry run', () => {
    const exported = exportWorkflow({ owner: 'mona', packageType: 'npm', packages: 'hello', keepNewest: 3, preReleaseOnly: true }, [
      'hello',
    ]);
    assert.equal(exported.action, 'actions/delete-package-versions@v5');
    assert.equal(
      exported.text,
      [
        '# Written by GitHub Packages for VS Code from the clean-up rule: pre-release versions beyond the 3 newest (never tagged latest).',
        '# actions/delete-package-versions has no dry-run mode, so this starts with a manual trigger only; add a schedule once you trust it.',
        '# Not expressed by actions/delete-package-versions@v5: dry run (the action has none)',
        'name: Clean up hello',
        'on:',
        '  workflow_dispatch:',
        ...JOB,
        '      - uses: actions/delete-package-versions@v5',
        '        with:',
        "          owner: 'mona'",
        "          package-name: 'hello'",
        "          package-type: 'npm'",
        '          min-versions-to-keep: 3',
        '          delete-only-pre-release-versions: true',
        '          token: ${{ secrets.GITHUB_TOKEN }}',
        '',
      ].join('\n'),
    );
  });

  it('keeps the newest untagged images of an untagged-only rule, and lists every part the container action cannot say', () => {
    const exported = exportWorkflow(
      {
        owner: 'o',
        packageType: 'container',
        untaggedOnly: true,
        keepNewest: 4,
        includeVersions: ['sha256:a*'],
        excludeVersions: ['sha256:b*'],
        age: 'updated',
      },
      [],
    );
    assert.deepEqual(exported.unexpressed, [
      'includeVersions sha256:a* (the action selects by tag, not by digest)',
      'excludeVersions sha256:b* (the action excludes by tag, not by digest)',
      'age "updated" (older-than counts from the time the action reads)',
      'every container package of the owner (name them, or use a glob, in "packages")',
    ]);
    const inputs = exported.text.split('\n').filter((line) => line.startsWith('          '));
    assert.deepEqual(inputs, [
      "          owner: 'o'",
      "          exclude-tags: 'latest'",
      '          keep-n-untagged: 4',
      '          dry-run: true',
      '          token: ${{ secrets.GITHUB_TOKEN }}',
    ]);
    assert.equal(exported.path, '.github/workflows/cleanup-container.yml');
  });

  it('lists every part delete-package-versions cannot say, from the age filter to more than 100 kept', () => {
    const exported = exportWorkflow({ owner: 'o', packageType: 'maven', keepNewest: 150, includeVersions: ['1.*'], olderThanDays: 3 }, [
      'a.b:c',
    ]);
    assert.deepEqual(exported.unexpressed, [
      'dry run (the action has none)',
      'olderThanDays 3 (the action has no age filter: it would delete newer versions too)',
      'includeVersions 1.* (the action has no name filter to delete by)',
      'keepNewest 150 (min-versions-to-keep cannot be more than 100)',
    ]);
    assert.deepEqual(exportWorkflow({ owner: 'o', packageType: 'npm', keepNewest: 100 }, ['x']).unexpressed, [
      'dry run (the action has none)',
    ]);
  });

  it('names the file after the packages in lower case, with dashes for anything else', () => {
    assert.equal(workflowFileName({ packages: '--Web App--' }), '.github/workflows/cleanup-web-app.yml');
    assert.equal(workflowFileName({ packageType: 'npm' }), '.github/workflows/cleanup-npm.yml');
    assert.equal(workflowFileName({}), '.github/workflows/cleanup-packages.yml');
    assert.equal(workflowFileName({ packages: '!!!' }), '.github/workflows/cleanup-packages.yml');
  });

  it('reads back the rule it exported (what the action can express)', () => {
    const rule = {
      owner: 'octo-org',
      packageType: 'container' as const,
      packages: 'builder',
      olderThanDays: 14,
      keepNewestTagged: 3,
      keepNewestUntagged: 2,
      includeTags: ['pr-*'],
      excludeTags: ['stable'],
    };
    const [step] = cleanupStepsIn(exportWorkflow(rule, ['builder']).text);
    const { rules, notes } = ruleFromStep(step, {});
    assert.deepEqual(notes, []);
    assert.deepEqual(rules, [{ ...rule, excludeTags: ['latest', 'stable'] }]);
    assert.equal(validateRule(rules[0]).ok, true);
  });

  it('translates snok and delete-package-versions steps written by hand, quoted, commented and in block scalars', () => {
    const text = [
      'jobs:',
      '  clean:',
      '    steps:',
      '      - name: Delete old test images',
      '        uses: snok/container-retention-policy@v3.0.0',
      '        with:',
      '          account: user',
      '          token: ${{ secrets.PAT }}',
      '          image-names: "api web"',
      '          image-tags: test* dev* !dev-keep # never the pinned one',
      '          cut-off: 2w 3d',
      '          keep-n-most-recent: 5',
      '          dry-run: true',
      '      - uses: actions/delete-package-versions@v5',
      '        with:',
      "          package-name: 'octo-ui'",
      '          package-type: npm',
      '          min-versions-to-keep: 10',
      '          ignore-versions: |',
      '            ^3\\.0\\.',
      '      - run: echo done',
    ].join('\n');
    const steps = cleanupStepsIn(text);
    assert.deepEqual(
      steps.map((s) => [s.action, s.line]),
      [
        ['snok/container-retention-policy', 5],
        ['actions/delete-package-versions', 14],
      ],
    );
    const snok = ruleFromStep(steps[0], { viewer: 'mona' });
    assert.deepEqual(
      snok.rules,
      ['api', 'web'].map((packages) => ({
        owner: 'mona',
        packageType: 'container',
        includeTags: ['test*', 'dev*'],
        excludeTags: ['dev-keep'],
        keepNewest: 5,
        olderThanDays: 17,
        packages,
      })),
      'one rule per image the step names',
    );
    const dpv = ruleFromStep(steps[1], { repositoryOwner: 'octo-org' });
    assert.deepEqual(dpv.rules, [
      { owner: 'octo-org', packageType: 'npm', keepNewest: 10, excludeVersions: ['re:^3\\.0\\.'], packages: 'octo-ui' },
    ]);
  });

  it('says what it cannot translate instead of guessing', () => {
    const [step] = cleanupStepsIn(
      'steps:\n  - uses: dataaxiom/ghcr-cleanup-action@v1\n    with:\n      package: ${{ matrix.image }}\n      delete-tags: [a, b]\n',
    );
    const { rules, notes } = ruleFromStep(step, {});
    assert.deepEqual(rules, []);
    assert.ok(notes.includes('input delete-tags could not be read'), notes.join('\n'));
    assert.ok(notes.some((n) => /package is a workflow expression/.test(n)));
    assert.ok(notes.some((n) => /owner is the repository owner/.test(n)));
  });

  it('reads durations the actions accept', () => {
    assert.equal(durationDays('7 days'), 7);
    assert.equal(durationDays('2w 3d'), 17);
    assert.equal(durationDays('36h'), 1.5);
    assert.equal(durationDays('soon'), undefined);
    assert.equal(workflowFileName({ packageType: 'npm' }), '.github/workflows/cleanup-npm.yml');
  });
});
