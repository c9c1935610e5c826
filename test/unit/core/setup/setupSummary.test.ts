import * as assert from 'node:assert/strict';
import type { CompletionModelFacts } from '../../../../src/core/completion/fimTransport';
import { RECOMMENDED_MODELS } from '../../../../src/core/setup/recommendedModels';
import { offeredPulls, roleChoices, toSetupSummary } from '../../../../src/core/setup/setupSummary';
import type { SetupInputs } from '../../../../src/core/setup/setupSummary';
import type { SetupRoleSummary, SetupSummary } from '../../../../src/shared/statusTab';

const QWEN_BASE: CompletionModelFacts = { name: 'qwen2.5-coder:1.5b-base', capabilities: ['completion'], template: '{{ .Prompt }}' };
const QWEN_CHAT: CompletionModelFacts = { name: 'qwen2.5-coder:7b', capabilities: ['completion', 'insert', 'tools'], template: '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}{{- else if .Messages }}…' };
const LLAMA: CompletionModelFacts = { name: 'llama3.2:3b', capabilities: ['completion', 'tools'], template: '<|start_header_id|>system{{ range .Messages }}…' };
const EMBED: CompletionModelFacts = { name: 'nomic-embed-text:latest', capabilities: ['embedding'], template: '' };

const BASE: SetupInputs = {
  connection: 'connected',
  models: [QWEN_BASE, QWEN_CHAT, LLAMA],
  completionModel: 'qwen2.5-coder:1.5b-base',
  chatModel: 'qwen2.5-coder:7b',
  completionsEnabled: true,
  completionTemplate: 'auto',
  platform: 'linux',
  host: { url: 'http://127.0.0.1:11434', isLoopback: true },
};

function role(summary: SetupSummary, name: 'completion' | 'chat'): SetupRoleSummary {
  const found = summary.roles.find((r) => r.role === name);
  assert.ok(found, `role ${name} in ${JSON.stringify(summary.roles)}`);
  return found;
}

describe('toSetupSummary', () => {
  it('everything installed: nothing needed, both roles ready with how they work', () => {
    const s = toSetupSummary(BASE);
    assert.equal(s.needed, false);
    assert.equal(s.daemon, 'ready');
    assert.equal(role(s, 'completion').status, 'ready');
    assert.match(role(s, 'completion').message, /raw FIM template/);
    assert.equal(role(s, 'chat').status, 'ready');
  });

  it('connecting: nothing is known yet, so no setup is shown', () => {
    const s = toSetupSummary({ ...BASE, connection: 'connecting', models: [] });
    assert.deepEqual([s.needed, s.daemon, s.roles.length], [false, 'connecting', 0]);
  });

  it('nothing answers: setup needed, with how to install and start Ollama on Linux', () => {
    const s = toSetupSummary({ ...BASE, connection: 'down', failureKind: 'unreachable', models: [] });
    assert.deepEqual([s.needed, s.daemon, s.notRunning, s.platform], [true, 'down', true, 'Linux']);
    const commands = s.startSteps.map((x) => x.command);
    assert.deepEqual(commands, ['curl -fsSL https://ollama.com/install.sh | sh', 'sudo systemctl start ollama', 'ollama serve']);
    assert.deepEqual(s.roles, []);
  });

  it('down for another reason (credentials refused): installing Ollama is not the answer', () => {
    const s = toSetupSummary({ ...BASE, connection: 'down', failureKind: 'unauthorized', models: [] });
    assert.equal(s.needed, true);
    assert.equal(s.notRunning, false);
  });

  it('no models at all: both roles offer the recommended pulls with sizes, small GPUs first', () => {
    const s = toSetupSummary({ ...BASE, models: [] });
    assert.equal(s.needed, true);
    const completion = role(s, 'completion');
    assert.equal(completion.status, 'missing');
    assert.deepEqual(completion.alternatives, []);
    assert.deepEqual(completion.pulls.map((p) => p.name), ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b-base']);
    assert.deepEqual(completion.pulls.map((p) => p.sizeBytes), [986_000_000, 4_700_000_000]);
    assert.deepEqual(completion.pulls.map((p) => p.fits), ['4 GB GPU, or CPU', '8 GB GPU']);
    const chat = role(s, 'chat');
    // The configured chat model (the default) is missing, so it comes first; then the others, small to large.
    assert.deepEqual(chat.pulls.map((p) => p.name), ['qwen2.5-coder:7b', 'llama3.2:3b', 'qwen2.5-coder:32b']);
    assert.ok(chat.pulls.every((p) => p.sizeBytes !== undefined && p.sizeBytes > 0));
    assert.deepEqual(offeredPulls(s, 'chat'), ['qwen2.5-coder:7b', 'llama3.2:3b', 'qwen2.5-coder:32b']);
  });

  it("a configured model of the user's own that is missing is offered first, without a size", () => {
    const s = toSetupSummary({ ...BASE, completionModel: 'deepseek-coder:6.7b-base' });
    const completion = role(s, 'completion');
    assert.equal(completion.status, 'missing');
    assert.match(completion.message, /`deepseek-coder:6\.7b-base` is not installed/);
    assert.deepEqual(completion.pulls[0], { name: 'deepseek-coder:6.7b-base', note: 'The model your settings name.' });
    // Installed FIM-capable models are the quicker way out.
    assert.deepEqual(completion.alternatives, ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b']);
    // Recommended ones already installed are not offered for download.
    assert.deepEqual(completion.pulls.map((p) => p.name), ['deepseek-coder:6.7b-base', 'qwen2.5-coder:7b-base']);
  });

  it('a completion model without insert and no known template is unsuitable; FIM models are offered', () => {
    const s = toSetupSummary({ ...BASE, completionModel: 'llama3.2:3b' });
    const completion = role(s, 'completion');
    assert.equal(completion.status, 'unsuitable');
    assert.match(completion.message, /cannot fill in the middle/);
    assert.deepEqual(completion.alternatives, ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b']);
    assert.ok(!completion.alternatives.includes('llama3.2:3b'));
  });

  it('a template forced by the user makes any model usable for completion', () => {
    const s = toSetupSummary({ ...BASE, completionModel: 'llama3.2:3b', completionTemplate: 'codellama' });
    assert.equal(role(s, 'completion').status, 'ready');
  });

  it('completions turned off: the completion role is not a setup step', () => {
    const s = toSetupSummary({ ...BASE, models: [QWEN_CHAT], completionModel: 'nothing:1b', completionsEnabled: false });
    assert.equal(role(s, 'completion').status, 'off');
    assert.equal(s.needed, false);
  });

  it('an embedding model cannot chat; an unset chat model is a setup step too', () => {
    const embed = toSetupSummary({ ...BASE, models: [...BASE.models, EMBED], chatModel: 'nomic-embed-text' });
    assert.equal(role(embed, 'chat').status, 'unsuitable');
    assert.ok(!role(embed, 'chat').alternatives.includes('nomic-embed-text:latest'));
    const unset = toSetupSummary({ ...BASE, chatModel: '' });
    assert.equal(role(unset, 'chat').status, 'unset');
    assert.equal(unset.needed, true);
  });

  it('does not suggest base or infill-only models for chat', () => {
    const infill = '{{- if .Suffix }}<fim_prefix>{{ .Prompt }}<fim_suffix>{{ .Suffix }}<fim_middle>{{- else }}{{ .Prompt }}{{- end }}';
    const models = [QWEN_BASE, { ...QWEN_BASE, name: 'deepseek-coder:6.7b-base' }, { ...QWEN_BASE, name: 'codellama:7b-code', template: infill }, { ...QWEN_BASE, name: 'starcoder2:3b', template: infill }, LLAMA];
    assert.deepEqual(roleChoices({ ...BASE, models, chatModel: 'missing:1b' }, 'chat').alternatives, ['llama3.2:3b']);
    // A base model the user chose for chat is respected, though.
    assert.equal(role(toSetupSummary({ ...BASE, chatModel: 'qwen2.5-coder:1.5b-base' }), 'chat').status, 'ready');
  });

  it('names compare like Ollama does: "llama3.2" is "llama3.2:latest", case-insensitively', () => {
    const s = toSetupSummary({ ...BASE, models: [...BASE.models, { ...LLAMA, name: 'mistral:latest' }], chatModel: 'Mistral' });
    assert.equal(role(s, 'chat').status, 'ready');
  });

  it('roleChoices lists the choices for a ready role too (the setup command offers them)', () => {
    const { alternatives, pulls } = roleChoices(BASE, 'chat');
    // Base models are no suggestion for chat: they continue text instead of answering.
    assert.deepEqual(alternatives, ['qwen2.5-coder:7b', 'llama3.2:3b']);
    assert.deepEqual(pulls.map((p) => p.name), ['qwen2.5-coder:32b']);
  });

  it('recommends at least one completion and one chat model per GPU size, each with a size', () => {
    for (const r of ['completion', 'chat'] as const) {
      const mine = RECOMMENDED_MODELS.filter((m) => m.role === r);
      assert.ok(mine.some((m) => /^[48] GB/.test(m.fits)), `${r}: a small-GPU choice`);
      assert.ok(mine.some((m) => /^(8|16|24) GB/.test(m.fits) && m.sizeBytes >= 4e9), `${r}: a large-GPU choice`);
    }
  });
});

describe('toSetupSummary on the OpenAI-compatible engine', () => {
  it('a server that does not answer gets its own message, not the steps to install Ollama', () => {
    const s = toSetupSummary({ ...BASE, connection: 'down', failureKind: 'unreachable', ollamaEngine: false });
    assert.equal(s.needed, true);
    assert.equal(s.notRunning, false);
    assert.equal(toSetupSummary({ ...BASE, connection: 'down', failureKind: 'unreachable' }).notRunning, true);
  });

  it('offers the served models that fit, and nothing to pull (the API cannot download)', () => {
    const inputs = { ...BASE, models: [QWEN_CHAT, LLAMA], completionModel: 'Qwen/Qwen2.5-Coder-7B', ollamaEngine: false };
    const choices = roleChoices(inputs, 'completion');
    assert.deepEqual(choices.pulls, []);
    assert.ok(choices.alternatives.includes('qwen2.5-coder:7b'));
    assert.ok(roleChoices({ ...inputs, ollamaEngine: true }, 'completion').pulls.length > 0);
  });
});
