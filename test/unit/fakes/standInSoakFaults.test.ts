// The stand-in's parts the soak leans on: a slow stream that is whole but
// late, and the count of client connections open at once.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { Ollama } from 'ollama';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';

const FAST = { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 0 };

/** Opens a connection that stays open (a POST whose body never ends); resolves when the server has it. */
function heldConnection(standIn: OllamaStandIn): { ready: Promise<void>; close: () => void } {
  const req = request(`${standIn.url}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } });
  req.on('error', () => undefined);
  req.write('{');
  const ready = new Promise<void>((resolve) => req.on('socket', (socket) => (socket.connecting ? socket.once('connect', () => resolve()) : resolve())));
  return { ready, close: () => req.destroy() };
}

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(probe(), 'condition never held');
}

describe('OllamaStandIn for the soak', () => {
  let standIn: OllamaStandIn;
  beforeEach(async () => {
    standIn = await OllamaStandIn.start({ latency: FAST });
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('slowStream: every token arrives, each later by the extra time, and the request is recorded as the fault', async () => {
    standIn.reply(() => ({ tokens: ['one ', 'two ', 'three ', 'four'] }));
    standIn.injectFault('/api/chat', { kind: 'slowStream', perTokenMs: 40 });
    const client = new Ollama({ host: standIn.url });
    const arrivals: string[] = [];
    for await (const part of await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }], stream: true })) {
      arrivals.push(part.message.content);
      if (part.done) assert.equal(part.done_reason, 'stop');
    }
    assert.equal(arrivals.join(''), 'one two three four');
    const [rec] = standIn.requestsTo('/api/chat');
    assert.equal(rec?.fault, 'slowStream');
    assert.equal(rec?.outcome, 'fault');
    assert.equal(rec?.tokensSent, 4);
    // Timers never fire early: four tokens took at least four waits.
    assert.ok((rec?.endedAt ?? 0) - (rec?.startedAt ?? 0) >= 4 * 40 - 4, 'the stream was slowed');
    // The next request is at the normal pace again.
    await client.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(standIn.requestsTo('/api/chat')[1]?.fault, undefined);
  });

  it('slowStream with stream:false: the whole answer, late', async () => {
    standIn.reply(() => ({ tokens: ['a', 'b'] }));
    standIn.injectFault('/api/generate', { kind: 'slowStream', perTokenMs: 20 });
    const res = await new Ollama({ host: standIn.url }).generate({ model: 'llama3.2:3b', prompt: 'x', stream: false });
    assert.equal(res.response, 'ab');
    assert.equal(standIn.requestsTo('/api/generate')[0]?.fault, 'slowStream');
  });

  it('counts client connections open at once, the peak until reset, and drops closed ones', async () => {
    assert.equal(standIn.peakSockets, 0);
    const held = [heldConnection(standIn), heldConnection(standIn), heldConnection(standIn)];
    await Promise.all(held.map((h) => h.ready));
    await until(() => standIn.openSockets === 3);
    assert.equal(standIn.peakSockets, 3);
    for (const h of held) h.close();
    await until(() => standIn.openSockets === 0);
    assert.equal(standIn.peakSockets, 3, 'the peak stays until reset');
    standIn.resetSocketPeak();
    assert.equal(standIn.peakSockets, 0);
    const one = heldConnection(standIn);
    await one.ready;
    await until(() => standIn.openSockets === 1);
    assert.equal(standIn.peakSockets, 1);
    one.close();
  });
});
