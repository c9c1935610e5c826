import * as assert from 'node:assert/strict';
import { newConversation } from '../../../../src/core/chat/conversation';
import type { Conversation } from '../../../../src/core/chat/conversation';
import { ConversationStore } from '../../../../src/core/chat/conversationStore';
import { nullLogger } from '../../../../src/core/logger';
import { answer, attachment, user } from './chatFixtures';
import { MemoryStoreFs } from './memoryStoreFs';

function sample(id: string, updatedAt = 1): Conversation {
  const c = newConversation(id, 'llama3.2:3b', 1);
  return { ...c, title: `Chat ${id}`, updatedAt, turns: [user('Explain', [attachment('app.ts:1-2', 'let x = 1;')]), answer('It declares **x**.')] };
}

describe('ConversationStore', () => {
  it('round-trips conversations, newest first, attachments and all', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger);
    const one = sample('one', 10);
    await store.save(one);
    await store.save(sample('two', 20));
    const loaded = await new ConversationStore(fs, nullLogger).loadAll();
    assert.deepEqual(loaded.conversations.map((c) => c.id), ['two', 'one']);
    assert.deepEqual(loaded.conversations[1], one);
    assert.deepEqual(loaded.warnings, []);
  });

  it('writes through a temporary file, so a crash mid-write keeps the previous version', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger);
    const first = sample('c1', 1);
    await store.save(first);
    fs.failNextWrite = true;
    await assert.rejects(store.save({ ...first, title: 'newer', updatedAt: 2 }));
    assert.ok(fs.files.has('c1.json.tmp'), 'the torn write is left in the temporary file');
    const loaded = await new ConversationStore(fs, nullLogger).loadAll();
    assert.equal(loaded.conversations[0]?.title, 'Chat c1');
    assert.deepEqual(loaded.warnings, []);
    assert.ok(!fs.files.has('c1.json.tmp'), 'the leftover is cleaned up');
  });

  it('recovers an answer that was streaming when the window died: its text is kept, marked interrupted', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger);
    const c = sample('s1');
    await store.save({ ...c, turns: [c.turns[0]!, answer('Half of the ans', 'streaming')] });
    const [loaded] = (await new ConversationStore(fs, nullLogger).loadAll()).conversations;
    const last = loaded?.turns[1];
    assert.ok(last?.role === 'assistant');
    assert.equal(last.status, 'interrupted');
    assert.equal(last.text, 'Half of the ans');
  });

  it('sets a corrupted file aside with a warning and still loads the others', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger, () => 1234);
    await store.save(sample('good'));
    fs.files.set('bad.json', new TextEncoder().encode('{"version":1,"id":"bad","tit'));
    fs.files.set('shape.json', new TextEncoder().encode(JSON.stringify({ version: 1, id: 'shape', title: 3 })));
    fs.files.set('notes.txt', new TextEncoder().encode('not ours'));
    const loaded = await new ConversationStore(fs, nullLogger, () => 1234).loadAll();
    assert.deepEqual(loaded.conversations.map((c) => c.id), ['good']);
    assert.equal(loaded.warnings.length, 2);
    assert.match(loaded.warnings.join('\n'), /bad\.json\.corrupt-1234/);
    assert.ok(fs.files.has('bad.json.corrupt-1234') && fs.files.has('shape.json.corrupt-1234'), 'nothing is deleted');
    assert.ok(fs.files.has('notes.txt'));
    // Set aside once: the next load is clean.
    assert.deepEqual((await new ConversationStore(fs, nullLogger).loadAll()).warnings, []);
  });

  it('refuses a file whose id does not match its name (a copied file would otherwise shadow another)', async () => {
    const fs = new MemoryStoreFs();
    await new ConversationStore(fs, nullLogger).save(sample('a'));
    fs.files.set('b.json', fs.files.get('a.json')!);
    const loaded = await new ConversationStore(fs, nullLogger).loadAll();
    assert.deepEqual(loaded.conversations.map((c) => c.id), ['a']);
    assert.equal(loaded.warnings.length, 1);
  });

  it('coalesces a burst of saves into ordered writes ending with the newest version', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger);
    const c = sample('burst');
    const saves = [];
    for (let i = 0; i < 20; i++) saves.push(store.save({ ...c, title: `v${i}`, updatedAt: i }));
    await Promise.all(saves);
    assert.ok(fs.writes.length < 20, `${fs.writes.length} writes`);
    assert.equal((JSON.parse(fs.text('burst.json')) as Conversation).title, 'v19');
  });

  it('a delete wins over a save still queued', async () => {
    const fs = new MemoryStoreFs();
    const store = new ConversationStore(fs, nullLogger);
    const saved = store.save(sample('gone'));
    const removed = store.remove('gone');
    await Promise.all([saved, removed]);
    await store.flush();
    assert.deepEqual([...fs.files.keys()].filter((n) => n.startsWith('gone')), []);
  });
});
