import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadMetaConfigFile } from '../config/meta-config-file.js';
import { canonicalizeMeta, MetaError } from '../meta/index.js';
import { fail, printJson } from './output.js';

async function readInput(file: string): Promise<{ text: string; where: string }> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), where: 'stdin' };
  }
  return { text: await readFile(file, 'utf8'), where: file };
}

export function registerCanonicalize(program: Command): void {
  program
    .command('canonicalize')
    .description(
      'print the canonical meta (seed 000) of a meta JSON file: hash, derived fields, confidence, review',
    )
    .argument('[file]', "meta JSON file, or '-' for stdin", '-')
    .option('--override <file>', 'a meta_override.json to apply on top')
    .option(
      '--config <file>',
      'meta config (YAML/JSON) extending vocabularies and the process table',
    )
    .action(async (file: string, opts: { override?: string; config?: string }) => {
      const { text, where } = await readInput(file);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        return fail(`${where}: not valid JSON: ${(error as Error).message}`);
      }
      const config = opts.config ? await loadMetaConfigFile(opts.config) : undefined;
      const override = opts.override
        ? JSON.parse(await readFile(opts.override, 'utf8'))
        : undefined;
      try {
        printJson(canonicalizeMeta(raw, { config, override }));
      } catch (error) {
        if (error instanceof MetaError) return fail(`${where}: ${error.message}`);
        throw error;
      }
    });
}
