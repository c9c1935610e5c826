// Host messages as the extension sends them, for the webview tests, the
// screenshots and the benchmark.
import type { ChatAssistantTurn, ChatSession, ChatUserTurn, ContextChip } from '../../src/shared/protocol';

export const CONVERSATION_ID = 'conv-1';

export function chatSession(overrides: Partial<ChatSession> = {}): ChatSession {
  return {
    conversations: [
      { id: CONVERSATION_ID, title: 'Debounce the search box', updatedAt: Date.now() - 60_000, turns: 4 },
      { id: 'conv-2', title: 'Why does the build fail on CI?', updatedAt: Date.now() - 3 * 3600_000, turns: 6 },
      { id: 'conv-3', title: 'Explain the FIM templates', updatedAt: Date.now() - 2 * 86400_000, turns: 2 },
    ],
    activeId: CONVERSATION_ID,
    title: 'Debounce the search box',
    model: 'qwen2.5-coder:7b',
    models: [
      { name: 'qwen2.5-coder:7b', parameterSize: '7.6B', thinking: false },
      { name: 'llama3.2:3b', parameterSize: '3.2B', thinking: false },
      { name: 'qwen3:8b', parameterSize: '8.2B', thinking: true },
    ],
    context: [selectionChip()],
    budget: { promptTokens: 1840, contextTokens: 8192, reservedTokens: 1024, droppedTurns: 0, trimmedAttachments: [], instructionsTrimmed: false, charsPerToken: 4 },
    instructions: { status: 'ready', files: ['AGENTS.md', 'packages/web/AGENTS.md'], tokens: 412 },
    streaming: false,
    mode: 'ask',
    agent: { available: true },
    warnings: [],
    ...overrides,
  };
}

export function selectionChip(overrides: Partial<ContextChip> = {}): ContextChip {
  return { id: 'chip-sel', kind: 'selection', label: 'search.ts:12-30', path: 'src/search.ts', tokens: 240, truncated: false, ...overrides };
}

export function userTurn(id: string, text: string, context: readonly ContextChip[] = []): ChatUserTurn {
  return { id, role: 'user', text, context, createdAt: Date.now() - 120_000 };
}

export function assistantTurn(id: string, text: string, overrides: Partial<ChatAssistantTurn> = {}): ChatAssistantTurn {
  return {
    id,
    role: 'assistant',
    model: 'qwen2.5-coder:7b',
    text,
    thinking: '',
    status: 'done',
    stats: { promptTokens: 1620, evalTokens: 212, tokensPerSecond: 41.3, totalMs: 5400 },
    createdAt: Date.now() - 100_000,
    ...overrides,
  };
}

export const SAMPLE_ANSWER = `The input fires a request on **every keystroke**, and older responses can arrive after newer ones. Debounce the handler and cancel the previous request:

\`\`\`ts
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const controller = { current: new AbortController() };
input.addEventListener('input', debounce(async () => {
  controller.current.abort();
  controller.current = new AbortController();
  const results = await search(input.value, { signal: controller.current.signal });
  render(results);
}, 200));
\`\`\`

Why this works:

1. \`debounce\` waits until typing pauses for 200 ms.
2. \`AbortController\` drops the stale request, so an old answer never overwrites a new one.
3. The handler stays small enough to test — see [the MDN guide](https://developer.mozilla.org/docs/Web/API/AbortController) or \`src/search.ts\`.

| option | effect |
|---|---|
| \`ms: 200\` | fewer requests while typing |
| \`signal\` | cancels in-flight fetches |
`;

export function sampleConversation(): (ChatUserTurn | ChatAssistantTurn)[] {
  return [
    userTurn('t1', 'The search box sends a request for every key I press and sometimes shows old results. How do I fix it?', [selectionChip()]),
    assistantTurn('t2', SAMPLE_ANSWER, { thinking: 'The user types fast; each input event triggers fetch. Race: responses out of order. Fix: debounce + AbortController.' }),
    userTurn('t3', 'Can you add a test for the debounce?'),
  ];
}
