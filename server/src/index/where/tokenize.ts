import { WhereSyntaxError } from './errors.js';

export const KEYWORDS = [
  'and',
  'or',
  'not',
  'like',
  'ilike',
  'in',
  'is',
  'null',
  'true',
  'false',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Operator = (typeof OPERATORS)[number];

interface Span {
  start: number;
  end: number;
}

export type Token = Span &
  (
    | { type: 'field'; prefix: string; key: string }
    | { type: 'keyword'; keyword: Keyword }
    /** A bare word that is neither a keyword nor followed by `.key`. */
    | { type: 'word'; text: string }
    | { type: 'string'; value: string }
    | { type: 'number'; value: number }
    | { type: 'operator'; operator: Operator }
    | { type: '(' | ')' | ',' | 'eof' }
  );

const OPERATOR_SPELLINGS: Record<string, Operator> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const BARE_KEY = /[A-Za-z0-9_./-]+/y;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATOR_RUN = /[=!<>]+/y;
const WHITESPACE = /[ \t\r\n]+/y;

/** Characters an unquoted key may contain; anything else needs backticks or double quotes. */
export const BARE_KEY_PATTERN = /^[A-Za-z0-9_./-]+$/;

/** Splits a filter string into tokens, ending with an `eof` token. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (true) {
    at = skip(WHITESPACE, input, at);
    if (at >= input.length) {
      tokens.push({ type: 'eof', start: at, end: at });
      return tokens;
    }
    const token = readToken(input, at);
    tokens.push(token);
    at = token.end;
  }
}

function readToken(input: string, at: number): Token {
  const char = input[at] ?? '';
  if (char === '(' || char === ')' || char === ',') return { type: char, start: at, end: at + 1 };
  if (char === "'" || char === '"') {
    const { value, end } = readQuoted(input, at, 'string');
    return { type: 'string', value, start: at, end };
  }
  if (/^-?\.?\d/.test(input.slice(at, at + 3))) return readNumber(input, at);
  if (/[=!<>]/.test(char)) return readOperator(input, at);
  if (/[A-Za-z_]/.test(char)) return readWordOrField(input, at);
  throw new WhereSyntaxError(
    `unexpected character '${char}'`,
    input,
    at,
    ['an identifier', 'a value', 'an operator', '(', ')'],
    `'${char}'`,
  );
}

function readNumber(input: string, at: number): Token {
  const text = match(NUMBER, input, at);
  const next = input[at + text.length] ?? '';
  if (/[A-Za-z0-9_.]/.test(next)) {
    const bad = input.slice(at).match(/^[-A-Za-z0-9_.+]+/)?.[0] ?? char(input, at);
    throw new WhereSyntaxError(`malformed number '${bad}'`, input, at, ['a number']);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new WhereSyntaxError(`number '${text}' is out of range`, input, at, ['a finite number']);
  }
  return { type: 'number', value, start: at, end: at + text.length };
}

function readOperator(input: string, at: number): Token {
  const text = match(OPERATOR_RUN, input, at);
  const operator = OPERATOR_SPELLINGS[text];
  if (operator === undefined) {
    throw new WhereSyntaxError(
      `unknown operator '${text}' (use =, !=, <>, <, <=, >, >=, LIKE, ILIKE, IN or IS)`,
      input,
      at,
      [...Object.keys(OPERATOR_SPELLINGS), 'LIKE', 'ILIKE', 'IN', 'IS'],
    );
  }
  return { type: 'operator', operator, start: at, end: at + text.length };
}

function readWordOrField(input: string, at: number): Token {
  const word = match(WORD, input, at);
  const afterWord = at + word.length;
  if (input[afterWord] !== '.') {
    const lower = word.toLowerCase();
    const keyword = KEYWORDS.find((k) => k === lower);
    if (keyword !== undefined) return { type: 'keyword', keyword, start: at, end: afterWord };
    return { type: 'word', text: word, start: at, end: afterWord };
  }
  const keyAt = afterWord + 1;
  const quote = input[keyAt];
  if (quote === '`' || quote === '"') {
    const { value, end } = readQuoted(input, keyAt, 'key');
    if (value === '') throw new WhereSyntaxError('empty key', input, keyAt, ['a key']);
    return { type: 'field', prefix: word.toLowerCase(), key: value, start: at, end };
  }
  const key = match(BARE_KEY, input, keyAt);
  if (key === '') {
    throw new WhereSyntaxError(
      `expected a key after '${word}.' (quote keys with spaces: ${word}.\`my key\`)`,
      input,
      keyAt,
      ['a key'],
      describeChar(input, keyAt),
    );
  }
  return { type: 'field', prefix: word.toLowerCase(), key, start: at, end: keyAt + key.length };
}

/**
 * Reads a quoted run starting at `at` (the quote). A doubled quote or a backslash before a quote
 * or backslash stands for that character; any other backslash is kept, so `'C:\data'` works.
 */
function readQuoted(
  input: string,
  at: number,
  what: 'string' | 'key',
): { value: string; end: number } {
  const quote = input[at];
  let value = '';
  let i = at + 1;
  while (i < input.length) {
    const c = input[i];
    if (c === '\\' && /['"`\\]/.test(input[i + 1] ?? '')) {
      value += input[i + 1];
      i += 2;
    } else if (c === quote && input[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i += 1;
    }
  }
  throw new WhereSyntaxError(
    `unterminated ${what}: the ${quote} opened here is never closed`,
    input,
    at,
    [`a closing ${quote}`],
    'end of input',
  );
}

function skip(pattern: RegExp, input: string, at: number): number {
  return at + match(pattern, input, at).length;
}

function match(pattern: RegExp, input: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(input)?.[0] ?? '';
}

function char(input: string, at: number): string {
  return input[at] ?? '';
}

function describeChar(input: string, at: number): string {
  return at >= input.length ? 'end of input' : `'${char(input, at)}'`;
}
