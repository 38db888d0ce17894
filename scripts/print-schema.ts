// Prints schema.graphql from the Pothos schema; `--check` fails when the file has drifted.
import { readFile, writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { schema } from '../server/src/schema/index.js';

const path = new URL('../schema.graphql', import.meta.url);
const printed = `${printSchema(schema)}\n`;
if (process.argv.includes('--check')) {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== printed) {
    process.stderr.write('schema.graphql is out of date: run `npm run schema` and commit it\n');
    process.exit(1);
  }
} else {
  await writeFile(path, printed);
}
