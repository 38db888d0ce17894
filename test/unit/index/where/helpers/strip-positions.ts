import type { Literal, WhereNode } from '../../../../../server/src/index/where/index.js';

/** The AST without source positions, for comparing parses of differently spelled inputs. */
export function stripPositions(node: WhereNode): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, operands: node.operands.map(stripPositions) };
    case 'not':
      return { kind: 'not', operand: stripPositions(node.operand) };
    case 'comparison': {
      const field = { prefix: node.field.prefix, key: node.field.key };
      if ('values' in node) return { field, op: node.op, values: node.values.map(stripLiteral) };
      if ('value' in node) return { field, op: node.op, value: stripLiteral(node.value) };
      return { field, op: node.op };
    }
  }
}

function stripLiteral(literal: Literal): unknown {
  return literal.kind === 'null' ? { kind: 'null' } : { kind: literal.kind, value: literal.value };
}
