import * as assert from 'node:assert/strict';
import { DEFAULT_OLLAMA_HOST, InvalidHostError, displayHost, isLoopbackHostname, resolveOllamaHost } from '../../../src/core/ollamaHost';

describe('resolveOllamaHost', () => {
  const url = (setting: string | undefined, env?: string): string => resolveOllamaHost(setting, env).url;

  it('defaults to 127.0.0.1:11434 when neither setting nor OLLAMA_HOST is set', () => {
    const host = resolveOllamaHost(undefined, undefined);
    assert.deepEqual(host, { url: DEFAULT_OLLAMA_HOST, source: 'default', raw: '', isLoopback: true });
    assert.equal(resolveOllamaHost('  ', '').source, 'default');
  });

  it('prefers the setting over OLLAMA_HOST, and OLLAMA_HOST over the default', () => {
    assert.equal(resolveOllamaHost('127.0.0.1:1', '127.0.0.1:2').source, 'setting');
    const env = resolveOllamaHost('', 'gpu-box:8080');
    assert.equal(env.source, 'env');
    assert.equal(env.url, 'http://gpu-box:8080');
    assert.equal(env.raw, 'gpu-box:8080');
  });

  it('reads localhost without a port as port 11434', () => {
    assert.equal(url('localhost'), 'http://localhost:11434');
    assert.equal(url('http://localhost'), 'http://localhost:11434');
  });

  it('keeps an explicit port such as :11435', () => {
    assert.equal(url('localhost:11435'), 'http://localhost:11435');
    assert.equal(url(':11435'), 'http://127.0.0.1:11435');
    assert.equal(url('http://127.0.0.1:11435/'), 'http://127.0.0.1:11435');
  });

  it('dials 0.0.0.0 and :: as loopback', () => {
    assert.equal(url('0.0.0.0'), 'http://127.0.0.1:11434');
    assert.equal(url('0.0.0.0:11500'), 'http://127.0.0.1:11500');
    assert.equal(url('[::]:11434'), 'http://[::1]:11434');
    assert.equal(url('http://[::]'), 'http://[::1]:11434');
    assert.equal(resolveOllamaHost('0.0.0.0', undefined).isLoopback, true);
  });

  it('gives http://host without a port 11434, not the client library’s 80', () => {
    assert.equal(url('http://gpu-box'), 'http://gpu-box:11434');
    assert.equal(url('gpu-box'), 'http://gpu-box:11434');
  });

  it('gives https without a port 443 and keeps https', () => {
    assert.equal(url('https://ollama.example.com'), 'https://ollama.example.com:443');
    assert.equal(url('https://ollama.example.com:8443'), 'https://ollama.example.com:8443');
  });

  it('keeps path prefixes of a reverse proxy, without a trailing slash', () => {
    assert.equal(url('https://example.com/ollama/'), 'https://example.com:443/ollama');
    assert.equal(url('http://proxy:8080/a/b'), 'http://proxy:8080/a/b');
  });

  it('keeps credentials in the URL but not in the display form', () => {
    const host = resolveOllamaHost('https://user:secret@example.com', undefined);
    assert.equal(host.url, 'https://user:secret@example.com:443');
    assert.equal(displayHost(host), 'https://example.com');
  });

  it('uses OLLAMA_HOST with the same rules', () => {
    assert.equal(url(undefined, '0.0.0.0'), 'http://127.0.0.1:11434');
    assert.equal(url(undefined, 'https://remote.example'), 'https://remote.example:443');
  });

  it('tells loopback from remote hosts', () => {
    assert.equal(resolveOllamaHost('localhost', undefined).isLoopback, true);
    assert.equal(resolveOllamaHost('127.0.0.5:9', undefined).isLoopback, true);
    assert.equal(resolveOllamaHost('[::1]:11434', undefined).isLoopback, true);
    assert.equal(resolveOllamaHost('192.168.1.20', undefined).isLoopback, false);
    assert.equal(resolveOllamaHost('https://ollama.example.com', undefined).isLoopback, false);
    assert.equal(isLoopbackHostname('localhost.evil.com'), false);
  });

  it('rejects addresses it cannot dial, naming where they came from', () => {
    assert.throws(() => resolveOllamaHost('ftp://host', undefined), InvalidHostError);
    assert.throws(() => resolveOllamaHost('http://', undefined), InvalidHostError);
    assert.throws(
      () => resolveOllamaHost(undefined, 'http://bad host'),
      (e: unknown) => e instanceof InvalidHostError && e.source === 'env' && /OLLAMA_HOST/.test(e.message),
    );
  });
});
