// Fetches the model files of MODEL@ALIAS (default Production) and verifies their checksums:
//   RUNFACTS_URL=http://127.0.0.1:4000 npx tsx examples/deploy/fetch-model.ts MODEL [ALIAS] [DEST]
import { createClient } from '../../sdk/src/index.js';

const [model, alias = 'Production', dest = './model'] = process.argv.slice(2);
if (!model) throw new Error('usage: fetch-model.ts MODEL [ALIAS] [DEST]');
const client = createClient({
  url: `${process.env.RUNFACTS_URL ?? 'http://127.0.0.1:4000'}/graphql`,
  token: process.env.RUNFACTS_TOKEN,
});
try {
  // Throws RunfactsChecksumError when a file changed after the version was registered.
  const got = await client.downloadModel(model, { alias, dest });
  for (const f of got.files) console.log(`${f.sha256}  ${f.file}`);
  console.error(`${got.model}@${alias} is version ${got.version}: files verified`);
} finally {
  await client.close();
}
