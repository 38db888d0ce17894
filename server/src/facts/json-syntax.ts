const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const MAX_DEPTH = 5000;

/**
 * Where JSON.parse would fail, as `line L column C` plus what was found there, because Node 20's
 * JSON.parse messages do not name a position. Only called after JSON.parse has failed.
 */
export function describeJsonSyntaxError(text: string): string {
  const offset = syntaxErrorOffset(text);
  if (offset === null) return 'invalid JSON';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found =
    offset >= text.length ? 'end of input' : JSON.stringify(text.slice(offset, offset + 12));
  return `unexpected ${found} at line ${line} column ${column}`;
}

/** Offset of the first JSON syntax error, or null if there is none (or nesting is too deep to scan). */
export function syntaxErrorOffset(text: string): number | null {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const escaped = text[i + 1];
      if (escaped === 'u' && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
      else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i += 2;
      else return false;
    }
    return false;
  };
  const literal = (word: string): boolean => {
    let k = 0;
    while (k < word.length && text[i] === word[k]) {
      i++;
      k++;
    }
    return k === word.length;
  };
  const container = (close: string, depth: number, member: () => boolean): boolean => {
    i++;
    skipSpace();
    if (text[i] === close) {
      i++;
      return true;
    }
    for (;;) {
      if (!member()) return false;
      skipSpace();
      if (text[i] === close) {
        i++;
        return true;
      }
      if (text[i] !== ',' || depth > MAX_DEPTH) return false;
      i++;
    }
  };
  const value = (depth: number): boolean => {
    if (depth > MAX_DEPTH) throw new RangeError('too deep');
    skipSpace();
    const c = text[i];
    if (c === '{') {
      return container('}', depth, () => {
        skipSpace();
        if (text[i] !== '"' || !string()) return false;
        skipSpace();
        if (text[i] !== ':') return false;
        i++;
        return value(depth + 1);
      });
    }
    if (c === '[') return container(']', depth, () => value(depth + 1));
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return true;
    }
    return false;
  };
  try {
    if (!value(0)) return i;
  } catch {
    return null;
  }
  skipSpace();
  return i < text.length ? i : null;
}
