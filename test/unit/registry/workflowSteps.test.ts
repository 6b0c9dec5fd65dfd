import * as assert from 'node:assert/strict';
import { cleanupStepsIn } from '../../../src/registry/workflowSteps';

const workflow = (...lines: string[]) => ['on: workflow_dispatch', 'jobs:', '  clean:', '    steps:', ...lines].join('\n');

describe('registry/workflowSteps: the clean-up steps of a workflow as written by hand', () => {
  it('reads a step whose inputs come before uses:, with comments, blank lines and quoting', () => {
    const [step] = cleanupStepsIn(
      workflow(
        '      - name: Clean images',
        '',
        '        with:   # what to delete',
        '          owner: octo-org   # the org',
        '',
        '          # a comment line',
        '          package: "web\\"app"',
        "          delete-tags: 'it''s,pr-*'",
        '          older-than: "2 weeks\\n"',
        '        uses: "dataaxiom/ghcr-cleanup-action@v1" # pinned',
        '        env:',
        '          LOG: debug',
        '      - run: echo done',
      ),
    );
    assert.deepEqual(step, {
      action: 'dataaxiom/ghcr-cleanup-action',
      uses: 'dataaxiom/ghcr-cleanup-action@v1',
      line: 14,
      inputs: { owner: 'octo-org', package: 'web"app', 'delete-tags': "it's,pr-*", 'older-than': '2 weeks\n' },
      unreadable: [],
    });
  });

  it('reads block scalars, literal and folded, and reports flow lists, anchors and aliases as unreadable', () => {
    const [step] = cleanupStepsIn(
      workflow(
        '      - uses: actions/delete-package-versions@v5',
        '        with:',
        '          ignore-versions: |',
        '            ^1\\.',
        '',
        '            ^2\\.',
        '          package-name: >-',
        '            octo',
        '            ui',
        '          owner: *org',
        '          package-type: [npm]',
        '          token: &t abc',
        '          min-versions-to-keep: 3',
      ),
    );
    assert.deepEqual(step.inputs, { 'ignore-versions': '^1\\.\n^2\\.', 'package-name': 'octo ui', 'min-versions-to-keep': '3' });
    assert.deepEqual(step.unreadable, ['owner', 'package-type', 'token']);
  });

  it('finds each clean-up step once, with its own inputs only, and no other action', () => {
    const steps = cleanupStepsIn(
      workflow(
        '      - uses: actions/checkout@v4',
        '        with:',
        '          fetch-depth: 0',
        '      - uses: dataaxiom/ghcr-cleanup-action-fork@v1',
        '      - uses: snok/container-retention-policy@v3',
        '      - uses: DataAxiom/GHCR-Cleanup-Action@v1',
        '        with:',
        '          owner: a',
        '      -   uses: actions/delete-package-versions@v5',
        '          with:',
        '            package-name: b',
        '          if: always()',
      ),
    );
    assert.deepEqual(
      steps.map((s) => [s.action, s.line, s.inputs, s.unreadable]),
      [
        ['snok/container-retention-policy', 9, {}, []],
        ['dataaxiom/ghcr-cleanup-action', 10, { owner: 'a' }, []],
        ['actions/delete-package-versions', 13, { 'package-name': 'b' }, []],
      ],
    );
  });

  it('reads Windows line endings, and takes no with: from a nested mapping', () => {
    const steps = cleanupStepsIn(
      [
        'jobs:',
        '  clean:',
        '    steps:',
        '      - uses: actions/delete-package-versions@v5',
        '        env:',
        '          with:',
        '            package-name: nested',
        '      - uses: actions/delete-package-versions@v5',
        '        with:',
        '          package-name: flat',
      ].join('\r\n'),
    );
    assert.deepEqual(
      steps.map((s) => s.inputs),
      [{}, { 'package-name': 'flat' }],
    );
  });
});
