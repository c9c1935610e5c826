// Markdown that exercises where a block ends: lists that go on after blank
// lines, lazy lines, setext underlines, fences of both kinds (some never
// closed), tables, raw HTML, link definitions used before they appear.
import type { Prng } from '../../../../../bench/completion/prng';

const words = ['alpha', 'beta', '`code()`', '**bold**', '_em_', 'see [ref][r1]', '[link](https://example.com/a_b)', '<https://example.org>', 'www.example.net', '<b>raw</b>', 'x < y', 'a\\*b', '~~gone~~', '[r2]'];

function line(rng: Prng): string {
  return Array.from({ length: rng.int(1, 6) }, () => rng.pick(words)).join(' ');
}

function paragraph(rng: Prng): string {
  return Array.from({ length: rng.int(1, 3) }, () => line(rng)).join('\n');
}

function list(rng: Prng, indent = ''): string {
  const ordered = rng.chance(0.4);
  const bullet = ordered ? rng.pick(['1.', '2)', '1)']) : rng.pick(['-', '*', '+']);
  const loose = rng.chance(0.3);
  const items: string[] = [];
  for (let i = 0; i < rng.int(1, 4); i++) {
    let item = `${indent}${bullet} ${line(rng)}`;
    const pad = indent + ' '.repeat(bullet.length + 1);
    if (rng.chance(0.2)) item += `\n${pad}${line(rng)}`;
    if (rng.chance(0.15)) item += `\n\n${pad}${line(rng)}`;
    if (rng.chance(0.15)) item += `\n${pad}\`\`\`js\n${pad}let x = ${i};\n${pad}\`\`\``;
    if (rng.chance(0.15) && indent.length < 4) item += `\n${list(rng, pad)}`;
    items.push(item);
  }
  return items.join(loose ? '\n\n' : '\n');
}

function fence(rng: Prng): string {
  const mark = rng.pick(['```', '````', '~~~']);
  const lang = rng.pick(['ts', 'python', '', 'rust', 'bash', 'json {title=x}', 'unknownlang']);
  const body = Array.from({ length: rng.int(0, 5) }, (_, i) => rng.pick([`const v${i} = "s";`, '```', '  indented', '', '# not a heading', '<script>x</script>'])).join('\n');
  return `${mark}${lang}\n${body}${body ? '\n' : ''}${mark}`;
}

const blocks: ((rng: Prng) => string)[] = [
  paragraph,
  paragraph,
  (rng) => `${'#'.repeat(rng.int(1, 4))} ${line(rng)}`,
  (rng) => `${line(rng)}\n${rng.pick(['===', '---', '-'])}`,
  (rng) => list(rng),
  (rng) => list(rng),
  fence,
  fence,
  (rng) => Array.from({ length: rng.int(1, 3) }, () => `    code ${rng.int(0, 9)}`).join('\n'),
  (rng) => `> ${line(rng)}\n${rng.chance(0.5) ? 'lazy line' : '> quoted'}`,
  (rng) => `| a | b |\n|---|:-:|\n| ${rng.pick(words)} | 2 |${rng.chance(0.5) ? '\n| 3 | 4 |' : ''}`,
  (rng) => rng.pick(['---', '***', '___', '- - -']),
  (rng) => rng.pick(['<div>\n*not md*\n</div>', '<pre>\nraw\n\nstill raw\n</pre>', '<!-- note -->', '<img src=x onerror=alert(1)>']),
  (rng) => `[r${rng.int(1, 2)}]: https://example.com/${rng.int(0, 9)}${rng.chance(0.5) ? ' "Title"' : ''}`,
  (rng) => `- [${rng.pick([' ', 'x'])}] task ${line(rng)}`,
];

export function trickyMarkdown(rng: Prng): string {
  const parts: string[] = [];
  for (let i = 0; i < rng.int(4, 14); i++) {
    parts.push(rng.pick(blocks)(rng));
    parts.push(rng.pick(['\n\n', '\n\n', '\n\n', '\n', '\n\n\n', '\n  \n']));
  }
  // Sometimes the reply stops inside an open fence or mid-line.
  if (rng.chance(0.2)) parts.push('```ts\nlet unfinished = ');
  return parts.join('');
}
