import * as assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/logger';
import { ConnectionMonitor } from '../../../../src/core/connection/connectionMonitor';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import type { OllamaService } from '../../../../src/ollama/ollamaService';
import type { OllamaStandIn } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';

function until(monitor: ConnectionMonitor, status: ConnectionState['status']): Promise<ConnectionState> {
  if (monitor.state.status === status) return Promise.resolve(monitor.state);
  return new Promise((resolve) => {
    const sub = monitor.onDidChange((s) => {
      if (s.status === status) {
        sub.dispose();
        resolve(s);
      }
    });
  });
}

describe('ConnectionMonitor', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let monitor: ConnectionMonitor;
  let service: OllamaService;

  beforeEach(async () => {
    rig = await StandInService.start({
      standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 0 } },
      timeouts: { metadataMs: 1_000, firstChunkMs: 1_000, idleMs: 1_000 },
      connection: { keepAlive: '5m' },
    });
    ({ standIn, service } = rig);
    monitor = new ConnectionMonitor(service, nullLogger, { connectedPollMs: 30, firstRetryMs: 20, maxRetryMs: 60 });
  });
  afterEach(async () => {
    monitor.dispose();
    await rig.close();
  });

  it('connects and lists the models', async () => {
    const state = await monitor.start();
    assert.equal(state.status, 'connected');
    assert.ok(state.status === 'connected' && state.models.length === standIn.models.length);
  });

  it('notices the daemon going down and coming back by itself, with a fresh model list', async () => {
    await monitor.start();
    await standIn.goDown();
    const down = await until(monitor, 'down');
    assert.ok(down.status === 'down' && down.failure.kind === 'unreachable');
    standIn.models = standIn.models.slice(0, 2);
    await standIn.comeUp();
    const up = await until(monitor, 'connected');
    assert.ok(up.status === 'connected');
    assert.equal(up.models.length, 2, 'the list was re-read after the restart');
  });

  it('starts down when the daemon is not running, and recovers when it starts', async () => {
    await standIn.goDown();
    const first = await monitor.start();
    assert.equal(first.status, 'down');
    await standIn.comeUp();
    await until(monitor, 'connected');
  });

  it('checks at once when a generation finds the daemon gone, without waiting for its next poll', async () => {
    const slow = new ConnectionMonitor(service, nullLogger, { connectedPollMs: 60_000, firstRetryMs: 60_000, maxRetryMs: 60_000 });
    try {
      await slow.start();
      assert.equal(slow.state.status, 'connected');
      await standIn.goDown();
      const stream = service.generate({ model: 'qwen2.5-coder:1.5b-base', prompt: 'x' }, new AbortController().signal);
      await assert.rejects(async () => {
        for await (const _ of stream) void _;
      });
      const down = await until(slow, 'down');
      assert.ok(down.status === 'down' && down.failure.kind === 'unreachable');
    } finally {
      slow.dispose();
    }
  });

  it('does not re-announce the same outage on every poll', async () => {
    await standIn.goDown();
    await monitor.start();
    let events = 0;
    const sub = monitor.onDidChange(() => events++);
    const polls = standIn.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    sub.dispose();
    assert.equal(standIn.requests.length, polls, 'a stopped daemon records nothing');
    assert.equal(events, 0);
    assert.equal(monitor.state.status, 'down');
  });

  it('joins a running check instead of starting another', async () => {
    const [a, b] = await Promise.all([monitor.retry(), monitor.retry()]);
    assert.equal(a, b);
    assert.equal(standIn.requestsTo('/api/version').length, 1);
  });

  it('reports a daemon that answers but cannot list models as connected with a models failure', async () => {
    standIn.injectFault('/api/tags', { kind: 'status', status: 500, error: 'boom' });
    const state = await monitor.start();
    assert.ok(state.status === 'connected' && state.modelsFailure?.kind === 'server');
  });
});
