import * as assert from 'node:assert/strict';
import { isGitHubError } from '../../../src/github/errors';
import { Limiter } from '../../../src/registry/limiter';
import { rejection } from '../github/local';

/** A task the test finishes by hand, to see what runs while it is in flight. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('registry/limiter: a bounded number of GitHub calls in flight', () => {
  it('refuses to be built without a slot', () => {
    assert.throws(() => new Limiter(0), { name: 'RangeError', message: 'Limiter needs at least one slot.' });
    assert.equal(new Limiter(1).maxConcurrent, 1);
  });

  it('starts waiting calls in the order they were asked for, as slots free up', async () => {
    const limiter = new Limiter(1);
    const first = gate();
    const started: string[] = [];
    const running = limiter.run(async () => {
      started.push('first');
      await first.done;
    });
    const second = limiter.run(async () => void started.push('second'));
    const third = limiter.run(async () => void started.push('third'));
    await tick();
    assert.deepEqual(started, ['first']);
    first.open();
    await Promise.all([running, second, third]);
    assert.deepEqual(started, ['first', 'second', 'third']);
    assert.equal(await limiter.run(async () => 'free'), 'free', 'the slot is free again');
  });

  it('frees the slot of a call that fails, and passes its error on', async () => {
    const limiter = new Limiter(1);
    const boom = new Error('boom');
    assert.equal(await rejection(limiter.run(async () => Promise.reject(boom))), boom);
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });

  it('does not start a call whose request was already cancelled', async () => {
    const limiter = new Limiter(2);
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    const error = await rejection(limiter.run(async () => void (ran = true), controller.signal));
    assert.ok(isGitHubError(error) && error.kind === 'cancelled');
    assert.equal(ran, false);
    assert.deepEqual(await Promise.all([limiter.run(async () => 1), limiter.run(async () => 2)]), [1, 2], 'both slots are free');
  });

  it('drops a cancelled waiting call from the queue, so the next one gets the slot', async () => {
    const limiter = new Limiter(1);
    const first = gate();
    const running = limiter.run(() => first.done);
    const controller = new AbortController();
    let cancelledRan = false;
    const cancelled = limiter.run(async () => void (cancelledRan = true), controller.signal);
    const after = limiter.run(async () => 'after');
    controller.abort();
    const error = await rejection(cancelled);
    assert.ok(isGitHubError(error) && error.kind === 'cancelled');
    first.open();
    assert.equal(await after, 'after');
    await running;
    assert.equal(cancelledRan, false);
    assert.equal(await limiter.run(async () => 'free'), 'free');
  });

  it('runs a waiting call normally when its signal is never used', async () => {
    const limiter = new Limiter(1);
    const first = gate();
    const running = limiter.run(() => first.done);
    const controller = new AbortController();
    const waiting = limiter.run(async () => 'ran', controller.signal);
    first.open();
    assert.equal(await waiting, 'ran');
    controller.abort();
    await running;
    assert.equal(await limiter.run(async () => 'free'), 'free');
  });
});
