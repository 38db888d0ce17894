export type { Comparison, FieldRef, ListOp, Literal, NullOp, ScalarOp, WhereNode } from './ast.js';
export { compileWhere, compileWhereNode } from './compile.js';
export { WhereError, WhereSemanticError, WhereSyntaxError } from './errors.js';
export { ATTRIBUTE_FIELDS, DATATREATMENT_KEYS, META_FIELDS } from './fields.js';
export { MAX_DEPTH, MAX_INPUT_LENGTH, parseWhere } from './parse.js';
export { printWhere } from './print.js';
export {
  compileRunFilter,
  compileRunQuery,
  type MetricCondition,
  type MetricOp,
  type RunFilter,
  RunFilterError,
  type StringMatch,
  type TextCondition,
} from './run-filter.js';
export type { IndexTables } from './tables.js';
