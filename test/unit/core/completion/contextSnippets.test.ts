import * as assert from 'node:assert/strict';
import { SnippetWindowCache, identifierTokens, jaccard, selectContextSnippets, snippetQuery } from '../../../../src/core/completion/contextSnippets';

const filler = (tag: string, n: number): string => Array.from({ length: n }, (_, i) => `${tag}Value${i} = ${tag}Helper${i}(${tag}Arg${i})`).join('\n');

const userService = [
  filler('zz', 30),
  'export function loadUser(userId: string): Promise<User> {',
  '  return userRepository.findById(userId).then(toUser);',
  '}',
  filler('yy', 30),
].join('\n');

const cart = ['export function cartTotal(cart: Cart): number {', '  return cart.items.reduce((sum, item) => sum + item.price, 0);', '}'].join('\n');

const query = 'async function showUser(userId: string) {\n  const user = await loadUser(userId);\n  userRepository.';

describe('contextSnippets', () => {
  it('identifier tokens skip keywords and one-letter names', () => {
    assert.deepEqual([...identifierTokens('const userId = a + getUser(userId); return x')].sort(), ['getUser', 'userId']);
  });

  it('jaccard over token sets', () => {
    assert.equal(jaccard(new Set(['a', 'b']), new Set(['b', 'c'])), 1 / 3);
    assert.equal(jaccard(new Set(), new Set(['a'])), 0);
  });

  it('picks the most similar window of each file, best last', () => {
    const picked = selectContextSnippets(query, [{ path: 'cart.ts', text: cart }, { path: 'userService.ts', text: userService }], { maxChars: 5000, minScore: 0.01 });
    assert.equal(picked.at(-1)?.path, 'userService.ts');
    assert.ok(picked.at(-1)?.text.includes('loadUser(userId: string)'));
    assert.ok(!picked.at(-1)?.text.includes('zzValue0 ='), 'a window, not the whole file');
  });

  it('drops unrelated files below the minimum score', () => {
    const picked = selectContextSnippets(query, [{ path: 'cart.ts', text: cart }], { maxChars: 5000 });
    assert.deepEqual(picked, []);
  });

  it('stays within the character budget', () => {
    const picked = selectContextSnippets(query, [{ path: 'userService.ts', text: userService }], { maxChars: 100, minScore: 0.01 });
    assert.deepEqual(picked, []);
    const roomy = selectContextSnippets(query, [{ path: 'userService.ts', text: userService }], { maxChars: 3000, minScore: 0.01 });
    assert.ok(roomy.reduce((n, s) => n + s.path.length + s.text.length + 2, 0) <= 3000);
  });

  it('keeps the previous choice while it still scores nearly as well (a stable prompt head)', () => {
    const sources = [{ path: 'userService.ts', text: userService }];
    const first = selectContextSnippets(query, sources, { maxChars: 5000, minScore: 0.01 });
    const typedMore = `${query}findById`;
    const again = selectContextSnippets(typedMore, sources, { maxChars: 5000, minScore: 0.01, previous: first });
    assert.deepEqual(again, first);
  });

  it('drops the previous choice once its file changed', () => {
    const sources = [{ path: 'userService.ts', text: userService }];
    const stale = [{ path: 'userService.ts', text: 'gone()' }];
    const picked = selectContextSnippets(query, sources, { maxChars: 5000, minScore: 0.01, previous: stale });
    assert.notDeepEqual(picked, stale);
  });

  it('a window cache gives the same choice, and tokenizes each source once', () => {
    const sources = [{ path: 'cart.ts', text: cart }, { path: 'userService.ts', text: userService }];
    const cache = new SnippetWindowCache(8);
    const plain = selectContextSnippets(query, sources, { maxChars: 5000, minScore: 0.01 });
    assert.deepEqual(selectContextSnippets(query, sources, { maxChars: 5000, minScore: 0.01, cache }), plain);
    const windows = cache.windows(userService, 24, 12);
    assert.equal(cache.windows(userService, 24, 12), windows, 'the same array: computed once');
    assert.deepEqual(selectContextSnippets(`${query}find`, sources, { maxChars: 5000, minScore: 0.01, cache, previous: plain }), plain);
  });

  it('the window cache is bounded', () => {
    const cache = new SnippetWindowCache(2);
    const a = cache.windows('alpha beta', 24, 12);
    cache.windows('gamma delta', 24, 12);
    cache.windows('epsilon zeta', 24, 12);
    assert.notEqual(cache.windows('alpha beta', 24, 12), a, 'the oldest was evicted');
  });

  it('snippetQuery takes lines around the cursor', () => {
    assert.equal(snippetQuery('a\nb\nc\nd', 'e\nf\ng', 2, 2), 'c\nde\nf');
  });
});
