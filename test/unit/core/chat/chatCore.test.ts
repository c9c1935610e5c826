import * as assert from 'node:assert/strict';
import { isChatModel } from '../../../../src/core/chat/chatModels';
import { isCodeFromAnswer } from '../../../../src/core/chat/codeFromAnswer';
import { newConversation, titleFrom } from '../../../../src/core/chat/conversation';
import { conversationToMarkdown } from '../../../../src/core/chat/conversationMarkdown';
import { parseConversation } from '../../../../src/core/chat/parseConversation';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';
import { answer, attachment, user } from './chatFixtures';

function model(name: string, capabilities: ModelInfo['capabilities'], template: string): ModelInfo {
  return { name, digest: 'd', sizeBytes: 1, family: 'x', parameterSize: '1B', quantization: 'Q4', capabilities, capabilitiesReported: true, template };
}

describe('chat core', () => {
  it('lists only models that can chat', () => {
    const chatTemplate = '{{ range .Messages }}{{ .Content }}{{ end }}';
    assert.equal(isChatModel(model('llama3.2:3b', ['completion', 'tools'], chatTemplate)), true);
    assert.equal(isChatModel(model('deepseek-r1:7b', ['completion', 'thinking'], chatTemplate)), true);
    assert.equal(isChatModel(model('qwen2.5-coder:1.5b-base', ['completion'], '{{ .Prompt }}')), false);
    assert.equal(isChatModel(model('codellama:7b-code', ['completion', 'insert'], '{{ if .Suffix }}<PRE> {{ .Prompt }}{{ else }}{{ .Prompt }}{{ end }}')), false);
    assert.equal(isChatModel(model('nomic-embed-text:latest', ['embedding'], '')), false);
    assert.equal(isChatModel(model('llama2:7b', ['completion'], '[INST] <<SYS>>{{ .System }}<</SYS>> {{ .Prompt }} [/INST]')), true);
    const infill = '{{- if .Suffix }}<fim_prefix>{{ .Prompt }}<fim_suffix>{{ .Suffix }}<fim_middle>{{- else }}{{ .Prompt }}{{- end }}';
    assert.equal(isChatModel(model('starcoder2:3b', ['completion', 'insert'], infill)), false);
  });

  it('titles a conversation from its first line, cut on a word', () => {
    assert.equal(titleFrom('  How do I\nsecond line'), 'How do I');
    assert.equal(titleFrom(''), 'New chat');
    const long = titleFrom('Explain why the scheduler aborts the previous request when the user keeps typing fast');
    assert.ok(long.length <= 61 && long.endsWith('…'), long);
    assert.ok(!long.includes('typing fast'));
  });

  it('exports Markdown with turns, attachments, thinking and outcome', () => {
    const conversation = {
      ...newConversation('x', 'deepseek-r1:7b', Date.UTC(2026, 0, 2)),
      title: 'Parsing',
      turns: [user('Parse it', [attachment('app.ts:1-2', 'x')]), { ...answer('Use `JSON.parse`.', 'stopped'), thinking: 'Simple.' }],
    };
    const md = conversationToMarkdown(conversation);
    assert.match(md, /^# Parsing\n/);
    assert.match(md, /## You\n\n_Attached: app\.ts:1-2_\n\nParse it/);
    assert.match(md, /<details><summary>Thinking<\/summary>\n\nSimple\./);
    assert.match(md, /Use `JSON\.parse`\.\n\n_\(stopped\)_\n$/);
  });

  it('parses what it stores and rejects malformed conversations', () => {
    const c = { ...newConversation('ok', 'm', 1), turns: [user('q'), answer('a')] };
    assert.deepEqual(parseConversation(JSON.parse(JSON.stringify(c))), c);
    for (const bad of [
      null,
      [],
      { ...c, version: 2 },
      { ...c, id: '../escape' },
      { ...c, turns: [{ ...answer('a'), status: 'weird' }] },
      { ...c, turns: [{ ...user('q'), context: 'nope' }] },
      { ...c, turns: [{ role: 'system', id: 's', text: 'x', createdAt: 1 }] },
    ]) {
      assert.equal(parseConversation(bad), undefined, JSON.stringify(bad).slice(0, 80));
    }
  });
});

describe('isCodeFromAnswer', () => {
  const answer = [
    'Steps:',
    '',
    '1. Install:',
    '   ```bash',
    '   npm i',
    '   npm test',
    '   ```',
    '',
    '    indented code',
    '    second line',
    '',
    '```ts',
    'export const port = 8080;',
    '```',
  ].join('\n');

  it('accepts blocks as Markdown shows them, nested fences and indented code included', () => {
    assert.equal(isCodeFromAnswer(answer, 'npm i\nnpm test\n'), true);
    assert.equal(isCodeFromAnswer(answer, 'indented code\nsecond line'), true);
    assert.equal(isCodeFromAnswer(answer, 'export const port = 8080;'), true);
  });

  it('refuses code that is not in the answer, out of order, or only part of a line', () => {
    assert.equal(isCodeFromAnswer(answer, 'rm -rf /'), false);
    assert.equal(isCodeFromAnswer(answer, 'npm test\nnpm i'), false);
    assert.equal(isCodeFromAnswer(answer, 'const port'), false);
    assert.equal(isCodeFromAnswer(answer, '\n\n'), false);
  });
});
