import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';

it('sdk/src/generated and web/src/generated match schema.graphql and their operations (run `npm run codegen` after changing them)', async () => {
  const config = (await import('../../codegen.js')).default;
  const files = (await generate({ ...config, silent: true }, false)) as Array<{
    filename: string;
    content: string;
  }>;
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(readFileSync(file.filename, 'utf8'), file.filename).toBe(file.content);
  }
});
