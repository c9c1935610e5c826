import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDiagnostics } from '../../../../src/core/diagnostics/buildDiagnostics';
import type { CheckStatus, DiagnosticCheck } from '../../../../src/core/diagnostics/diagnosticCheck';
import { renderDiagnosticsMarkdown } from '../../../../src/core/diagnostics/renderDiagnostics';
import { SCENARIOS, completionWithoutInsert, daemonDown, healthy, mismatchedNumCtx, noModels, partialOffload, remoteHost } from './scenarios';

// UPDATE_GOLDENS=1 npx mocha test/unit/diagnostics/diagnosticsReport.test.ts
// rewrites the golden files from the current output: review the diff before committing.
const GOLDEN_DIR = join(__dirname, '../../../fixtures/diagnostics');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

function statusOf(checks: readonly DiagnosticCheck[], id: string): CheckStatus | undefined {
  return checks.find((c) => c.id === id)?.status;
}

function byId(checks: readonly DiagnosticCheck[], id: string): DiagnosticCheck {
  const found = checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} exists; got ${checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('diagnostics report', () => {
  describe('golden Markdown per scenario', () => {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      it(name, () => {
        const markdown = renderDiagnosticsMarkdown(buildDiagnostics(scenario()), ['Hearth 0.1.0', 'VS Code 1.95.0', 'linux x64']);
        const file = join(GOLDEN_DIR, `${name}.md`);
        if (UPDATE) {
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(file, markdown);
        }
        assert.ok(existsSync(file), `golden ${file} exists (UPDATE_GOLDENS=1 writes it)`);
        assert.equal(markdown, readFileSync(file, 'utf8'));
      });
    }
  });

  it('healthy: everything passes, the instructions included', () => {
    const checks = buildDiagnostics(healthy());
    for (const c of checks) assert.equal(c.status, 'pass', `${c.id}: ${c.detail}`);
    assert.match(byId(checks, 'completionModel').detail, /qwen2\.5-coder fill-in-the-middle template itself \(raw mode\)/);
    assert.match(byId(checks, 'host').detail, /the default/);
    assert.deepEqual(checks.filter((c) => c.id.startsWith('latency:')).map((c) => c.id), ['latency:qwen2.5-coder:1.5b-base', 'latency:qwen2.5-coder:7b']);
  });

  it('daemon down: fails with how to start Ollama and skips what needs the daemon', () => {
    const checks = buildDiagnostics(daemonDown());
    const daemon = byId(checks, 'daemon');
    assert.equal(daemon.status, 'fail');
    assert.match(daemon.fix ?? '', /ollama serve/);
    for (const id of ['completionModel', 'chatModel', 'numCtx', 'gpuOffload', 'latency']) assert.equal(statusOf(checks, id), 'skip', id);
    assert.equal(statusOf(checks, 'instructions'), 'pass');
  });

  it('no models: both models fail with a pull fix', () => {
    const checks = buildDiagnostics(noModels());
    for (const id of ['completionModel', 'chatModel']) {
      const c = byId(checks, id);
      assert.equal(c.status, 'fail');
      assert.match(c.detail, /no models at all/);
      assert.match(c.fix ?? '', /Hearth: Pull Model/);
    }
  });

  it('a completion model without insert and no known template fails with the fix', () => {
    const c = byId(buildDiagnostics(completionWithoutInsert()), 'completionModel');
    assert.equal(c.status, 'fail');
    assert.match(c.detail, /`llama3\.2:3b` cannot fill in the middle/);
    assert.match(c.fix ?? '', /qwen2\.5-coder:1\.5b-base/);
    assert.match(c.fix ?? '', /hearth\.completion\.template/);
  });

  it('partial CPU offload warns with the share on the CPU', () => {
    const checks = buildDiagnostics(partialOffload());
    const c = byId(checks, 'gpuOffload');
    assert.equal(c.status, 'warn');
    assert.match(c.detail, /`qwen2\.5-coder:7b` is 40% on the CPU \(2\.4 GB of 6\.1 GB/);
    assert.doesNotMatch(c.detail, /1\.5b-base/);
  });

  it('a model loaded with another num_ctx warns that it will reload', () => {
    const c = byId(buildDiagnostics(mismatchedNumCtx()), 'numCtx');
    assert.equal(c.status, 'warn');
    assert.match(c.detail, /loaded with context length 8192, but Hearth asks for 4096/);
    assert.match(c.fix ?? '', /hearth\.ollama\.numCtx` to 8192/);
  });

  it('a host off this machine warns, naming how to undo it', () => {
    const c = byId(buildDiagnostics(remoteHost()), 'remoteHost');
    assert.equal(c.status, 'warn');
    assert.match(c.detail, /gpu-box\.lan:11434` over unencrypted http/);
    assert.match(c.fix ?? '', /clear `hearth\.ollama\.host`/);
    const env = buildDiagnostics({ ...remoteHost(), host: { url: 'https://ollama.example.com:443', source: 'env', isLoopback: false } });
    assert.match(byId(env, 'remoteHost').fix ?? '', /unset `OLLAMA_HOST`/);
    assert.match(byId(env, 'host').detail, /OLLAMA_HOST/);
  });

  it('one model for both uses passes num_ctx and is timed once', () => {
    const s = healthy();
    const shared = {
      ...s,
      settings: { ...s.settings, completionModel: 'qwen2.5-coder:7b' },
      probes: [{ model: 'qwen2.5-coder:7b', uses: ['completion', 'chat'] as const, result: s.probes[1]!.result }],
    };
    const checks = buildDiagnostics(shared);
    assert.match(byId(checks, 'numCtx').detail, /both use `qwen2\.5-coder:7b`/);
    assert.match(byId(checks, 'completionModel').detail, /`insert` capability/);
    assert.equal(byId(checks, 'latency:qwen2.5-coder:7b').title, 'Latency of `qwen2.5-coder:7b` (completion + chat)');
  });

  it('num_ctx above a model\'s context length warns', () => {
    const s = healthy();
    const c = byId(buildDiagnostics({ ...s, settings: { ...s.settings, numCtx: 65_536 } }), 'numCtx');
    assert.equal(c.status, 'warn');
    assert.match(c.fix ?? '', /32768 or less/);
  });

  it('slow completions and failed probes are reported per model', () => {
    const s = healthy();
    const checks = buildDiagnostics({
      ...s,
      probes: [
        { model: 'qwen2.5-coder:1.5b-base', uses: ['completion'], result: { ok: true, value: { loadMs: 0, promptEvalMs: 2_000, evalTokens: 8, evalMs: 1_000 } } },
        { model: 'qwen2.5-coder:7b', uses: ['chat'], result: { ok: false, kind: 'server', message: 'Ollama failed running qwen2.5-coder:7b: out of memory.' } },
      ],
    });
    const slow = byId(checks, 'latency:qwen2.5-coder:1.5b-base');
    assert.equal(slow.status, 'warn');
    assert.match(slow.detail, /first token takes over 1500 ms, under 15 tokens\/s/);
    assert.equal(statusOf(checks, 'latency:qwen2.5-coder:7b'), 'fail');
  });

  it('an invalid host fails the host check with a concrete fix', () => {
    const s = daemonDown();
    const checks = buildDiagnostics({
      ...s,
      host: { ...s.host, source: 'setting', invalid: '"http://" (hearth.ollama.host) is not a valid Ollama address' },
      daemon: { ok: false, kind: 'invalidHost', message: 'invalid' },
    });
    assert.equal(statusOf(checks, 'host'), 'fail');
    assert.match(byId(checks, 'host').fix ?? '', /127\.0\.0\.1:11434/);
    assert.equal(statusOf(checks, 'remoteHost'), 'skip');
  });

  it('instructions: untrusted and disabled skip; trimmed warns', () => {
    const s = healthy();
    assert.match(byId(buildDiagnostics({ ...s, instructions: { status: 'untrusted' } }), 'instructions').fix ?? '', /Manage Workspace Trust/);
    assert.equal(statusOf(buildDiagnostics({ ...s, instructions: { status: 'disabled' } }), 'instructions'), 'skip');
    const trimmed = byId(buildDiagnostics({ ...s, instructions: { status: 'ready', files: 3, tokens: 8_000, trimNote: 'trimmed 2.0 KiB from 1 file' } }), 'instructions');
    assert.equal(trimmed.status, 'warn');
    assert.match(trimmed.detail, /trimmed 2\.0 KiB from 1 file/);
  });

  it('keep_alive 0 warns: every request would reload the model', () => {
    const s = healthy();
    for (const keepAlive of ['0', '0s', '0m']) {
      const c = byId(buildDiagnostics({ ...s, settings: { ...s.settings, keepAlive } }), 'keepAlive');
      assert.equal(c.status, 'warn', keepAlive);
    }
    assert.equal(statusOf(buildDiagnostics({ ...s, settings: { ...s.settings, keepAlive: '-1' } }), 'keepAlive'), 'pass');
  });

  it('completions turned off skip the completion model and its probe', () => {
    const s = healthy();
    const checks = buildDiagnostics({ ...s, settings: { ...s.settings, completionEnabled: false }, probes: [s.probes[1]!] });
    assert.equal(statusOf(checks, 'completionModel'), 'skip');
    assert.equal(statusOf(checks, 'numCtx'), 'pass');
  });

  it('escapes table cells', () => {
    const markdown = renderDiagnosticsMarkdown([{ id: 'x', title: 'a|b', status: 'warn', detail: 'one\ntwo | three', fix: 'do\nthis' }]);
    assert.match(markdown, /\| ⚠️ \| a\\\|b \| one two \\\| three \|/);
    assert.match(markdown, /- ⚠️ \*\*a\|b\*\*: do this/);
    assert.match(markdown, /\*\*1 warning\*\*/);
  });
});
