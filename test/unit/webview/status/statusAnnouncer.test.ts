import * as assert from 'node:assert/strict';
import type { StatusTabState } from '../../../../src/shared/statusTab';
import { announcement } from '../../../../webview/status/statusAnnouncer';

const state = (patch: Partial<StatusTabState>): StatusTabState => ({
  connection: { status: 'connected', host: 'h', version: '0.12.6' },
  models: [],
  completionModel: 'a',
  chatModel: 'b',
  completionsEnabled: true,
  instructions: { status: 'noFolder' },
  setup: { needed: false, daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [] },
  pulls: [],
  ...patch,
});

describe('Status tab announcements', () => {
  it('names an OpenAI-compatible server by itself, not as Ollama', () => {
    const vllm = state({ connection: { status: 'connected', host: 'h', version: 'vLLM 0.11.0', notReported: ['loaded models'] } });
    assert.equal(announcement(undefined, vllm), 'Connected to vLLM 0.11.0.');
  });

  it('says a connection change once, and nothing for an unchanged state', () => {
    const down = state({ connection: { status: 'down', host: 'h', message: 'm', actions: [] } });
    assert.equal(announcement(undefined, down), 'Ollama is not reachable.');
    assert.equal(announcement(down, down), undefined);
    assert.equal(announcement(down, state({})), 'Connected to Ollama 0.12.6.');
  });

  it('says a pull starting and ending, not every progress line', () => {
    const running = (percent: number): StatusTabState => state({ pulls: [{ model: 'm:1b', role: 'chat', status: 'running', percent, message: '' }] });
    assert.equal(announcement(state({}), running(0)), 'Pulling m:1b.');
    assert.equal(announcement(running(10), running(60)), undefined);
    assert.equal(announcement(running(99), state({})), 'Pull of m:1b ended.');
    const failed = state({ pulls: [{ model: 'm:1b', status: 'failed', percent: 40, message: 'no internet' }] });
    assert.equal(announcement(running(40), failed), 'Pull of m:1b failed: no internet');
  });

  it('says when a role becomes ready and when diagnostics finish', () => {
    const role = (status: 'missing' | 'ready'): StatusTabState =>
      state({ setup: { needed: status !== 'ready', daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [{ role: 'completion', status, model: 'x', message: '', alternatives: [], pulls: [] }] } });
    assert.equal(announcement(role('missing'), role('ready')), 'Completion model ready.');
    const running = state({ diagnostics: { status: 'running', step: 'timing x' } });
    const done = state({ diagnostics: { status: 'done', ranAt: 0, summary: '1 failed · 6 passed', checks: [] } });
    assert.equal(announcement(running, done), 'Diagnostics: 1 failed · 6 passed.');
  });
});
