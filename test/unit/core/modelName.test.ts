import * as assert from 'node:assert/strict';
import { findModel, modelNameKey, parseModelName, sameModelName } from '../../../src/core/modelName';
import type { ModelInfo } from '../../../src/core/engine/engineTypes';

const installed = (name: string): ModelInfo => ({
  name, digest: 'd', sizeBytes: 1, family: 'qwen2', parameterSize: '7B', quantization: 'Q4_K_M',
  capabilities: ['completion', 'insert'], capabilitiesReported: true, template: '',
});

describe('model names, as Ollama reads them', () => {
  it('splits host, namespace, model and tag with Ollama\'s defaults', () => {
    assert.deepEqual(parseModelName('llama3.2'), { host: 'registry.ollama.ai', namespace: 'library', model: 'llama3.2', tag: 'latest' });
    assert.deepEqual(parseModelName('user/model:q4'), { host: 'registry.ollama.ai', namespace: 'user', model: 'model', tag: 'q4' });
    assert.deepEqual(parseModelName('localhost:5000/library/foo'), { host: 'localhost:5000', namespace: 'library', model: 'foo', tag: 'latest' });
    assert.deepEqual(parseModelName('https://reg.example:8443/team/coder:7b'), { host: 'reg.example:8443', namespace: 'team', model: 'coder', tag: '7b' });
    // Two parts are namespace/model to Ollama, even when the first looks like a host.
    assert.deepEqual(parseModelName('localhost:5000/foo'), { host: 'registry.ollama.ai', namespace: 'localhost:5000', model: 'foo', tag: 'latest' });
  });

  it('treats the pairs from issue #17 as one model each', () => {
    assert.ok(sameModelName('Qwen2.5-Coder:7b', 'qwen2.5-coder:7b'), 'case does not matter');
    assert.ok(sameModelName('localhost:5000/foo', 'localhost:5000/foo:latest'), 'a registry port is not a tag');
    assert.ok(sameModelName('LOCALHOST:5000/Team/Foo', 'localhost:5000/team/foo:latest'));
  });

  it('fills in the defaults Ollama fills in', () => {
    assert.ok(sameModelName('llama3.2', 'llama3.2:latest'));
    assert.ok(sameModelName('llama3.2', 'library/llama3.2'));
    assert.ok(sameModelName('llama3.2:3b', 'registry.ollama.ai/library/llama3.2:3b'));
    assert.ok(sameModelName(' llama3.2 ', 'llama3.2'), 'surrounding spaces are not part of a name');
  });

  it('keeps different models apart', () => {
    assert.ok(!sameModelName('llama3.2:3b', 'llama3.2:1b'));
    assert.ok(!sameModelName('llama3.2:3b', 'llama3.2'), ':3b is not :latest');
    assert.ok(!sameModelName('user/foo', 'foo'), 'another namespace');
    assert.ok(!sameModelName('localhost:5000/library/foo', 'foo'), 'another registry');
    assert.ok(!sameModelName('localhost:5000/library/foo', 'localhost:5001/library/foo'), 'another port');
    assert.ok(!sameModelName('foo:', 'foo'), 'a promised but empty tag is not latest');
    assert.ok(!sameModelName('', ''), 'an empty name names no model');
  });

  it('gives one key per model, for maps and sets', () => {
    assert.equal(modelNameKey('Qwen2.5-Coder'), modelNameKey('registry.ollama.ai/library/qwen2.5-coder:LATEST'));
    assert.notEqual(modelNameKey('qwen2.5-coder:7b'), modelNameKey('qwen2.5-coder:1.5b'));
  });

  it('finds an installed model whatever the spelling of the setting', () => {
    const models = [installed('qwen2.5-coder:7b'), installed('localhost:5000/foo:latest')];
    assert.equal(findModel(models, 'Qwen2.5-Coder:7b')?.name, 'qwen2.5-coder:7b');
    assert.equal(findModel(models, 'localhost:5000/foo')?.name, 'localhost:5000/foo:latest');
    assert.equal(findModel(models, 'qwen2.5-coder'), undefined);
  });
});
