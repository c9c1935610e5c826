import { Prng } from './prng';
import { TraceBuilder } from './traceBuilder';
import type { Trace } from './traceBuilder';

/**
 * Three realistic typing traces, generated from fixed seeds: writing new
 * functions into a TypeScript module, small edits in the middle of existing
 * lines, and extending a JSON list. Together over 2,000 keystrokes.
 */
export function benchTraces(): Trace[] {
  return [newFunctions(), midLineEdits(), extendJsonList()];
}

const ORDERS_TS = `import { readFile } from 'node:fs/promises';

export interface Order {
  id: string;
  customer: string;
  items: OrderItem[];
  createdAt: Date;
}

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export function orderTotal(order: Order): number {
  return order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}

export async function loadOrders(path: string): Promise<Order[]> {
  const text = await readFile(path, 'utf8');
  return JSON.parse(text) as Order[];
}
`;

const NEW_FUNCTIONS: readonly (readonly string[])[] = [
  [
    '',
    '',
    'export function ordersByCustomer(orders: Order[], customer: string): Order[] {',
    '  return orders.filter((order) => order.customer === customer);',
    '}',
  ],
  [
    '',
    '',
    'export function largestOrder(orders: Order[]): Order | undefined {',
    '  let largest: Order | undefined;',
    '  for (const order of orders) {',
    '    if (!largest || orderTotal(order) > orderTotal(largest)) {',
    '      largest = order;',
    '    }',
    '  }',
    '  return largest;',
    '}',
  ],
  [
    '',
    '',
    'export function itemCount(order: Order): number {',
    '  return order.items.reduce((count, item) => count + item.quantity, 0);',
    '}',
  ],
  [
    '',
    '',
    'export function ordersSince(orders: Order[], since: Date): Order[] {',
    '  const cutoff = since.getTime();',
    '  return orders.filter((order) => order.createdAt.getTime() >= cutoff);',
    '}',
  ],
  [
    '',
    '',
    'export function revenueBySku(orders: Order[]): Map<string, number> {',
    '  const revenue = new Map<string, number>();',
    '  for (const order of orders) {',
    '    for (const item of order.items) {',
    '      const previous = revenue.get(item.sku) ?? 0;',
    '      revenue.set(item.sku, previous + item.quantity * item.unitPrice);',
    '    }',
    '  }',
    '  return revenue;',
    '}',
  ],
];

function newFunctions(): Trace {
  const rng = new Prng(0x5eed01);
  const b = new TraceBuilder(rng, 'new function', 'file:///bench/src/orders.ts', 'typescript', ORDERS_TS, { lineStart: 0.45, afterOpener: 0.2 });
  b.moveAfter('item.unitPrice, 0);\n}');
  for (const fn of NEW_FUNCTIONS) b.typeLines(fn);
  return b.build();
}

const SERVICE_TS = `import { logger } from './logger';
import { db } from './db';

const timeout = 5000;

export interface User {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export async function fetchUser(id: string): Promise<User | undefined> {
  const row = await db.query('select * from users where id = $1', [id]);
  return row ? toUser(row) : undefined;
}

function toUser(row: Record<string, unknown>): User {
  const name = String(row.name);
  return { id: String(row.id), name: name.trim(), email: String(row.email), active: row.active === true };
}

export async function saveUser(user: User): Promise<void> {
  let result = await db.query('update users set name = $2 where id = $1', [user.id, user.name]);
  if (user) {
    logger.info('saved');
  }
  return result;
}

export async function deactivate(id: string): Promise<boolean> {
  const user = await fetchUser(id);
  if (!user) return false;
  await db.query('update users set active = false where id = $1', [id]);
  logger.warn('deactivated', id);
  return true;
}

export function displayName(user: User): string {
  return user.name;
}

export function sortUsers(users: User[]): User[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name));
}
`;

/** [text the cursor goes after (first occurrence), characters to delete there, text to type]. */
const EDITS: readonly (readonly [string, number, string])[] = [
  ['const timeout = 5000', 4, 'Number(process.env.TIMEOUT_MS ?? 5000)'],
  ['  active: boolean;', 0, '\n  createdAt: Date;'],
  ['export async function fetchUser(id: string', 0, ', options: { cache?: boolean } = {}'],
  ["db.query('select * from users where id = $1', [id]", 0, ', { timeout }'],
  ['const name = String(row.name)', 0, '.trim()'],
  ['email: String(row.email)', 0, '.toLowerCase()'],
  ['let result', 6, 'response'],
  ['[user.id, user.name]', 0, ', { timeout }'],
  ['if (user', 0, ' && user.active'],
  ["logger.info('saved'", 0, ', { id: user.id, name: user.name }'],
  ['return result', 6, 'response'],
  ['const user = await fetchUser(id', 0, ', { cache: false }'],
  ['if (!user', 0, ' || !user.active'],
  ["logger.warn('deactivated', id", 0, ', { at: new Date().toISOString() }'],
  ['return user.name', 0, ' || user.email'],
  ['(a, b) => a.name.localeCompare(b.name', 0, ", 'en', { sensitivity: 'base' }"],
  ['export function displayName(user: User', 0, ', withEmail = false'],
  ['export function displayName(user: User, withEmail = false): string {', 0, '\n  if (withEmail) return `${user.name} <${user.email}>`;'],
  ['export function sortUsers(users: User[]', 0, ', descending = false'],
  ["[...users].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))", 0, ';\n  return descending ? sorted.reverse() : sorted'],
  ['  return [...users]', 17, 'const sorted = [...users]'],
  ["import { db } from './db';", 0, "\nimport { cache } from './cache';"],
  ['  const row = await db.query', 0, 'One'],
  ['[id], { timeout })', 0, ';\n  if (row && options.cache) cache.set(id, row)'],
  ['function toUser(row: Record<string, unknown>', 0, ', now = new Date()'],
  ["active: row.active === true", 0, ', createdAt: now'],
  ['await db.query(\'update users set active = false where id = $1\', [id]', 0, ', { timeout }'],
  ['if (!user || !user.active) return false', 0, ";\n  logger.debug('deactivating', id)"],
];

function midLineEdits(): Trace {
  const rng = new Prng(0x5eed02);
  const b = new TraceBuilder(rng, 'mid-line edits', 'file:///bench/src/users.ts', 'typescript', SERVICE_TS, { lineStart: 0.3, afterOpener: 0.3 });
  for (const [anchor, remove, insert] of EDITS) {
    b.moveAfter(anchor);
    if (remove > 0) b.backspace(remove);
    // Some edits need a moment's thought after the first characters.
    const head = insert.startsWith('\n') ? 0 : Math.min(insert.indexOf('\n') < 0 ? insert.length : insert.indexOf('\n'), rng.int(1, 4));
    b.type(insert.slice(0, head));
    if (rng.chance(0.45)) b.pause(650, 1800);
    b.typeLines(insert.slice(head).split('\n'));
  }
  return b.build();
}

const PRODUCTS_JSON = `{
  "name": "inventory",
  "version": 3,
  "products": [
    {
      "id": 1,
      "sku": "AX-100",
      "name": "Anchor bolt",
      "price": 1.25,
      "tags": ["hardware", "steel"],
      "inStock": true
    },
    {
      "id": 2,
      "sku": "AX-110",
      "name": "Hex nut",
      "price": 0.4,
      "tags": ["hardware"],
      "inStock": true
    },
    {
      "id": 3,
      "sku": "BR-200",
      "name": "Wall bracket",
      "price": 3.9,
      "tags": ["hardware", "mounting"],
      "inStock": false
    }
  ]
}
`;

const NAMES = ['Wood screw', 'Cable tie', 'Hinge', 'Shelf pin', 'Corner brace', 'Drywall plug', 'Eye hook', 'Spring washer', 'Pipe clamp'];
const TAGS = ['hardware', 'steel', 'mounting', 'plastic', 'brass', 'outdoor'];

function extendJsonList(): Trace {
  const rng = new Prng(0x5eed03);
  const b = new TraceBuilder(rng, 'extending a JSON list', 'file:///bench/data/products.json', 'json', PRODUCTS_JSON, { lineStart: 0.35, afterOpener: 0.25 });
  b.moveAfter('"inStock": false\n    }');
  for (let i = 0; i < 7; i++) {
    const id = 4 + i;
    const tags = [rng.pick(TAGS), ...(rng.chance(0.5) ? [rng.pick(TAGS)] : [])].filter((t, k, all) => all.indexOf(t) === k);
    b.typeLines([
      ',',
      '    {',
      `      "id": ${id},`,
      `      "sku": "${rng.pick(['AX', 'BR', 'CT', 'DW'])}-${100 + id * 10}",`,
      `      "name": "${NAMES[i % NAMES.length] ?? 'Part'}",`,
      `      "price": ${(rng.int(20, 990) / 100).toFixed(2)},`,
      `      "tags": [${tags.map((t) => `"${t}"`).join(', ')}],`,
      `      "inStock": ${rng.chance(0.7) ? 'true' : 'false'}`,
      '    }',
    ]);
  }
  return b.build();
}
