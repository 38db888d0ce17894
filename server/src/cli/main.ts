import { Command } from 'commander';
import { registerArtifacts, registerModelDownload } from './artifacts.js';
import { registerBackfill } from './backfill.js';
import { registerCanonicalize } from './canonicalize.js';
import { registerCompare } from './compare.js';
import { registerCoverage } from './coverage.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerMirror } from './mirror.js';
import { registerModels } from './models.js';
import { registerRunWrites } from './run-writes.js';
import { registerRuns } from './runs.js';
import { registerServe } from './serve.js';
import { registerSync } from './sync.js';
import { registerToken } from './token.js';
import { registerValidate } from './validate.js';

const program = new Command('runfacts')
  .description('run metadata for ML research: facts on disk, a GraphQL API, a typed SDK')
  .showHelpAfterError();

registerCanonicalize(program);
registerServe(program);
registerValidate(program);
registerMigrate(program);
registerRuns(program);
registerCompare(program);
registerCoverage(program);
registerRunWrites(program);
registerModels(program);
registerArtifacts(program);
const modelCommand = program.commands.find((c) => c.name() === 'model');
if (modelCommand) registerModelDownload(modelCommand);
registerMirror(program);
registerBackfill(program);
registerImport(program);
registerSync(program);
registerToken(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`runfacts: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
