// The backfill subcommand alone, as `runfacts` would run it (main.ts wiring is the lead's).
import { Command } from 'commander';
import { registerBackfill } from '../../../../server/src/cli/backfill.js';

const program = new Command('runfacts');
registerBackfill(program);
await program.parseAsync(process.argv);
