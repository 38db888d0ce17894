import { compareCodePoints } from './canonical-json.js';
import { MetaError } from './errors.js';

const FIELD = 'process_groups';
const BAD_NAME = /[\s+|:]/;

function processName(
  raw: string | number,
  table: Readonly<Record<number, string>>,
  where: string,
): string {
  if (typeof raw === 'number') {
    const name = Number.isInteger(raw) ? table[raw] : undefined;
    if (name === undefined) {
      const known = Object.entries(table)
        .map(([id, n]) => `${id}:${n}`)
        .join(', ');
      throw new MetaError(
        `process id ${raw} is not in the process table (${known}); add it to processTable in the config or use the process name`,
        where,
      );
    }
    return name;
  }
  if (raw === '' || BAD_NAME.test(raw)) {
    throw new MetaError(
      `process name ${JSON.stringify(raw)} must be non-empty without spaces, '+', '|' or ':' (they separate classes in the derived keys)`,
      where,
    );
  }
  return raw;
}

const signature = (cls: string[]): string => cls.join('+');

/**
 * Seed 000's canonical order: processes sorted within each class, classes sorted by their
 * `"+".join` signature; with a declared signal class, it keeps its index and the others are
 * sorted into the remaining positions.
 */
export function canonicalProcessGroups(
  groups: ReadonlyArray<ReadonlyArray<string | number>>,
  table: Readonly<Record<number, string>>,
  signalClass: number | null = null,
): string[][] {
  if (groups.length === 0) {
    throw new MetaError('needs at least one class; use null when the classes are unknown', FIELD);
  }
  const owner = new Map<string, number>();
  const classes = groups.map((cls, i) => {
    if (cls.length === 0) throw new MetaError('a class may not be empty', `${FIELD}[${i}]`);
    const names = cls.map((p, j) => processName(p, table, `${FIELD}[${i}][${j}]`));
    for (const name of names) {
      const first = owner.get(name);
      if (first === i) {
        throw new MetaError(`process ${name} is listed twice in class ${i}`, `${FIELD}[${i}]`);
      }
      if (first !== undefined) {
        throw new MetaError(
          `a process may belong to one class only: ${name} is in classes ${first} and ${i}`,
          FIELD,
        );
      }
      owner.set(name, i);
    }
    return names.sort(compareCodePoints);
  });
  if (signalClass === null) {
    return classes.sort((a, b) => compareCodePoints(signature(a), signature(b)));
  }
  if (!Number.isInteger(signalClass) || signalClass < 0 || signalClass >= classes.length) {
    throw new MetaError(
      `signal_class ${signalClass} is not an index of the ${classes.length} declared classes (0 to ${classes.length - 1})`,
      'signal_class',
    );
  }
  const signal = classes[signalClass] as string[];
  const rest = classes
    .filter((_, i) => i !== signalClass)
    .sort((a, b) => compareCodePoints(signature(a), signature(b)));
  rest.splice(signalClass, 0, signal);
  return rest;
}
