import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { unwrap } from '../../../sdk/src/index.js';
import { camelName, toSeedSpelling } from '../meta/spelling.js';
import { printJson } from './output.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A JSON argument given inline or as `@file`. */
async function jsonArgument(value: string | undefined, flag: string): Promise<unknown> {
  if (value === undefined) return undefined;
  const text = value.startsWith('@') ? await readFile(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${flag}: not valid JSON (${(error as Error).message}); pass JSON or @file.json`,
    );
  }
}

function keyValues(pairs: string[], flag: string): Array<[string, string]> {
  return pairs.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`${flag} ${JSON.stringify(pair)}: expected key=value`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function numbers(pairs: string[], flag: string): Record<string, number> {
  return Object.fromEntries(
    keyValues(pairs, flag).map(([k, v]) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n))
        throw new Error(`${flag} ${k}=${v}: the value must be a finite number`);
      return [k, n];
    }),
  );
}

async function* jsonLines(
  path: string,
): AsyncGenerator<{ key: string; value: number; step?: number; timestamp?: string }> {
  const lines = createInterface({ input: path === '-' ? process.stdin : createReadStream(path) });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line);
    } catch {
      throw new Error(`${path === '-' ? 'stdin' : path} line ${n}: not valid JSON`);
    }
  }
}

export function registerRunWrites(program: Command): void {
  withClientFlags(
    program
      .command('register')
      .description('register a run and print its id (for training code in any language)')
      .requiredOption('--experiment <name>', 'experiment')
      .requiredOption('--name <name>', 'run name (the slug of the run id)')
      .option('--arch <code>', 'architecture code')
      .option('--config <json>', 'config as JSON, or @file.json')
      .option(
        '--meta <json>',
        'seed-000 meta as JSON, or @file.json (snake_case names as in seed 000; camelCase accepted)',
        '{}',
      )
      .option('--tag <key=value>', 'a tag (repeatable)', collect)
      .option('--request-id <id>', 'retry-safe: the same id returns the same run')
      .option('--json', 'print the whole answer as JSON'),
  ).action(
    async (
      flags: ClientFlags & {
        experiment: string;
        name: string;
        arch?: string;
        config?: string;
        meta: string;
        tag?: string[];
        requestId?: string;
        json?: boolean;
      },
    ) => {
      const config = await jsonArgument(flags.config, '--config');
      const meta = metaForApi(await jsonArgument(flags.meta, '--meta'));
      const result = await withClient(flags, (client) =>
        client.op.registerRun({
          input: {
            experiment: flags.experiment,
            name: flags.name,
            architectureCode: flags.arch,
            config,
            meta,
            tags: keyValues(flags.tag ?? [], '--tag').map(([key, value]) => ({ key, value })),
            clientRequestId: flags.requestId,
          },
        }),
      );
      const registered = unwrap(result.registerRun);
      if (flags.json) printJson(registered);
      else process.stdout.write(`${'runId' in registered ? registered.runId : ''}\n`);
    },
  );

  withClientFlags(
    program
      .command('log')
      .description(
        'log metric points: runfacts log RUN loss=0.3 acc=0.9 --step 10, or --file points.jsonl',
      )
      .argument('<run>', 'run id')
      .argument('[points...]', 'key=value pairs')
      .option('--step <n>', 'step of the key=value points', '0')
      .option(
        '--file <path>',
        "JSON lines {key, value, step, timestamp} ('-' for stdin), sent in batches of 1000",
      ),
  ).action(
    async (
      runId: string,
      points: string[],
      flags: ClientFlags & { step: string; file?: string },
    ) => {
      const step = Number(flags.step);
      if (!Number.isSafeInteger(step) || step < 0)
        throw new Error(`--step must be a whole number >= 0, got ${flags.step}`);
      let sent = 0;
      await withClient(flags, async (client) => {
        const send = async (
          batch: Array<{ key: string; value: number; step?: number; timestamp?: string }>,
        ) => {
          if (batch.length === 0) return;
          unwrap((await client.op.logMetrics({ runId, metrics: batch })).logMetrics);
          sent += batch.length;
        };
        await send(
          Object.entries(numbers(points, 'point')).map(([key, value]) => ({ key, value, step })),
        );
        if (flags.file) {
          let batch = [];
          for await (const point of jsonLines(flags.file)) {
            batch.push(point);
            if (batch.length === 1000) {
              await send(batch);
              batch = [];
            }
          }
          await send(batch);
        }
      });
      if (sent === 0) throw new Error('no points given: pass key=value pairs or --file');
      process.stderr.write(`logged ${sent} point(s) to ${runId}\n`);
    },
  );

  withClientFlags(
    program
      .command('finish')
      .description('finish a run with its summary metrics and artifacts')
      .argument('<run>', 'run id')
      .option('--status <status>', 'FINISHED, FAILED or KILLED', 'FINISHED')
      .option('--metric <key=value>', 'a summary metric (repeatable)', collect)
      .option('--metrics <json>', 'nested summary metrics as JSON, or @summary.json')
      .option(
        '--artifact <path[:kind]>',
        'an artifact such as the model path (repeatable; kind defaults to model)',
        collect,
      ),
  ).action(
    async (
      runId: string,
      flags: ClientFlags & {
        status: string;
        metric?: string[];
        metrics?: string;
        artifact?: string[];
      },
    ) => {
      const status = flags.status.toUpperCase();
      if (!['FINISHED', 'FAILED', 'KILLED'].includes(status))
        throw new Error(`--status must be FINISHED, FAILED or KILLED, got ${flags.status}`);
      const nested = ((await jsonArgument(flags.metrics, '--metrics')) ?? {}) as Record<
        string,
        unknown
      >;
      const artifacts = (flags.artifact ?? []).map((a) => {
        const at = a.lastIndexOf(':');
        return at > 0
          ? { path: a.slice(0, at), kind: a.slice(at + 1) }
          : { path: a, kind: 'model' };
      });
      const result = await withClient(flags, (client) =>
        client.op.finishRun({
          runId,
          input: {
            status: status as 'FINISHED',
            metrics: { ...nested, ...numbers(flags.metric ?? [], '--metric') },
            artifacts,
          },
        }),
      );
      unwrap(result.finishRun);
      process.stderr.write(`finished ${runId} (${status})\n`);
    },
  );
}

/** --meta in either spelling (the one rule of meta/spelling.ts) as GraphQL's camelCase MetaInput. */
function metaForApi(raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('--meta must be a JSON object such as {"goal": "classification", ...}');
  const camel = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [camelName(k), v]));
  const seed = toSeedSpelling(raw as Record<string, unknown>, '--meta.');
  const dt = seed.datatreatment;
  return camel(
    dt !== null && typeof dt === 'object' && !Array.isArray(dt)
      ? { ...seed, datatreatment: camel(dt as Record<string, unknown>) }
      : seed,
  );
}
