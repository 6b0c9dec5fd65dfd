import * as assert from 'node:assert/strict';
import { isGitHubError } from '../../../src/github/errors';
import { integer, optionalText, record, text, textList } from '../../../src/github/shape';

/** The problem a bad shape reports, or undefined when the value was accepted. */
function problem(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    assert.ok(isGitHubError(error) && error.detail.kind === 'badResponse', String(error));
    return error.detail.problem;
  }
}

describe('github/shape: a wrong shape in GitHub’s JSON is a clear badResponse, never a crash later', () => {
  it('takes only a JSON object as an object', () => {
    for (const value of [null, undefined, 'pkg', 7, ['a']]) {
      assert.equal(
        problem(() => record(value, 'a package')),
        'a package that is not a JSON object',
        JSON.stringify(value),
      );
    }
    assert.deepEqual(record({ name: 'hello' }, 'a package'), { name: 'hello' });
  });

  it('takes a non-empty string as a name, and anything else as no optional text', () => {
    for (const value of ['', undefined, 42, null]) {
      assert.equal(
        problem(() => text(value, 'a package')),
        'a package without a name',
        JSON.stringify(value),
      );
    }
    assert.equal(text('hello', 'a package'), 'hello');
    assert.equal(optionalText('https://github.com/mona'), 'https://github.com/mona');
    assert.equal(optionalText(''), '');
    assert.equal(optionalText(12), undefined);
    assert.equal(optionalText(null), undefined);
  });

  it('takes only a safe integer as an id', () => {
    for (const value of ['12', 1.5, 2 ** 53, NaN, undefined]) {
      assert.equal(
        problem(() => integer(value, 'a version')),
        'a version without a numeric id',
        String(value),
      );
    }
    assert.equal(integer(0, 'a version'), 0);
    assert.equal(integer(123456, 'a version'), 123456);
  });

  it('reads missing tags as none, and refuses tags that are not a list of names', () => {
    assert.deepEqual(textList(undefined, 'a version'), []);
    assert.deepEqual(textList(null, 'a version'), []);
    assert.deepEqual(textList(['latest', 'v1'], 'a version'), ['latest', 'v1']);
    for (const value of ['latest', ['v1', 2], [null], {}]) {
      assert.equal(
        problem(() => textList(value, 'a version')),
        'a version whose tags are not a list of names',
        JSON.stringify(value),
      );
    }
  });
});
