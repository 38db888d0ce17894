// AST of a `where` filter string. Every node carries the 0-based offset of its first character
// so semantic errors can point at the offending identifier or value.

export type Literal =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number };

/** `prefix.key`; prefix is lower-cased as written (aliases are resolved by the compiler). */
export interface FieldRef {
  prefix: string;
  key: string;
  position: number;
}

/** `<>` is normalised to `!=`. */
export type ScalarOp =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'LIKE'
  | 'ILIKE'
  | 'NOT LIKE'
  | 'NOT ILIKE';
export type ListOp = 'IN' | 'NOT IN';
export type NullOp = 'IS NULL' | 'IS NOT NULL';

export type Comparison =
  | { kind: 'comparison'; field: FieldRef; op: ScalarOp; value: Literal; position: number }
  | { kind: 'comparison'; field: FieldRef; op: ListOp; values: Literal[]; position: number }
  | { kind: 'comparison'; field: FieldRef; op: NullOp; position: number };

/** `and`/`or` hold two or more operands; a parenthesised group nests instead of flattening. */
export type WhereNode =
  | Comparison
  | { kind: 'and'; operands: WhereNode[]; position: number }
  | { kind: 'or'; operands: WhereNode[]; position: number }
  | { kind: 'not'; operand: WhereNode; position: number };

export const SCALAR_OPS: readonly ScalarOp[] = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'LIKE',
  'ILIKE',
  'NOT LIKE',
  'NOT ILIKE',
];
