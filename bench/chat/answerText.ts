// A realistic long answer from a coding model, the same for every seed on
// every machine: prose with inline code and links, headings, bullet and
// numbered lists (some nested), a table, a quote, and fenced code blocks of
// 20–200 lines in several languages.
import { Prng } from '../completion/prng';

const NOUNS = ['request', 'cache', 'handler', 'token', 'buffer', 'session', 'worker', 'queue', 'parser', 'schema', 'client', 'index', 'config', 'stream', 'module', 'record', 'timeout', 'result', 'payload', 'router'];
const VERBS = ['returns', 'validates', 'caches', 'retries', 'parses', 'streams', 'flushes', 'rejects', 'merges', 'batches', 'logs', 'awaits', 'wraps', 'closes', 'maps'];
const ADJECTIVES = ['stale', 'pending', 'shared', 'immutable', 'cancelled', 'optional', 'nested', 'empty', 'cached', 'concurrent', 'typed', 'partial'];
const LINKERS = ['Because', 'When', 'If', 'Once', 'Since', 'After', 'While', 'Unless'];

function camel(rng: Prng, parts = 2): string {
  const words = Array.from({ length: parts }, () => rng.pick(NOUNS));
  return words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
}

function sentence(rng: Prng): string {
  const bits = [
    `${rng.pick(LINKERS)} the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${rng.pick(VERBS)} the ${rng.pick(NOUNS)},`,
    `\`${camel(rng)}()\` ${rng.pick(VERBS)} a ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`,
    rng.chance(0.3) ? `so the **${rng.pick(NOUNS)}** stays ${rng.pick(ADJECTIVES)}` : `and the ${rng.pick(NOUNS)} is ${rng.pick(ADJECTIVES)}`,
  ];
  if (rng.chance(0.15)) bits.push(`(see [the ${rng.pick(NOUNS)} docs](https://example.com/docs/${rng.pick(NOUNS)}))`);
  if (rng.chance(0.2)) bits.push(`before \`${rng.pick(NOUNS)}.${rng.pick(VERBS)}\` runs`);
  return `${bits.join(' ')}.`;
}

function paragraph(rng: Prng): string {
  return Array.from({ length: rng.int(2, 5) }, () => sentence(rng)).join(' ');
}

function bulletList(rng: Prng): string {
  const ordered = rng.chance(0.45);
  const items: string[] = [];
  for (let i = 0; i < rng.int(3, 7); i++) {
    const marker = ordered ? `${i + 1}.` : '-';
    let item = `${marker} **${camel(rng)}**: ${sentence(rng)}`;
    if (rng.chance(0.2)) item += `\n${' '.repeat(marker.length + 1)}- ${sentence(rng)}\n${' '.repeat(marker.length + 1)}- ${sentence(rng)}`;
    items.push(item);
  }
  return items.join('\n');
}

function table(rng: Prng): string {
  const rows = [`| ${camel(rng)} | default | what it does |`, '|---|---|---|'];
  for (let i = 0; i < rng.int(3, 7); i++) rows.push(`| \`${camel(rng)}\` | \`${rng.int(0, 5000)}\` | ${sentence(rng).slice(0, 70)} |`);
  return rows.join('\n');
}

type Lang = 'ts' | 'python' | 'rust' | 'go' | 'bash' | 'json' | 'sql' | 'yaml' | 'java' | 'css';

function cLikeStatements(rng: Prng, lang: 'ts' | 'rust' | 'go' | 'java', depth: number, lines: string[], budget: number): void {
  const pad = '    '.repeat(depth);
  while (lines.length < budget) {
    const v = camel(rng);
    const roll = rng.next();
    if (roll < 0.12 && depth < 3) {
      const cond = `${v}${lang === 'go' || lang === 'rust' ? ' ' : ' '}${rng.pick(['>', '<', '==', '!='])} ${rng.int(0, 99)}`;
      lines.push(lang === 'rust' || lang === 'go' ? `${pad}if ${cond} {` : `${pad}if (${cond}) {`);
      cLikeStatements(rng, lang, depth + 1, lines, Math.min(budget, lines.length + rng.int(2, 6)));
      lines.push(`${pad}}`);
    } else if (roll < 0.2 && depth < 3) {
      const loop =
        lang === 'ts' ? `for (const ${v} of ${camel(rng)}s) {` : lang === 'rust' ? `for ${v} in ${camel(rng)}s.iter() {` : lang === 'go' ? `for _, ${v} := range ${camel(rng)}s {` : `for (var ${v} : ${camel(rng)}s) {`;
      lines.push(pad + loop);
      cLikeStatements(rng, lang, depth + 1, lines, Math.min(budget, lines.length + rng.int(2, 5)));
      lines.push(`${pad}}`);
    } else if (roll < 0.3) {
      lines.push(lang === 'rust' ? `${pad}// ${sentence(rng).slice(0, 60)}` : `${pad}// ${sentence(rng).slice(0, 60)}`);
    } else if (roll < 0.36) {
      lines.push('');
    } else {
      const call = `${camel(rng)}.${rng.pick(VERBS)}(${camel(rng)}, "${rng.pick(NOUNS)}", ${rng.int(0, 500)})`;
      lines.push(
        lang === 'ts' ? `${pad}const ${v} = await ${call};` : lang === 'rust' ? `${pad}let ${v} = ${call}?;` : lang === 'go' ? `${pad}${v}, err := ${call}` : `${pad}var ${v} = ${call};`,
      );
    }
  }
}

function code(rng: Prng, lang: Lang, length: number): string {
  const lines: string[] = [];
  switch (lang) {
    case 'ts':
    case 'rust':
    case 'go':
    case 'java':
      while (lines.length < length - 2) {
        const name = camel(rng);
        lines.push(
          lang === 'ts'
            ? `export async function ${name}(${camel(rng)}: ${rng.pick(['string', 'number', 'Request', 'Options'])}): Promise<void> {`
            : lang === 'rust'
              ? `pub fn ${name}(${camel(rng)}: &str) -> Result<(), Error> {`
              : lang === 'go'
                ? `func ${name}(${camel(rng)} string) error {`
                : `public void ${name}(String ${camel(rng)}) {`,
        );
        cLikeStatements(rng, lang, 1, lines, Math.min(length - 2, lines.length + rng.int(6, 30)));
        if (lang === 'rust') lines.push('    Ok(())');
        if (lang === 'go') lines.push('    return nil');
        lines.push('}', '');
      }
      break;
    case 'python':
      while (lines.length < length) {
        lines.push(`def ${camel(rng)}(${camel(rng)}, ${camel(rng)}=None):`, `    """${sentence(rng).slice(0, 60)}"""`);
        for (let i = 0; i < rng.int(3, 14) && lines.length < length; i++) {
          lines.push(rng.chance(0.2) ? `    if ${camel(rng)} is None:\n        return ${rng.int(0, 9)}` : `    ${camel(rng)} = ${camel(rng)}.${rng.pick(VERBS)}("${rng.pick(NOUNS)}", ${rng.int(0, 99)})`);
        }
        lines.push('');
      }
      break;
    case 'bash':
      lines.push('#!/usr/bin/env bash', 'set -euo pipefail');
      while (lines.length < length) lines.push(rng.chance(0.3) ? `# ${sentence(rng).slice(0, 50)}` : `${rng.pick(['npm run', 'git', 'docker', 'curl -fsS'])} ${rng.pick(NOUNS)} --${rng.pick(NOUNS)}=${rng.int(1, 9)}`);
      break;
    case 'json':
      lines.push('{');
      while (lines.length < length - 1) lines.push(`  "${camel(rng)}": ${rng.chance(0.5) ? rng.int(0, 1000) : `"${rng.pick(ADJECTIVES)}"`},`);
      lines.push('  "end": true', '}');
      break;
    case 'sql':
      while (lines.length < length) lines.push(`SELECT ${camel(rng)}, ${camel(rng)} FROM ${rng.pick(NOUNS)}s WHERE ${rng.pick(NOUNS)}_id = ${rng.int(1, 999)} ORDER BY created_at DESC;`);
      break;
    case 'yaml':
      while (lines.length < length) lines.push(rng.chance(0.3) ? `${camel(rng)}:` : `  ${camel(rng)}: ${rng.pick(ADJECTIVES)}-${rng.int(0, 99)}`);
      break;
    case 'css':
      while (lines.length < length) lines.push(`.${rng.pick(NOUNS)}-${rng.pick(ADJECTIVES)} {`, `  margin: ${rng.int(0, 16)}px;`, `  color: var(--${rng.pick(NOUNS)});`, '}');
      break;
  }
  return `\`\`\`${lang === 'ts' ? 'typescript' : lang}\n${lines.slice(0, length).join('\n')}\n\`\`\``;
}

/** A long answer of at least `minTokens` tokens (as tokenize() counts them). */
export function longAnswer(seed: number, minTokens: number): string {
  const rng = new Prng(seed);
  const blocks: string[] = [`Here is a walkthrough of the ${camel(rng)} refactoring, with the code for each step.`];
  let tokens = tokenize(blocks[0] ?? '').length;
  let section = 1;
  const languages: Lang[] = ['ts', 'python', 'rust', 'go', 'bash', 'json', 'sql', 'yaml', 'java', 'css'];
  while (tokens < minTokens) {
    const parts = [`## ${section++}. ${camel(rng)} ${rng.pick(VERBS)} the ${rng.pick(NOUNS)}`, paragraph(rng)];
    if (rng.chance(0.6)) parts.push(bulletList(rng));
    parts.push(paragraph(rng));
    // Most blocks are a screenful or two; some are whole files.
    if (rng.chance(0.6)) parts.push(code(rng, rng.pick(languages), rng.chance(0.12) ? rng.int(100, 200) : rng.int(20, 50)));
    if (rng.chance(0.25)) parts.push(table(rng));
    if (rng.chance(0.15)) parts.push(`> **Note:** ${sentence(rng)}`);
    if (rng.chance(0.3)) parts.push(`### Why\n\n${paragraph(rng)}`);
    for (const part of parts) {
      blocks.push(part);
      tokens += tokenize(part).length + 1;
    }
  }
  blocks.push(`That covers it: run \`npm test\` and the ${rng.pick(NOUNS)} suite should pass.`);
  return `${blocks.join('\n\n')}\n`;
}

/** A short answer for one turn of a long conversation. */
export function shortAnswer(rng: Prng): string {
  const parts = [paragraph(rng)];
  if (rng.chance(0.5)) parts.push(bulletList(rng));
  if (rng.chance(0.5)) parts.push(code(rng, rng.pick(['ts', 'python', 'bash', 'json'] as const), rng.int(5, 30)));
  if (rng.chance(0.3)) parts.push(paragraph(rng));
  return parts.join('\n\n');
}

export function question(rng: Prng): string {
  return `How do I make \`${camel(rng)}()\` ${rng.pick(VERBS).replace(/s$/, '')} the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} without breaking the ${rng.pick(NOUNS)}?`;
}

/**
 * Splits text the way a BPE vocabulary roughly does: words with their leading
 * space, numbers in pieces of up to three digits, each punctuation character,
 * runs of whitespace; long words in pieces of up to six letters. About four
 * characters a token on this text, as Qwen's tokenizer gives on English and code.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/ ?[A-Za-z]+| ?\d{1,3}| ?[^\sA-Za-z\d]|\s+/g)) {
    const piece = match[0];
    if (piece.length <= 7) tokens.push(piece);
    else for (let i = 0; i < piece.length; i += 6) tokens.push(piece.slice(i, i + 6));
  }
  return tokens;
}
