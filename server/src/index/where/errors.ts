import { DomainError } from '../../domain-error.js';

/** Where a problem sits in a filter string: 0-based offset plus 1-based line and column. */
export interface SourceLocation {
  position: number;
  line: number;
  column: number;
}

/** Base of every error a `where` string can raise; `message` ends with the input and a caret. */
export abstract class WhereError extends DomainError {
  readonly code = 'INVALID_WHERE';
  readonly position: number;
  readonly line: number;
  readonly column: number;
  readonly input: string;
  /** The message without the excerpt, for UIs that draw their own caret. */
  readonly reason: string;

  constructor(reason: string, input: string, position: number, found?: string) {
    const location = locate(input, position);
    const where = `at position ${location.position} (line ${location.line}, column ${location.column})`;
    const tail = found === undefined ? '' : `, found ${found}`;
    super(`${reason} ${where}${tail}\n${excerpt(input, location)}`, 'where');
    this.reason = reason;
    this.input = input;
    this.position = location.position;
    this.line = location.line;
    this.column = location.column;
  }

  override get extensions(): Record<string, unknown> {
    return { position: this.position, line: this.line, column: this.column };
  }
}

/** The string does not follow the grammar (bad token, missing value, unbalanced parens, ...). */
export class WhereSyntaxError extends WhereError {
  override readonly name = 'WhereSyntaxError';
  /** What would have been accepted at `position`, e.g. `['a value']` or `[')']`. */
  readonly expected: readonly string[];
  /** What was there instead, e.g. `end of input` or `'foo'`. */
  readonly found: string | undefined;

  constructor(
    reason: string,
    input: string,
    position: number,
    expected: readonly string[] = [],
    found?: string,
  ) {
    super(reason, input, position, found);
    this.expected = expected;
    this.found = found;
  }

  override get extensions(): Record<string, unknown> {
    return { ...super.extensions, expected: this.expected };
  }
}

/** The string parses but means nothing valid (unknown key, metric compared to a string, ...). */
export class WhereSemanticError extends WhereError {
  override readonly name = 'WhereSemanticError';
}

export function locate(input: string, position: number): SourceLocation {
  const clamped = Math.max(0, Math.min(position, input.length));
  const before = input.slice(0, clamped);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { position: clamped, line, column: clamped - lineStart + 1 };
}

const EXCERPT_RADIUS = 60;

// Shows only the offending line, clipped around the caret so huge inputs stay readable.
function excerpt(input: string, { position, column }: SourceLocation): string {
  const lineStart = position - (column - 1);
  const newline = input.indexOf('\n', lineStart);
  const lineText = input.slice(lineStart, newline === -1 ? input.length : newline);
  const caretAt = column - 1;
  const from = Math.max(0, caretAt - EXCERPT_RADIUS);
  const to = Math.min(lineText.length, caretAt + EXCERPT_RADIUS);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < lineText.length ? '…' : '';
  const shown = `${prefix}${lineText.slice(from, to)}${suffix}`.replace(/\t/g, ' ');
  return `  ${shown}\n  ${' '.repeat(prefix.length + caretAt - from)}^`;
}
