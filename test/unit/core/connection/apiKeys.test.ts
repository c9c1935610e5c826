import * as assert from 'node:assert/strict';
import { bearerKeyIn, hostIdOf, maskKeys, maskKeysIn, withApiKey, withoutHeader } from '../../../../src/core/connection/apiKeys';
import type { ApiKeySource } from '../../../../src/core/connection/apiKeys';
import { toConnectionConfig } from '../../../../src/core/connection/connectionConfig';

const KEY = 'sk-team-0123456789abcdef';
const keysFor = (entries: Record<string, string>): ApiKeySource => ({
  keyFor: (hostId) => entries[hostId],
  allKeys: () => Object.values(entries),
});
const connection = (host: string, headers: Record<string, string> = {}) => toConnectionConfig({ host, headers, keepAlive: '5m', numCtx: 4096 }, undefined);

describe('API keys per host', () => {
  it('names a host by scheme, name and port, whatever the path or case', () => {
    assert.equal(hostIdOf('http://GPU.lan:8000/v1'), 'http://gpu.lan:8000');
    assert.equal(hostIdOf('https://gpu.lan'), 'https://gpu.lan');
    assert.notEqual(hostIdOf('http://gpu.lan:8000'), hostIdOf('https://gpu.lan:8000'));
    assert.notEqual(hostIdOf('http://gpu.lan:8000'), hostIdOf('http://gpu.lan:8001'));
  });

  it('adds the bearer header only for the host the key was stored for', () => {
    const keys = keysFor({ 'http://gpu.lan:8000': KEY });
    assert.deepEqual(withApiKey(connection('gpu.lan:8000'), keys).headers, { Authorization: `Bearer ${KEY}` });
    // Same name, other port; same port, other scheme; another host entirely.
    for (const other of ['gpu.lan:8001', 'https://gpu.lan:8000', 'evil.example:8000', '']) {
      assert.deepEqual(withApiKey(connection(other), keys).headers, {}, other);
    }
  });

  it('replaces an Authorization header from the settings, in any case, and keeps the others', () => {
    const keys = keysFor({ 'http://gpu.lan:8000': KEY });
    const c = withApiKey(connection('gpu.lan:8000', { authorization: 'Bearer old', 'X-Proxy': 'p' }), keys);
    assert.deepEqual(c.headers, { 'X-Proxy': 'p', Authorization: `Bearer ${KEY}` });
  });

  it('sends no key to an address that failed to parse', () => {
    const keys = keysFor({ 'http://127.0.0.1:11434': KEY });
    const c = withApiKey(connection('ftp://nowhere'), keys);
    assert.ok(c.invalidHost);
    assert.deepEqual(c.headers, {});
  });

  it('finds a bearer token in the headers setting, and only a bearer token', () => {
    assert.deepEqual(bearerKeyIn({ 'X-Other': 'a', AUTHORIZATION: `  bearer ${KEY} ` }), { header: 'AUTHORIZATION', key: KEY });
    assert.equal(bearerKeyIn({ Authorization: 'Basic dXNlcjpwYXNz' }), undefined);
    assert.equal(bearerKeyIn({ 'x-api-key': KEY }), undefined);
    assert.equal(bearerKeyIn({ Authorization: 'Bearer' }), undefined);
    assert.deepEqual(withoutHeader({ AUTHORIZATION: 'x', 'X-Other': 'a' }, 'AUTHORIZATION'), { 'X-Other': 'a' });
  });

  it('masks every occurrence of every key, and leaves text without keys alone', () => {
    const text = `401 from proxy: invalid token ${KEY}; header was "Bearer ${KEY}"`;
    const masked = maskKeys(text, [KEY, 'sk-other-99999999']);
    assert.ok(!masked.includes(KEY), masked);
    assert.equal(masked, '401 from proxy: invalid token ••••••••; header was "Bearer ••••••••"');
    assert.equal(maskKeys('nothing secret here', [KEY]), 'nothing secret here');
    // A "key" as short as a common word would mangle every message: not masked.
    assert.equal(maskKeys('the model is ready', ['ready']), 'the model is ready');
  });

  it('masks keys in a message for the view, deep in any string, and returns the same message when there is none', () => {
    const message = { type: 'status', failure: { message: `proxy said: bad key ${KEY}`, actions: [{ label: `"${KEY}"` }] } };
    const masked = maskKeysIn(message, [KEY]);
    assert.ok(!JSON.stringify(masked).includes(KEY), JSON.stringify(masked));
    assert.equal(masked.failure.message, 'proxy said: bad key ••••••••');
    assert.equal(masked.failure.actions[0]?.label, '"••••••••"');
    const clean = { type: 'status', text: 'fine' };
    assert.equal(maskKeysIn(clean, [KEY]), clean);
    assert.equal(maskKeysIn(message, []), message);
  });
});
