import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson } from './output.js';

const DEFAULT_ROOT = process.env.RUNFACTS_ROOT ?? './runfacts-data';

async function storeAt(root: string) {
  const { TokenStore } = await import('../auth/token-store.js');
  return new TokenStore(resolve(root));
}

/** `runfacts token create|list|revoke`: API tokens in `<root>/auth/tokens.json`. */
export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens with scopes (read, write, promote, admin); only hashes are stored');

  token
    .command('create')
    .description('create a token and print it once on stdout')
    .requiredOption('--name <name>', 'who holds it; recorded in the promotion history')
    .requiredOption('--scopes <list>', 'comma-separated: read,write,promote,admin')
    .option('--root <dir>', 'facts root (env RUNFACTS_ROOT)', DEFAULT_ROOT)
    .action(async (opts: { name: string; scopes: string; root: string }) => {
      const store = await storeAt(opts.root);
      const { token: plaintext, summary } = await store.createToken({
        name: opts.name,
        scopes: opts.scopes.split(','),
      });
      process.stdout.write(`${plaintext}\n`);
      process.stderr.write(
        `runfacts: token ${summary.name} (${summary.scopes.join(',')}) created. It will not be shown again: store it now and send it as "Authorization: Bearer <token>" (SDK/CLI: RUNFACTS_TOKEN). Callers without a token now get no access, loopback included.\n`,
      );
    });

  token
    .command('list')
    .description('list tokens: name, scopes, created, revoked (never the secret or its hash)')
    .option('--root <dir>', 'facts root (env RUNFACTS_ROOT)', DEFAULT_ROOT)
    .option('--json', 'print JSON on stdout')
    .action(async (opts: { root: string; json?: boolean }) => {
      const tokens = await (await storeAt(opts.root)).listTokens();
      if (opts.json) {
        printJson(tokens);
        return;
      }
      if (tokens.length === 0) {
        process.stderr.write('runfacts: no tokens; loopback callers have every scope\n');
        return;
      }
      const rows = tokens.map((t) => [
        t.name,
        t.scopes.join(','),
        t.created_at,
        t.revoked_at ?? '-',
        `rf_${t.id}_…${t.last4 ?? ''}`,
      ]);
      const header = ['NAME', 'SCOPES', 'CREATED', 'REVOKED', 'TOKEN'];
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)),
      );
      for (const row of [header, ...rows]) {
        process.stdout.write(
          `${row
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd()}\n`,
        );
      }
    });

  token
    .command('revoke')
    .description('revoke the active token with this name (or this id); takes effect at once')
    .argument('<name>', 'token name or id')
    .option('--root <dir>', 'facts root (env RUNFACTS_ROOT)', DEFAULT_ROOT)
    .action(async (name: string, opts: { root: string }) => {
      const revoked = await (await storeAt(opts.root)).revokeToken(name);
      process.stderr.write(
        `runfacts: token ${revoked.name} (${revoked.id}) revoked at ${revoked.revoked_at}\n`,
      );
    });
}
