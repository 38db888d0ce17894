/** One kind of problem the fuzzer saw, with the first few requests that caused it. */
export interface Finding {
  kind: string;
  signature: string;
  count: number;
  examples: string[];
}

export const FINDING_KINDS = {
  http5xx: 'HTTP 5xx',
  internal: 'masked internal error (an unexpected exception in a resolver)',
  pathLeak: 'filesystem path in a response',
  stackLeak: 'stack trace in a response',
  hung: 'no response within the request timeout',
  unresponsive: 'health check failed',
  crash: 'server process exited',
  memory: 'RSS over the limit',
  outside: 'file written outside the root',
} as const;

export class Findings {
  readonly #byKey = new Map<string, Finding>();
  /** The first examples of each finding in full, for replaying (the report truncates them). */
  readonly reproducers: Array<{ kind: string; signature: string; request: string }> = [];

  add(kind: string, signature: string, example: string): void {
    const key = `${kind}\u0000${signature}`;
    const found = this.#byKey.get(key) ?? { kind, signature, count: 0, examples: [] };
    found.count++;
    if (found.examples.length < 3) {
      found.examples.push(truncate(example, 600));
      this.reproducers.push({ kind, signature, request: example });
    }
    this.#byKey.set(key, found);
  }

  list(): Finding[] {
    return [...this.#byKey.values()].sort((a, b) => b.count - a.count);
  }
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

interface Body {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** Classifies one response: the error codes it carries and any problem it shows. */
export function inspectResponse(
  status: number,
  text: string,
  secrets: readonly string[],
): { codes: string[]; problems: Array<{ kind: string; signature: string }> } {
  let body: Body | null = null;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    // Not JSON (event streams, HTML): only the raw checks apply.
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  const codes = errors.map((e) => e.extensions?.code ?? 'NO_CODE');
  const problems: Array<{ kind: string; signature: string }> = [];
  const timeout = codes.includes('TIMEOUT');
  if (status >= 500 && !(status === 503 && timeout)) {
    problems.push({ kind: FINDING_KINDS.http5xx, signature: `${status} ${truncate(text, 160)}` });
  }
  for (const e of errors) {
    if (e.message === 'Unexpected error.') {
      problems.push({ kind: FINDING_KINDS.internal, signature: 'Unexpected error.' });
    }
  }
  for (const s of secrets) {
    if (text.includes(s)) problems.push({ kind: FINDING_KINDS.pathLeak, signature: s });
  }
  if (/\n\s+at [^\n]+:\d+:\d+/.test(text) || /\\n\s+at [^"]+:\d+:\d+/.test(text)) {
    problems.push({ kind: FINDING_KINDS.stackLeak, signature: 'stack frame' });
  }
  return { codes, problems };
}
