import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseFormat, printRecords } from './format.js';
import { printJson } from './output.js';
import { progressReporter } from './progress.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

/** `runfacts artifacts ls|get|put|scan`: a run's files over the server's HTTP API, and the local scan. */
export function registerArtifacts(program: Command): void {
  const artifacts = program
    .command('artifacts')
    .description('files of runs: list, download, upload (checksummed), scan a run folder');

  withClientFlags(
    artifacts
      .command('ls')
      .description("a run's artifacts with size and SHA-256")
      .argument('<run-id>')
      .option('--format <format>', 'table, csv, json or jsonl', 'table'),
  ).action(async (runId: string, flags: ClientFlags & { format: string }) => {
    const format = parseFormat(flags.format);
    const { run } = await withClient(flags, (c) => c.op.runArtifacts({ id: runId }));
    if (!run) throw new Error(`no run ${runId}; list runs with runfacts runs`);
    printRecords(
      format,
      ['path', 'kind', 'size', 'sha256'],
      run.artifacts.map((a) => [a.path, a.kind, a.size, a.sha256]),
      run.artifacts,
    );
  });

  withClientFlags(
    artifacts
      .command('get')
      .description("download a run's artifacts (all, or the paths given), verifying each checksum")
      .argument('<run-id>')
      .argument('[paths...]', 'artifact paths; default all')
      .option('--dest <dir>', 'where to write them', '.')
      .option('--json', 'print what was written as JSON'),
  ).action(
    async (
      runId: string,
      paths: string[],
      flags: ClientFlags & { dest: string; json?: boolean },
    ) => {
      const files = await withClient(flags, (c) =>
        c.downloadArtifacts(runId, resolve(flags.dest), paths.length > 0 ? paths : undefined),
      );
      if (flags.json) return printJson(files);
      for (const f of files) process.stdout.write(`${f.sha256}  ${f.file}\n`);
    },
  );

  withClientFlags(
    artifacts
      .command('put')
      .description('upload a file, or every file under a folder, as artifacts of a run')
      .argument('<run-id>')
      .argument('<path>', 'file or folder')
      .option('--name <path>', 'artifact path (a file) or prefix (a folder); default the file name')
      .option('--kind <kind>', 'e.g. model, checkpoint; default guessed from the name')
      .option('--json', 'print the recorded artifacts as JSON'),
  ).action(
    async (
      runId: string,
      path: string,
      flags: ClientFlags & { name?: string; kind?: string; json?: boolean },
    ) => {
      const logged = await withClient(flags, (c) =>
        c.logArtifact(runId, path, { name: flags.name, kind: flags.kind }),
      );
      if (flags.json) return printJson(logged);
      for (const a of logged) {
        process.stdout.write(
          `${a.sha256}  ${a.path}  ${a.size} bytes${a.created ? '' : ' (unchanged)'}\n`,
        );
      }
    },
  );

  artifacts
    .command('scan')
    .description(
      "record files written straight into <root>/runs/<id>/artifacts/ with their checksums (the server's refresh does not hash files)",
    )
    .argument('[run-ids...]', 'default every run')
    .option('--root <dir>', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option('--json', 'print the reports as JSON')
    .action(async (runIds: string[], flags: { root: string; json?: boolean }) => {
      const { scanRoot } = await import('../artifacts/scan-root.js');
      const progress = progressReporter('scanning artifacts');
      const reports = await scanRoot(resolve(flags.root), runIds, progress.update);
      progress.stop();
      if (flags.json) return printJson(reports);
      for (const r of reports) {
        if (r.added.length + r.updated.length + r.skipped.length + r.missing.length === 0) continue;
        process.stdout.write(
          `${r.runId}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged} unchanged\n`,
        );
        for (const a of [...r.added, ...r.updated])
          process.stdout.write(`  ${a.sha256}  ${a.path}\n`);
        for (const s of r.skipped) process.stdout.write(`  skipped ${s.path}: ${s.reason}\n`);
        for (const m of r.missing)
          process.stdout.write(`  missing ${m}: recorded, but the file is gone\n`);
      }
      const total = reports.reduce((n, r) => n + r.added.length + r.updated.length, 0);
      process.stderr.write(`scanned ${reports.length} runs, recorded ${total} files\n`);
      if (reports.some((r) => r.missing.length > 0)) process.exitCode = 1;
    });
}

/** `runfacts model download NAME --alias Production`: the deploy step, checksums verified. */
export function registerModelDownload(model: Command): void {
  // `runfacts model` itself takes --url/--token and commander gives a parent's options to the
  // parent wherever they appear, so `download` reads them from there.
  model
    .command('download')
    .description(
      'download the model files of the version an alias points at, verified against the checksums frozen at registration',
    )
    .argument('<name>', 'model name')
    .option('--alias <alias>', 'alias, or latest, or v3', 'Production')
    .option('--dest <dir>', 'where to write the files', '.')
    .option('--json', 'print what was written as JSON')
    .option('--url <url>', 'GraphQL endpoint (env RUNFACTS_URL)')
    .option('--token <token>', 'API token (env RUNFACTS_TOKEN)')
    .action(async (name: string, flags: { alias: string; dest: string }, command: Command) => {
      // --json, --url and --token may land on the parent `model` command (see above).
      const flagsSeen = command.optsWithGlobals<ClientFlags & { json?: boolean }>();
      const client = {
        ...flagsSeen,
        url: flagsSeen.url ?? process.env.RUNFACTS_URL,
        token: flagsSeen.token ?? process.env.RUNFACTS_TOKEN,
      };
      const got = await withClient(client, (c) =>
        c.downloadModel(name, { alias: flags.alias, dest: resolve(flags.dest) }),
      );
      if (client.json) return printJson(got);
      process.stderr.write(
        `${got.model} version ${got.version} (run ${got.runId}), checksums verified\n`,
      );
      for (const f of got.files) process.stdout.write(`${f.sha256}  ${f.file}\n`);
    });
}
