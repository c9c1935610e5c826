import * as assert from 'node:assert/strict';
import { ModelBackoff } from '../../../../src/core/completion/modelBackoff';
import { FakeClock } from './fakeClock';

describe('ModelBackoff', () => {
  let clock: FakeClock;
  let backoff: ModelBackoff<string>;
  beforeEach(() => {
    clock = new FakeClock();
    backoff = new ModelBackoff<string>(clock, { firstMs: 1000, maxMs: 4000 });
  });

  it('a sticky failure blocks the model until reset, and is new only the first time', async () => {
    assert.equal(backoff.fail('m', 'missing', true), true);
    assert.equal(backoff.fail('m', 'missing', true), false);
    await clock.advance(1_000_000);
    assert.deepEqual(backoff.blocked('m'), { failure: 'missing', sticky: true });
    assert.equal(backoff.blocked('other'), undefined, 'per model');
    backoff.reset();
    assert.equal(backoff.blocked('m'), undefined);
    assert.equal(backoff.fail('m', 'missing', true), true, 'news again after a reset');
  });

  it('transient failures cool down exponentially, capped', async () => {
    backoff.fail('m', 'busy', false);
    assert.ok(backoff.blocked('m'));
    await clock.advance(999);
    assert.ok(backoff.blocked('m'));
    await clock.advance(1);
    assert.equal(backoff.blocked('m'), undefined);
    backoff.fail('m', 'busy', false);
    await clock.advance(1999);
    assert.ok(backoff.blocked('m'), 'second failure: 2 s');
    await clock.advance(1);
    backoff.fail('m', 'busy', false);
    backoff.fail('m', 'busy', false);
    await clock.advance(3999);
    assert.ok(backoff.blocked('m'), 'capped at 4 s');
    await clock.advance(1);
    assert.equal(backoff.blocked('m'), undefined);
  });

  it('a success clears the streak', async () => {
    backoff.fail('m', 'busy', false);
    backoff.fail('m', 'busy', false);
    backoff.succeed('m');
    assert.equal(backoff.blocked('m'), undefined);
    backoff.fail('m', 'busy', false);
    await clock.advance(1000);
    assert.equal(backoff.blocked('m'), undefined, 'back to the first cool-down');
  });
});
