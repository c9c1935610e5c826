import * as assert from 'node:assert/strict';
import { CompletionStats, describeCompletionStats, percentile } from '../../../../src/core/completion/completionStats';

describe('percentile (nearest rank)', () => {
  it('is undefined for no values', () => assert.equal(percentile([], 50), undefined));
  it('p50 and p95 of 1..100', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 100), 100);
    assert.equal(percentile(values, 0), 1);
  });
  it('a single value is every percentile', () => {
    assert.equal(percentile([42], 50), 42);
    assert.equal(percentile([42], 95), 42);
  });
  it('small samples round up to the next rank', () => {
    assert.equal(percentile([10, 20, 30, 40], 50), 20);
    assert.equal(percentile([10, 20, 30, 40], 95), 40);
  });
});

describe('CompletionStats', () => {
  it('keeps latency percentiles and counts per model', () => {
    const stats = new CompletionStats();
    let changes = 0;
    stats.onDidChange(() => changes++);
    for (const ms of [100, 200, 300, 400, 1000]) stats.recordLatency('a:1b', ms);
    stats.recordLatency('b:7b', 50);
    stats.recordShown('a:1b');
    stats.recordShown('a:1b');
    stats.recordAccepted('a:1b');
    assert.deepEqual(stats.snapshot(), [
      { model: 'a:1b', requests: 5, latencyP50Ms: 300, latencyP95Ms: 1000, shown: 2, accepted: 1 },
      { model: 'b:7b', requests: 1, latencyP50Ms: 50, latencyP95Ms: 50, shown: 0, accepted: 0 },
    ]);
    assert.equal(changes, 9);
  });

  it('percentiles follow the most recent window of requests', () => {
    const stats = new CompletionStats(3);
    for (const ms of [5000, 5000, 5000, 10, 20, 30]) stats.recordLatency('m', ms);
    const [s] = stats.snapshot();
    assert.equal(s?.requests, 6);
    assert.equal(s?.latencyP95Ms, 30);
  });

  it('ignores nonsense latencies', () => {
    const stats = new CompletionStats();
    stats.recordLatency('m', -1);
    stats.recordLatency('m', Number.NaN);
    assert.deepEqual(stats.snapshot(), []);
  });

  it('describes a model in one line', () => {
    assert.equal(
      describeCompletionStats({ model: 'm', requests: 42, latencyP50Ms: 320, latencyP95Ms: 610, shown: 12, accepted: 5 }),
      'p50 320 ms · p95 610 ms (42 requests) · 12 shown, 5 accepted (42%)',
    );
    assert.equal(describeCompletionStats({ model: 'm', requests: 0, shown: 0, accepted: 0 }), 'no answered request yet · 0 shown, 0 accepted');
  });
});
