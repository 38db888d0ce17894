import type { Command } from 'commander';
import { printJson } from './output.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

export function registerSync(program: Command): void {
  withClientFlags(
    program
      .command('sync')
      .description(
        "send the writes runs kept in their local journal while the server was away (either SDK's)",
      )
      .option(
        '--dir <dir>',
        'journal folder (env RUNFACTS_JOURNAL_DIR, else ~/.cache/runfacts/journal)',
      )
      .option('--json', 'print the report as JSON'),
  ).action(async (flags: ClientFlags & { dir?: string; json?: boolean }) => {
    const report = await withClient(flags, (c) => c.sync(flags.dir));
    if (flags.json) printJson(report);
    else {
      process.stderr.write(`sent ${report.writes} writes; ${report.runs.length} runs complete\n`);
      for (const [path, why] of Object.entries(report.left)) {
        process.stderr.write(`kept ${path}: ${why}\n`);
      }
    }
    // Journals kept mean work left: a script running sync in a loop must see it.
    if (Object.keys(report.left).length > 0) process.exitCode = 1;
  });
}
