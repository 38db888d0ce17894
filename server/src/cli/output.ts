/** Writes a value as pretty JSON to stdout, the format scripts read. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reports a failure on stderr and sets a non-zero exit code without cutting output short. */
export function fail(message: string, code = 1): void {
  process.stderr.write(`runfacts: ${message}\n`);
  process.exitCode = code;
}
