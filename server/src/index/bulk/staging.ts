/**
 * Staging tables of the bulk build: the high-volume rows arrive as numbers (dictionary ordinals,
 * epoch milliseconds) that the appender writes without a string conversion per value, and one
 * INSERT ... SELECT per table joins the strings back in DuckDB, on all its threads.
 */
export const STAGING = {
  dictionary: 'bulk_dictionary',
  metrics: 'bulk_metrics',
  params: 'bulk_params',
  tags: 'bulk_tags',
} as const;

export const CREATE_STAGING = [
  `CREATE TEMP TABLE ${STAGING.dictionary} (ord INTEGER NOT NULL, text VARCHAR NOT NULL)`,
  `CREATE TEMP TABLE ${STAGING.metrics} (run INTEGER NOT NULL, key INTEGER NOT NULL, value DOUBLE NOT NULL, from_history BOOLEAN NOT NULL)`,
  `CREATE TEMP TABLE ${STAGING.params} (run INTEGER NOT NULL, key INTEGER NOT NULL, value INTEGER NOT NULL)`,
  `CREATE TEMP TABLE ${STAGING.tags} (run INTEGER NOT NULL, key INTEGER NOT NULL, value INTEGER NOT NULL)`,
];

const dict = (alias: string, column: string) =>
  `JOIN ${STAGING.dictionary} ${alias} ON ${alias}.ord = s.${column}`;

/** Moves the staged rows into the index tables, strings joined back from the dictionary. */
export const INSERT_FROM_STAGING = [
  `INSERT INTO run_metrics (run_id, key, value, from_history)
   SELECT r.text, k.text, s.value, s.from_history
   FROM ${STAGING.metrics} s ${dict('r', 'run')} ${dict('k', 'key')}`,
  ...(['params', 'tags'] as const).map(
    (kind) => `INSERT INTO run_${kind} (run_id, key, value)
     SELECT r.text, k.text, v.text
     FROM ${STAGING[kind]} s ${dict('r', 'run')} ${dict('k', 'key')} ${dict('v', 'value')}`,
  ),
];

export const DROP_STAGING = Object.values(STAGING).map((t) => `DROP TABLE IF EXISTS ${t}`);
