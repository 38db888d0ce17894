import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { progressReporter } from './progress.js';

interface ServeOptions {
  root: string;
  port: string;
  host: string;
  index?: string;
  config?: string;
  demo?: boolean;
  rescan: string;
  watch: boolean;
  mirrorMlflow?: string;
  importRoot?: string[];
  corsOrigin?: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function isEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the GraphQL API over a facts root (GraphiQL at /graphql)')
    .option('--root <dir>', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option('--port <port>', 'port (0 picks a free one)', process.env.RUNFACTS_PORT ?? '4000')
    .option('--host <host>', 'address to bind', process.env.RUNFACTS_HOST ?? '127.0.0.1')
    .option('--index <file>', 'DuckDB index file (a cache; default <root>/.runfacts/index.duckdb)')
    .option(
      '--config <file>',
      'meta config (YAML/JSON) extending vocabularies and the process table',
    )
    .option(
      '--demo',
      'when the root has no runs, fill it with 200 synthetic demo runs and a registered model first',
    )
    .option(
      '--rescan <seconds>',
      'seconds between rescans for changes other programs make to the facts',
      '60',
    )
    .option(
      '--no-watch',
      'do not watch the runs folder for new or removed runs (the rescan still runs)',
    )
    .option(
      '--mirror-mlflow <uri>',
      'mirror every write to this MLflow server in the background',
      process.env.RUNFACTS_MIRROR_MLFLOW,
    )
    .option(
      '--cors-origin <origin>',
      'a browser origin dashboards may call from, e.g. https://dash.example.org (repeatable)',
      collect,
      [],
    )
    .option(
      '--import-root <dir>',
      'a folder the backfill mutation may read run folders from (repeatable)',
      collect,
      [],
    )
    .action(async (opts: ServeOptions) => {
      // Loaded here, not at the top, so that other commands start without the server's weight.
      const { listen } = await import('../main.js');
      const { loadMetaConfigFile } = await import('../config/meta-config-file.js');
      const { writeSyntheticRuns } = await import('../demo/write-synthetic.js');
      const { writeDemoRegistry } = await import('../demo/write-demo-registry.js');
      const root = resolve(opts.root);
      await mkdir(join(root, 'runs'), { recursive: true });
      if (opts.demo && (await isEmpty(join(root, 'runs')))) {
        process.stderr.write(
          `runfacts: writing 200 demo runs and a registered model (tttt-classifier) to ${root}\n`,
        );
        await writeSyntheticRuns(root, 200);
        await writeDemoRegistry(root, 200);
      }
      const progress = progressReporter('indexing runs');
      const running = await listen({
        root,
        host: opts.host,
        port: Number(opts.port),
        indexPath: opts.index,
        metaConfig: opts.config ? await loadMetaConfigFile(opts.config) : undefined,
        refresh: { rescanSeconds: Number(opts.rescan), watch: opts.watch },
        onBuildProgress: progress.update,
        mirrorMlflow: opts.mirrorMlflow,
        importRoots: opts.importRoot?.map((dir) => resolve(dir)),
        corsOrigins: opts.corsOrigin,
      });
      const shutdown = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      process.stderr.write(
        `runfacts: listening at ${running.url} (/health answers now; /ready once the index has caught up)\n`,
      );
      await running.app.ready;
      progress.stop();
      const status = running.app.services.index.state;
      const rebuilt = status.rebuiltBecause ? ` (rebuilt: ${status.rebuiltBecause})` : '';
      process.stderr.write(
        `runfacts: serving ${root} at ${running.url}/graphql (index ready in ${status.lastBuildMs} ms${rebuilt})\n`,
      );
    });
}
