import * as assert from 'node:assert/strict';
import { CompletionCache, completionCacheKey } from '../../../../src/core/completion/completionCache';

const at = (prefix: string, suffix = '\n}', docKey = 'file:///a.ts'): { docKey: string; prefix: string; suffix: string } => ({ docKey, prefix, suffix });

describe('CompletionCache', () => {
  it('exact hit for the same document, prefix and suffix', () => {
    const cache = new CompletionCache();
    cache.store(at('const x = '), 'compute();');
    assert.deepEqual(cache.lookup(at('const x = ')), { kind: 'exact', completion: 'compute();' });
  });

  it('store and lookup share one key function; nothing is trimmed or normalised', () => {
    assert.deepEqual(completionCacheKey(at('a ')), completionCacheKey(at('a ')));
    assert.notDeepEqual(completionCacheKey(at('a ')), completionCacheKey(at('a')));
    assert.notDeepEqual(completionCacheKey(at('a', '\n}')), completionCacheKey(at('a', '\n} ')));
    assert.notDeepEqual(completionCacheKey({ docKey: 'a', prefix: 'bc', suffix: '' }), completionCacheKey({ docKey: 'ab', prefix: 'c', suffix: '' }));
    const cache = new CompletionCache();
    cache.store(at('x = \t'), '1');
    assert.equal(cache.lookup(at('x = ')), undefined, 'trailing whitespace is part of the key');
    assert.equal(cache.lookup(at('x = \t', '\n}\n')), undefined);
    assert.equal(cache.lookup(at('x = \t'))?.completion, '1');
  });

  it('a suffix change is a miss, also for type-through', () => {
    const cache = new CompletionCache();
    cache.store(at('foo('), 'a, b');
    assert.equal(cache.lookup(at('foo(', ')\n}')), undefined);
    assert.equal(cache.lookup(at('foo(a', ')\n}')), undefined);
  });

  it('another document is a miss', () => {
    const cache = new CompletionCache();
    cache.store(at('foo('), 'a, b');
    assert.equal(cache.lookup(at('foo(', '\n}', 'file:///b.ts')), undefined);
  });

  it('type-through: typing the start of a cached completion serves the rest', () => {
    const cache = new CompletionCache();
    cache.store(at('const x = '), 'compute(a);');
    assert.deepEqual(cache.lookup(at('const x = c')), { kind: 'typeThrough', completion: 'ompute(a);', typed: 'c' });
    assert.equal(cache.lookup(at('const x = compute('))?.completion, 'a);');
  });

  it('type-through misses when the typing diverges or finishes the completion', () => {
    const cache = new CompletionCache();
    cache.store(at('const x = '), 'compute();');
    assert.equal(cache.lookup(at('const x = d')), undefined);
    assert.equal(cache.lookup(at('const x = compute();')), undefined, 'all of it typed: the next thing needs a request');
  });

  it('type-through prefers the most recent (longest) cached prefix', () => {
    const cache = new CompletionCache();
    cache.store(at('let a = '), 'foo(bar);');
    cache.store(at('let a = foo'), '(baz);');
    assert.equal(cache.lookup(at('let a = foo('))?.completion, 'baz);');
  });

  it('walk-back: deleting back to a position serves its suggestion again', () => {
    const cache = new CompletionCache();
    cache.store(at('if (ready'), ') {');
    cache.store(at('if (ready) {\n  '), 'start();');
    assert.equal(cache.lookup(at('if (ready) {\n  s'))?.completion, 'tart();');
    assert.deepEqual(cache.lookup(at('if (ready) {\n  ')), { kind: 'exact', completion: 'start();' });
    assert.deepEqual(cache.lookup(at('if (ready')), { kind: 'exact', completion: ') {' });
  });

  it('an empty completion is cached as "nothing here"', () => {
    const cache = new CompletionCache();
    cache.store(at('x'), '');
    assert.deepEqual(cache.lookup(at('x')), { kind: 'exact', completion: '' });
    assert.equal(cache.lookup(at('xy')), undefined);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new CompletionCache({ maxEntries: 2, maxChars: 1_000_000 });
    cache.store(at('a'), '1');
    cache.store(at('b'), '2');
    cache.lookup(at('a'));
    cache.store(at('c'), '3');
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup(at('b')), undefined);
    assert.equal(cache.lookup(at('a'))?.completion, '1');
    assert.equal(cache.lookup(at('c'))?.completion, '3');
  });

  it('bounds the total characters and skips entries larger than the bound', () => {
    const cache = new CompletionCache({ maxEntries: 100, maxChars: 30 });
    cache.store(at('aaaaaaaa', ''), '1234567890');
    cache.store(at('bbbbbbbb', ''), '1234567890');
    assert.equal(cache.size, 1);
    assert.ok(cache.totalChars <= 30);
    assert.equal(cache.lookup(at('bbbbbbbb', ''))?.completion, '1234567890');
    cache.store(at('x'.repeat(40), ''), 'y');
    assert.equal(cache.lookup(at('x'.repeat(40), '')), undefined);
    assert.equal(cache.size, 1);
  });

  it('re-storing a position replaces it without leaking size', () => {
    const cache = new CompletionCache({ maxEntries: 10, maxChars: 1000 });
    cache.store(at('a', ''), '1');
    cache.store(at('a', ''), '22');
    assert.equal(cache.size, 1);
    assert.equal(cache.totalChars, 3);
  });

  it('forgetDocument drops only that document', () => {
    const cache = new CompletionCache();
    cache.store(at('a'), '1');
    cache.store(at('a', '\n}', 'file:///b.ts'), '2');
    cache.forgetDocument('file:///a.ts');
    assert.equal(cache.lookup(at('a')), undefined);
    assert.equal(cache.lookup(at('a', '\n}', 'file:///b.ts'))?.completion, '2');
  });

  it('carries the source a completion was stored with to its hits', () => {
    const cache = new CompletionCache();
    cache.store(at('const x = '), 'compute();', 7);
    assert.deepEqual(cache.lookup(at('const x = ')), { kind: 'exact', completion: 'compute();', source: 7 });
    assert.deepEqual(cache.lookup(at('const x = comp')), { kind: 'typeThrough', completion: 'ute();', typed: 'comp', source: 7 });
  });
});
