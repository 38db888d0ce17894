import type { FieldRef, Literal, WhereNode } from './ast.js';
import { BARE_KEY_PATTERN } from './tokenize.js';

/**
 * Prints an AST back to a filter string that parses to the same AST (positions aside).
 * Nested and/or/not operands are always parenthesised so grouping survives the round trip.
 */
export function printWhere(node: WhereNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.operands.map(printOperand).join(` ${node.kind.toUpperCase()} `);
    case 'not':
      return `NOT ${printOperand(node.operand)}`;
    case 'comparison': {
      const field = printField(node.field);
      if ('values' in node) {
        return `${field} ${node.op} (${node.values.map(printLiteral).join(', ')})`;
      }
      if ('value' in node) return `${field} ${node.op} ${printLiteral(node.value)}`;
      return `${field} ${node.op}`;
    }
  }
}

function printOperand(node: WhereNode): string {
  return node.kind === 'comparison' ? printWhere(node) : `(${printWhere(node)})`;
}

function printField({ prefix, key }: FieldRef): string {
  return BARE_KEY_PATTERN.test(key)
    ? `${prefix}.${key}`
    : `${prefix}.\`${escapeQuotes(key, '`')}\``;
}

export function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return `'${escapeQuotes(literal.value, "'")}'`;
    case 'number':
      return String(literal.value);
    case 'boolean':
      return String(literal.value);
    case 'null':
      return 'NULL';
  }
}

function escapeQuotes(text: string, quote: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
}
