/**
 * How a command the model proposes is run: the runner contract.
 *
 * - `argv`: a plain command line (words and quotes only) is split here and
 *   run WITHOUT a shell: `spawn(argv[0], argv.slice(1), { shell: false })`.
 *   Nothing expands, so the words shown are the process's arguments.
 * - `shell`: a line with pipes, redirections, `&&`, `$VAR`, globs, `~` or a
 *   leading `NAME=value` needs a shell; the executor runs exactly `line` as
 *   `/bin/sh -c line` (`cmd.exe /d /s /c line` on Windows), never a string
 *   built from it, and the approval card says "runs in a shell".
 *
 * Either way `line` is the exact text the user approved, and it is the key of
 * "allow this exact command line for this conversation".
 */
export type CommandSpec =
  | { readonly kind: 'argv'; readonly line: string; readonly argv: readonly string[] }
  | { readonly kind: 'shell'; readonly line: string };

const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~#!\n\r]/;

export function toCommandSpec(line: string): CommandSpec {
  const text = line.trim();
  const argv = splitWords(text);
  if (argv === undefined || argv.length === 0 || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0] ?? '')) return { kind: 'shell', line: text };
  return { kind: 'argv', line: text, argv };
}

/**
 * POSIX-style word splitting without expansion: single quotes are literal,
 * double quotes allow \" \\ \$ \`, a backslash outside quotes escapes the next
 * character. Undefined when the line needs a shell (an operator or expansion
 * outside quotes, a `$` or backquote inside double quotes) or a quote is left open.
 */
export function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        const d = line[i] ?? '';
        if (d === '$' || d === '`') return undefined;
        if (d === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (i >= line.length) return undefined;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return undefined;
      word += line[i + 1];
      i += 2;
    } else if (SHELL_SYNTAX.test(c)) {
      return undefined;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The one command line that splits back into `argv` (single-quoting where needed). */
export function joinCommandLine(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
