// Types for scripts/ensureDependencies.mjs (plain JavaScript: it runs before
// node_modules, and so TypeScript, exists).

/** Why node_modules needs `npm ci`, or undefined when it matches package-lock.json. */
export function staleReason(root: string): string | undefined;

/** Runs `npm ci` when needed; false (after saying why) when that failed. */
export function ensureDependencies(root: string): boolean;
