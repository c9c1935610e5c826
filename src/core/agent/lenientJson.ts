export type LenientParse = { readonly ok: true; readonly value: unknown; readonly repairs: readonly string[] } | { readonly ok: false; readonly error: string };

const PYTHON_LITERALS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' };

/**
 * JSON.parse, and when that fails, the same text rewritten with the slips
 * small models make in hand-written JSON: single-quoted strings, unquoted
 * keys, trailing commas, raw line breaks inside strings, Python's
 * True/False/None, comments, invalid escapes, and brackets left open at the
 * end of the reply. Each rewrite is named in `repairs`, so the run can show
 * what was assumed. A text that ends inside a string is never closed: the rest
 * of that string (a file's content, a command line) is missing, and writing or
 * running what is left would act on a guess. Anything still unreadable is an
 * error with JSON.parse's words.
 */
export function parseLenientJson(text: string): LenientParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown, repairs: [] };
  } catch (strictError) {
    const rewritten = rewrite(text);
    if (rewritten.cutInString) return { ok: false, error: 'it ends inside a string: the rest of the call is missing, as if the reply was cut off' };
    try {
      return { ok: true, value: JSON.parse(rewritten.text) as unknown, repairs: [...rewritten.repairs] };
    } catch {
      return { ok: false, error: (strictError as Error).message };
    }
  }
}

function rewrite(text: string): { text: string; repairs: Set<string>; cutInString: boolean } {
  const repairs = new Set<string>();
  let cutInString = false;
  const out: string[] = [];
  const closers: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'") {
      const read = readString(text, i, c);
      if (read.unclosed) cutInString = true;
      if (c === "'") repairs.add('single quotes');
      for (const r of read.repairs) repairs.add(r);
      out.push(read.json);
      i = read.end;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? indexOrEnd(text, '\n', i) : indexOrEnd(text, '*/', i) + 2;
      repairs.add('comments');
      i = end;
      continue;
    }
    if (c === '{' || c === '[') closers.push(c === '{' ? '}' : ']');
    if (c === '}' || c === ']') closers.pop();
    if (c === ',') {
      const next = text.slice(i + 1).match(/^\s*([}\]])/);
      if (next) {
        repairs.add('trailing comma');
        i++;
        continue;
      }
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    if (word) {
      const literal = PYTHON_LITERALS[word[0]];
      if (/^\s*:/.test(text.slice(i + word[0].length))) {
        repairs.add('unquoted keys');
        out.push(JSON.stringify(word[0]));
      } else if (literal !== undefined) {
        repairs.add('Python literals');
        out.push(literal);
      } else {
        out.push(word[0]);
      }
      i += word[0].length;
      continue;
    }
    out.push(c);
    i++;
  }
  if (closers.length > 0) {
    // Closing brackets a model left off (its strings all closed): nothing is lost by adding them.
    repairs.add('unclosed brackets');
    let tail = out.join('').replace(/,\s*$/, '');
    tail += closers.reverse().join('');
    return { text: tail, repairs, cutInString };
  }
  return { text: out.join(''), repairs, cutInString };
}

/** Reads a string opened by `quote` at `start` and returns it as strict JSON. */
function readString(text: string, start: number, quote: string): { json: string; end: number; repairs: string[]; unclosed?: true } {
  const repairs: string[] = [];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped !== undefined) value += escaped;
      else {
        // \' inside a single-quoted string, or a stray backslash such as "C:\dir".
        if (next !== "'") repairs.push('invalid escapes');
        value += next === "'" ? "'" : `\\${next}`;
      }
      i += 2;
      continue;
    }
    if (c === quote) return { json: JSON.stringify(value), end: i + 1, repairs };
    if (c === '\n' || c === '\r' || c === '\t') repairs.push('raw line breaks in strings');
    value += c;
    i++;
  }
  return { json: JSON.stringify(value), end: i, repairs, unclosed: true };
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from + 2);
  return at < 0 ? text.length : at;
}
