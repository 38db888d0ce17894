// Hand-written recursive descent: the grammar below is a dozen rules, so a parser generator would
// add a build step and worse error messages for no gain.
//
//   where      := orExpr EOF
//   orExpr     := andExpr ('or' andExpr)*
//   andExpr    := unary ('and' unary)*
//   unary      := 'not' unary | '(' orExpr ')' | comparison
//   comparison := field (op value | ['not'] ('like' | 'ilike') value
//                       | ['not'] 'in' '(' value (',' value)* ')' | 'is' ['not'] 'null')
//   value      := string | number | 'true' | 'false' | 'null'

import type { Comparison, Literal, WhereNode } from './ast.js';
import { WhereSyntaxError } from './errors.js';
import { type Keyword, type Token, tokenize } from './tokenize.js';

export const MAX_INPUT_LENGTH = 10_000;
export const MAX_DEPTH = 64;

const CONDITION_START = ['an identifier such as metrics.auroc', '(', 'NOT'];
const FIELD_OPERATORS = ['=', '!=', '<>', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'NOT', 'IN', 'IS'];
const VALUE = ['a string', 'a number', 'TRUE', 'FALSE', 'NULL'];

/** Parses a filter string; an empty or blank string is `null` (no filter). */
export function parseWhere(input: string): WhereNode | null {
  if (input.length > MAX_INPUT_LENGTH) {
    throw new WhereSyntaxError(
      `filter is too long (${input.length} characters; the limit is ${MAX_INPUT_LENGTH})`,
      input,
      MAX_INPUT_LENGTH,
    );
  }
  const tokens = tokenize(input);
  if (tokens.length === 1) return null;
  return new Parser(input, tokens).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): WhereNode {
    const node = this.parseOr();
    const token = this.peek();
    if (token.type === ')') {
      this.fail("unbalanced ')': there is no '(' to close", ['AND', 'OR', 'end of input']);
    }
    if (token.type !== 'eof') this.fail('expected AND, OR or end of input', ['AND', 'OR']);
    return node;
  }

  private parseOr(): WhereNode {
    const first = this.parseAnd();
    const operands = [first];
    while (this.acceptKeyword('or')) operands.push(this.parseAnd());
    return operands.length === 1 ? first : { kind: 'or', operands, position: first.position };
  }

  private parseAnd(): WhereNode {
    const first = this.parseUnary();
    const operands = [first];
    while (this.acceptKeyword('and')) operands.push(this.parseUnary());
    return operands.length === 1 ? first : { kind: 'and', operands, position: first.position };
  }

  private parseUnary(): WhereNode {
    const token = this.peek();
    if (token.type === 'keyword' && token.keyword === 'not') {
      this.next();
      const operand = this.nested(() => this.parseUnary());
      return { kind: 'not', operand, position: token.start };
    }
    if (token.type === '(') {
      this.next();
      const inner = this.nested(() => this.parseOr());
      if (this.peek().type !== ')') {
        this.fail(`expected ')' to close the '(' at position ${token.start}`, [')', 'AND', 'OR']);
      }
      this.next();
      return inner;
    }
    if (token.type === 'field') return this.parseComparison(token);
    if (token.type === 'word') {
      this.fail(
        `'${token.text}' needs a prefix, e.g. attributes.${token.text}, meta.${token.text}, ` +
          `params.${token.text}, metrics.${token.text} or tags.${token.text}`,
        CONDITION_START,
      );
    }
    return this.fail('expected a condition', CONDITION_START);
  }

  private parseComparison(fieldToken: Token & { type: 'field' }): Comparison {
    this.next();
    const field = { prefix: fieldToken.prefix, key: fieldToken.key, position: fieldToken.start };
    const base = { kind: 'comparison', field, position: fieldToken.start } as const;
    const token = this.peek();
    if (token.type === 'operator') {
      this.next();
      return { ...base, op: token.operator, value: this.parseValue() };
    }
    if (token.type !== 'keyword') return this.fail('expected an operator', FIELD_OPERATORS);
    this.next();
    switch (token.keyword) {
      case 'like':
        return { ...base, op: 'LIKE', value: this.parseValue() };
      case 'ilike':
        return { ...base, op: 'ILIKE', value: this.parseValue() };
      case 'in':
        return { ...base, op: 'IN', values: this.parseList() };
      case 'is':
        if (this.acceptKeyword('null')) return { ...base, op: 'IS NULL' };
        if (this.acceptKeyword('not') && this.acceptKeyword('null')) {
          return { ...base, op: 'IS NOT NULL' };
        }
        return this.fail('expected NULL or NOT NULL', ['NULL', 'NOT NULL']);
      case 'not':
        if (this.acceptKeyword('like')) {
          return { ...base, op: 'NOT LIKE', value: this.parseValue() };
        }
        if (this.acceptKeyword('ilike')) {
          return { ...base, op: 'NOT ILIKE', value: this.parseValue() };
        }
        if (this.acceptKeyword('in')) return { ...base, op: 'NOT IN', values: this.parseList() };
        return this.fail('expected LIKE, ILIKE or IN', ['LIKE', 'ILIKE', 'IN']);
      default:
        this.index -= 1;
        return this.fail('expected an operator', FIELD_OPERATORS);
    }
  }

  private parseList(): Literal[] {
    if (this.peek().type !== '(') this.fail("expected '(' to start the IN list", ['(']);
    this.next();
    if (this.peek().type === ')') {
      this.fail('empty IN list: expected at least one value', VALUE);
    }
    const values = [this.parseValue()];
    while (this.peek().type === ',') {
      this.next();
      values.push(this.parseValue());
    }
    if (this.peek().type !== ')') this.fail("expected ',' or ')' in the IN list", [',', ')']);
    this.next();
    return values;
  }

  private parseValue(): Literal {
    const token = this.peek();
    const position = token.start;
    if (token.type === 'string') {
      this.next();
      return { kind: 'string', value: token.value, position };
    }
    if (token.type === 'number') {
      this.next();
      return { kind: 'number', value: token.value, position };
    }
    if (token.type === 'keyword' && (token.keyword === 'true' || token.keyword === 'false')) {
      this.next();
      return { kind: 'boolean', value: token.keyword === 'true', position };
    }
    if (token.type === 'keyword' && token.keyword === 'null') {
      this.next();
      return { kind: 'null', position };
    }
    const hint = token.type === 'word' ? ` (quote text values: '${token.text}')` : '';
    return this.fail(`expected a value${hint}`, VALUE);
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      this.fail(`filter nests too deeply (more than ${MAX_DEPTH} levels of '(' or NOT)`, []);
    }
    const result = parse();
    this.depth -= 1;
    return result;
  }

  private acceptKeyword(keyword: Keyword): boolean {
    const token = this.peek();
    if (token.type !== 'keyword' || token.keyword !== keyword) return false;
    this.next();
    return true;
  }

  private peek(): Token {
    // tokenize() always ends with eof and next() never moves past it.
    return this.tokens[this.index] as Token;
  }

  private next(): void {
    if (this.index < this.tokens.length - 1) this.index += 1;
  }

  /** Throws at the current token; the reason gains "after '<previous token>'" for context. */
  private fail(reason: string, expected: readonly string[]): never {
    const token = this.peek();
    const previous = this.tokens[this.index - 1];
    const after = previous === undefined ? '' : ` after '${this.clip(previous)}'`;
    const found = token.type === 'eof' ? 'end of input' : `'${this.clip(token)}'`;
    throw new WhereSyntaxError(`${reason}${after}`, this.input, token.start, expected, found);
  }

  private clip(token: Token): string {
    const text = this.input.slice(token.start, token.end);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }
}
