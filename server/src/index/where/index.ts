// Run filters for the DuckDB index, compiled to Kysely conditions on `runs`:
// - MLflow-style strings (`compileWhere`): metrics./params./tags./attributes./meta. fields, AND
//   over OR, NOT, parentheses. A comparison on a missing metric/param/tag or a NULL column is
//   false, and NOT is its exact complement (`not meta.goal = 'x'` includes runs without a goal).
//   LIKE/ILIKE: % any run, _ one character, backslash escapes (as in Postgres). Times compare
//   to ISO-8601 text (UTC unless zoned) or epoch milliseconds.
// - Typed `RunFilter` for dashboards (`compileRunFilter`), and both together (`compileRunQuery`).
// The conditions correlate on the outer table `runs`, so it must not be aliased.

export type { Comparison, FieldRef, ListOp, Literal, NullOp, ScalarOp, WhereNode } from './ast.js';
export { compileWhere, compileWhereNode } from './compile.js';
export { WhereError, WhereSemanticError, WhereSyntaxError } from './errors.js';
export { ATTRIBUTE_FIELDS, META_FIELDS } from './fields.js';
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
