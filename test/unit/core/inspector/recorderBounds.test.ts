import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describeExchange } from '../../../../src/core/inspector/describeExchange';
import { InspectorRecorder } from '../../../../src/core/inspector/inspectorRecorder';
import { curlCommand, replayFile, shellQuote } from '../../../../src/core/inspector/reproducibleRequest';
import { maskUrl } from '../../../../src/core/inspector/secretMask';
import { StandInService } from '../../../fakes/standInService';

const TIMEOUTS = { metadataMs: 2_000, firstChunkMs: 2_000, idleMs: 2_000 };
const BASE = 'qwen2.5-coder:1.5b-base';
const SECRET = 'sk-live-0123456789abcdef';

async function generate(rig: StandInService, prompt: string, originId: string): Promise<string> {
  let text = '';
  for await (const event of rig.service.generate({ model: BASE, prompt, raw: true }, new AbortController().signal, { kind: 'completion', originId })) {
    if (event.kind === 'text') text += event.text;
  }
  return text;
}

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('inspector: bounded memory, truncation note, masking, replay', () => {
  let rig: StandInService | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('keeps the last N requests, N read from the setting on every request', async () => {
    let max = 3;
    const recorder = new InspectorRecorder(() => max);
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    for (let i = 1; i <= 5; i++) await generate(rig, `def f${i}(`, `completion-${i}`);
    assert.deepEqual(recorder.entries.map((r) => r.start.trace.originId), ['completion-3', 'completion-4', 'completion-5']);
    max = 1;
    await generate(rig, 'def g(', 'completion-6');
    assert.deepEqual(recorder.entries.map((r) => r.start.trace.originId), ['completion-6']);
    assert.equal(recorder.byOrigin('completion-1'), undefined, 'an evicted request is gone');
  });

  it("finds a chat turn's request: the answer's own, or an agent run's latest model step, never another turn's", async () => {
    const recorder = new InspectorRecorder(() => 10);
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    await generate(rig, 'def a(', 'turn-1');
    await generate(rig, 'def b(', 'turn-2/1');
    await generate(rig, 'def c(', 'turn-2/3');
    await generate(rig, 'def d(', 'turn-22/1');
    assert.equal(recorder.forTurn('turn-1')?.start.trace.originId, 'turn-1');
    assert.equal(recorder.forTurn('turn-2')?.start.trace.originId, 'turn-2/3', 'the run\'s latest step, not turn-22\'s');
    assert.equal(recorder.forTurn('turn-3'), undefined);
  });

  it('caps one entry: a huge prompt is kept only in part, the detail says "truncated in the inspector", and replay refuses', async () => {
    const recorder = new InspectorRecorder(() => 50, 4000);
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    const prompt = `# ${'x'.repeat(20_000)}\ndef f(`;
    await generate(rig, prompt, 'completion-big');
    const record = recorder.byOrigin('completion-big');
    assert.ok(record);
    const sent = rig.standIn.requestsTo('/api/generate').at(-1)!.rawBody;
    assert.equal(record.bodyChars, sent.length, 'the full size is known');
    assert.equal(record.body, sent.slice(0, 3000), 'three quarters of the cap, from the start');
    assert.ok(record.bodyTruncated);
    const detail = describeExchange(record);
    assert.ok(detail.notes.some((n) => n.includes('Truncated in the inspector') && n.includes(`${sent.length}`)), detail.notes.join('\n'));
    const curl = curlCommand(record);
    assert.equal(curl.ok, false);
    assert.match(curl.ok ? '' : curl.reason, /truncated in the inspector/);
  });

  it('caps the answer too, counting what arrived', async () => {
    const recorder = new InspectorRecorder(() => 50, 1000);
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    rig.standIn.reply(() => ({ tokens: Array.from({ length: 400 }, () => 'abcde ') }));
    const text = await generate(rig, 'def f(', 'completion-long');
    const record = recorder.byOrigin('completion-long')!;
    assert.equal(record.answerChars, text.length);
    assert.ok(record.textParts.join('').length < text.length);
    assert.ok(record.answerTruncated);
    assert.ok(describeExchange(record).notes.some((n) => n.includes('Truncated in the inspector: the answer')));
  });

  it('masks header values from hearth.ollama.headers in the detail, the curl command and the JSON file; the daemon still got them', async () => {
    const recorder = new InspectorRecorder();
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS, connection: { headers: { Authorization: `Bearer ${SECRET}`, 'X-Api-Key': SECRET } } });
    await generate(rig, 'def f(', 'completion-secret');
    assert.equal(rig.standIn.requestsTo('/api/generate').at(-1)?.headers.authorization, `Bearer ${SECRET}`);
    const record = recorder.byOrigin('completion-secret')!;
    assert.ok(!JSON.stringify(record.headers).includes(SECRET), 'the record itself holds no secret (it is reachable from the extension API)');
    const curl = curlCommand(record);
    const file = replayFile(record);
    assert.ok(curl.ok && file.ok);
    for (const text of [JSON.stringify(describeExchange(record)), curl.value, file.value]) {
      assert.ok(!text.includes(SECRET), `no secret in ${text.slice(0, 200)}`);
    }
    assert.match(curl.value, /-H 'Authorization: <masked>'/);
    assert.match(curl.value, /-H 'X-Api-Key: <masked>'/);
    assert.deepEqual((JSON.parse(file.value) as { headers: Record<string, string> }).headers.Authorization, '<masked>');
  });

  it('formats nothing while recording: the caller\'s details run only when the inspector shows the request', async () => {
    const recorder = new InspectorRecorder();
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    const calls = { trims: 0, snippets: 0, steps: 0 };
    const trace = {
      kind: 'completion' as const,
      originId: 'completion-lazy',
      details: {
        trims: () => (calls.trims++, [{ what: 'document window', why: 'budget' }]),
        snippets: () => (calls.snippets++, [{ file: 'b.ts', score: 0.5, chars: 10 }]),
        outputSteps: (raw: string) => (calls.steps++, [{ rule: 'end of line', text: raw.split('\n')[0] ?? '' }]),
      },
    };
    let seen = 0;
    recorder.onDidChange(() => seen++);
    for await (const event of rig.service.generate({ model: BASE, prompt: 'def f(', raw: true }, new AbortController().signal, trace)) void event;
    assert.deepEqual(calls, { trims: 0, snippets: 0, steps: 0 });
    assert.equal(seen, 2, 'one change when it started, one when it ended: none per streamed piece');
    const detail = describeExchange(recorder.byOrigin('completion-lazy')!);
    assert.deepEqual(calls, { trims: 1, snippets: 1, steps: 1 });
    assert.ok(detail.sections.some((s) => s.title === 'Snippets from other files' && s.text.includes('b.ts  score 0.50')));
  });

  it('masks credentials and query values in a host URL', () => {
    assert.equal(maskUrl('http://alice:hunter2@gpu.lan:11434/api/chat?key=abc'), 'http://masked@gpu.lan:11434/api/chat?key=masked');
    assert.ok(!maskUrl('https://u:p@x/y').includes('p@'));
  });

  it('the curl command replays the same bytes and gets the same answer (run with curl when installed, else the JSON file with fetch)', async function () {
    const recorder = new InspectorRecorder();
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
    const prompt = `<|fim_prefix|>it's "quoted" $HOME \`x\` \\ é 🚀\n<|fim_suffix|>\n<|fim_middle|>`;
    const answer = await generate(rig, prompt, 'completion-replay');
    const record = recorder.byOrigin('completion-replay')!;
    const before = rig.standIn.requests.length;
    let replayed: string;
    if (hasCurl()) {
      const curl = curlCommand(record);
      assert.ok(curl.ok);
      // Async: the stand-in answers from this very process.
      replayed = (await promisify(execFile)('sh', ['-c', curl.value], { encoding: 'utf8' })).stdout;
    } else {
      const file = replayFile(record);
      assert.ok(file.ok);
      const r = JSON.parse(file.value) as { url: string; method: string; body: unknown };
      replayed = await (await fetch(r.url, { method: r.method, body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) })).text();
    }
    const again = rig.standIn.requests.slice(before);
    assert.equal(again.length, 1);
    assert.equal(again[0]?.rawBody, record.body, 'byte for byte the same body');
    const text = replayed
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { response?: string }).response ?? '')
      .join('');
    assert.equal(text, answer);
  });

  it('quotes for the shell so nothing in a prompt is expanded', () => {
    assert.equal(execFileSync('sh', ['-c', `printf %s ${shellQuote(`a'b $(echo no) \`x\` \\n`)}`], { encoding: 'utf8' }), `a'b $(echo no) \`x\` \\n`);
  });
});
