import type { Command } from 'commander';
import { createClient, type RunfactsClient } from '../../../sdk/src/index.js';

export interface ClientFlags {
  url?: string;
  token?: string;
}

/** Adds --url/--token (defaults from RUNFACTS_URL / RUNFACTS_TOKEN) to a command. */
export function withClientFlags(command: Command): Command {
  return command
    .option(
      '--url <url>',
      'GraphQL endpoint (env RUNFACTS_URL)',
      process.env.RUNFACTS_URL ?? 'http://127.0.0.1:4000/graphql',
    )
    .option('--token <token>', 'API token (env RUNFACTS_TOKEN)', process.env.RUNFACTS_TOKEN);
}

/** Runs `fn` with an SDK client, closing it afterwards whatever happens. */
export async function withClient<T>(
  flags: ClientFlags,
  fn: (client: RunfactsClient) => Promise<T>,
): Promise<T> {
  const client = createClient({
    url: flags.url ?? 'http://127.0.0.1:4000/graphql',
    token: flags.token,
    retries: 2,
  });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
