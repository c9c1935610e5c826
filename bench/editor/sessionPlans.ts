export type SessionKind = 'new-code' | 'mid-line' | 'json-list';

/**
 * One editing job. `type` text may span lines: each next line is started
 * with Enter, and its indentation is then fixed by hand (spaces or
 * Backspace), as with `autoIndent: keep`.
 */
export type PlanStep = { readonly type: string } | { readonly moveAfter: string } | { readonly erase: number };

export interface SessionPlan {
  readonly kind: SessionKind;
  readonly extension: string;
  readonly languageId: string;
  readonly text: string;
  /** The session starts with the cursor right after the first occurrence of this text. */
  readonly startAfter: string;
  readonly steps: readonly PlanStep[];
}

const INVENTORY_TS = `import { readFile } from 'node:fs/promises';

export interface StockItem {
  sku: string;
  name: string;
  quantity: number;
  reorderLevel: number;
  unitCost: number;
}

export interface Warehouse {
  id: string;
  items: StockItem[];
}

export async function loadWarehouse(path: string): Promise<Warehouse> {
  const text = await readFile(path, 'utf8');
  return JSON.parse(text) as Warehouse;
}

export function stockValue(warehouse: Warehouse): number {
  let total = 0;
  for (const item of warehouse.items) {
    total += item.quantity * item.unitCost;
  }
  return total;
}

export function itemsToReorder(warehouse: Warehouse): StockItem[] {
  const low = warehouse.items.filter((item) => item.quantity <= item.reorderLevel);
  return low.sort((a, b) => a.quantity - b.quantity);
}

export function restock(warehouse: Warehouse, sku: string, amount: number): StockItem {
  const item = warehouse.items.find((candidate) => candidate.sku === sku);
  if (!item) {
    throw new Error(\`unknown sku \${sku}\`);
  }
  item.quantity += amount;
  return item;
}

export function summary(warehouse: Warehouse): string {
  const lines = warehouse.items.map((item) => \`\${item.sku} \${item.name}: \${item.quantity}\`);
  return [\`warehouse \${warehouse.id}\`, ...lines].join('\\n');
}
`;

/** New statements inside an existing function, between its guard and its update. */
const NEW_CODE: SessionPlan = {
  kind: 'new-code',
  extension: 'ts',
  languageId: 'typescript',
  text: INVENTORY_TS,
  startAfter: 'throw new Error(`unknown sku ${sku}`);\n  }',
  steps: [
    {
      type: [
        '',
        '  if (amount <= 0) {',
        '    throw new RangeError(`amount must be positive, got ${amount}`);',
        '  }',
        '  const limit = item.reorderLevel * 4;',
      ].join('\n'),
    },
  ],
};

const USERS_TS = `import { logger } from './logger';
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

export function sortUsers(users: User[]): User[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name));
}
`;

/** Small edits in the middle of existing lines of several functions. */
const MID_LINE: SessionPlan = {
  kind: 'mid-line',
  extension: 'ts',
  languageId: 'typescript',
  text: USERS_TS,
  startAfter: "db.query('select * from users where id = $1', [id]",
  steps: [
    { type: ', { timeout }' },
    { moveAfter: 'const name = String(row.name)' },
    { type: '.trim()' },
    { moveAfter: 'email: String(row.email)' },
    { type: '.toLowerCase()' },
    { moveAfter: 'let result' },
    { erase: 6 },
    { type: 'response' },
    { moveAfter: 'return result' },
    { erase: 6 },
    { type: 'response' },
    { moveAfter: 'if (!user' },
    { type: ' || !user.active' },
    { moveAfter: "logger.warn('deactivated', id" },
    { type: ', { at: new Date().toISOString() }' },
    { moveAfter: 'a.name.localeCompare(b.name' },
    { type: ", 'en', { sensitivity: 'base' }" },
  ],
};

const PRODUCTS_JSON = `{
  "name": "inventory",
  "version": 3,
  "warehouses": ["north", "south"],
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

/** One more object in a JSON list, then one more string in another. */
const JSON_LIST: SessionPlan = {
  kind: 'json-list',
  extension: 'json',
  languageId: 'json',
  text: PRODUCTS_JSON,
  startAfter: '"inStock": false\n    }',
  steps: [
    {
      type: [
        ',',
        '    {',
        '      "id": 4,',
        '      "sku": "CT-140",',
        '      "name": "Cable tie",',
        '      "price": 0.15,',
        '      "tags": ["plastic", "outdoor"],',
        '      "inStock": true',
        '    }',
      ].join('\n'),
    },
    { moveAfter: '"warehouses": ["north", "south"' },
    { type: ', "east"' },
  ],
};

export const SESSION_PLANS: readonly SessionPlan[] = [NEW_CODE, MID_LINE, JSON_LIST];
