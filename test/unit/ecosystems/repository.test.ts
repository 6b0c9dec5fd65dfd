import * as assert from 'node:assert/strict';
import { repositoryFromUrl } from '../../../src/ecosystems';

describe('ecosystems/repositoryFromUrl', () => {
  it('names the repository on github.com and on GitHub Enterprise hosts alike', () => {
    assert.equal(repositoryFromUrl('https://github.com/octo-org/hello-world.git'), 'hello-world');
    assert.equal(repositoryFromUrl('https://ghes.example.com/octo/lib'), 'lib');
    assert.equal(repositoryFromUrl('https://github.com/octo-org'), undefined);
    assert.equal(repositoryFromUrl(undefined), undefined);
  });
});
