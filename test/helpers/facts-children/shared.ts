/** Deterministic content for version `n` of a large run.json, so a reader can verify it whole. */
export function blobFor(version: number, bytes: number): string {
  return `v${version}:`.padEnd(bytes, String.fromCharCode(97 + (version % 26)));
}

export function argsOf<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('expected a JSON argument');
  return JSON.parse(raw) as T;
}

export function keepAlive(): void {
  setInterval(() => undefined, 60_000);
}
