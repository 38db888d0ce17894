/**
 * Nested objects flattened to dotted keys (`overall_edc.mae`); arrays and scalars are leaves.
 * Used for params (config) and summary metrics alike.
 */
export function flattenObject(
  value: Record<string, unknown>,
  prefix = '',
): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out.push(...flattenObject(v as Record<string, unknown>, path));
    } else {
      out.push([path, v]);
    }
  }
  return out;
}

/** A config value as a param string: strings as they are, everything else as JSON. */
export function paramText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}
