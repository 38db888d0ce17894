import { derived, explicit, type Inferred, unknown } from './field.js';
import { asArray, asInt, firstAt, isRecord, valueAt } from './lookup.js';

export const GROUP_KEYS = ['meta.process_groups', 'process_groups'] as const;
export const CLASSES_KEYS = ['data.classes', 'classes'] as const;
export const SVB_KEYS = ['data.signal_vs_background', 'signal_vs_background'] as const;
/** All processes in the dataset, for a signal_vs_background without an explicit background. */
export const PROCESSES_KEYS = ['data.processes', 'data.process_ids'] as const;

export interface GroupsInference {
  groups: Inferred<Array<Array<string | number>> | null>;
  /** Index of the signal class, kept in place by canonicalization. */
  signalClass: number | null;
}

type Process = string | number;

/** One process: an id from the table, or a name among the table's values; else why not. */
function processOf(raw: unknown, table: Readonly<Record<number, string>>): Process | Error {
  const id = asInt(raw);
  if (id !== undefined) {
    return table[id] !== undefined ? id : new Error(`process id ${id} is not in the process table`);
  }
  if (typeof raw === 'string' && Object.values(table).includes(raw)) return raw;
  return new Error(`${JSON.stringify(raw)} is not a process id or name of the process table`);
}

/** A class as a list of processes, or the reason it is not one. */
function classOf(raw: unknown, table: Readonly<Record<number, string>>): Process[] | string {
  const items = asArray(raw) ?? [raw];
  if (items.length === 0) return 'a class is empty';
  const out: Process[] = [];
  for (const item of items) {
    const p = processOf(item, table);
    if (p instanceof Error) return p.message;
    out.push(p);
  }
  return out;
}

/** Classes as a list (index = label) or a label -> processes map with integer labels. */
function classesOf(raw: unknown, table: Readonly<Record<number, string>>): Process[][] | string {
  let list: unknown[] | undefined = asArray(raw);
  if (list === undefined && isRecord(raw)) {
    const labels = Object.keys(raw).map((k) => asInt(k));
    if (labels.some((l) => l === undefined)) return 'class labels are not integers';
    const sorted = Object.keys(raw).sort((a, b) => Number(a) - Number(b));
    list = sorted.map((k) => raw[k]);
  }
  if (list === undefined || list.length === 0) return 'is not a non-empty list of classes';
  const classes: Process[][] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const cls = classOf(item, table);
    if (typeof cls === 'string') return cls;
    for (const p of cls) {
      const name = typeof p === 'number' ? (table[p] as string) : p;
      if (seen.has(name)) return `process ${name} is in more than one class`;
      seen.add(name);
    }
    classes.push(cls);
  }
  return classes;
}

function fromSignalVsBackground(
  tree: unknown,
  table: Readonly<Record<number, string>>,
): GroupsInference | undefined {
  const found = firstAt(tree, SVB_KEYS);
  if (found === undefined || found.value === false) return undefined;
  const holder = isRecord(found.value) ? found.value : {};
  const scope = found.path.includes('.') ? found.path.slice(0, found.path.lastIndexOf('.')) : '';
  const near = (key: string) => holder[key] ?? valueAt(tree, scope ? `${scope}.${key}` : key);
  const signal = classOf(near('signal'), table);
  if (near('signal') === undefined || typeof signal === 'string') {
    return { groups: unknown(`${found.path} declares no usable signal class`), signalClass: null };
  }
  if (near('background') !== undefined) {
    const classes = classesOf([signal, near('background')], table);
    if (typeof classes === 'string')
      return { groups: unknown(`${found.path}: ${classes}`), signalClass: null };
    return { groups: explicit(classes), signalClass: 0 };
  }
  const all = firstAt(tree, PROCESSES_KEYS);
  const allClass = all === undefined ? undefined : classOf(all.value, table);
  if (allClass === undefined || typeof allClass === 'string') {
    return {
      groups: unknown(
        `${found.path} has no background and no list of the dataset's processes (${PROCESSES_KEYS.join(', ')})`,
      ),
      signalClass: null,
    };
  }
  const name = (p: Process) => (typeof p === 'number' ? table[p] : p);
  const signalNames = new Set(signal.map(name));
  const background = allClass.filter((p) => !signalNames.has(name(p)));
  if (background.length === 0) {
    return {
      groups: unknown(`${found.path}: no process left for the background`),
      signalClass: null,
    };
  }
  return {
    groups: derived([signal, background], `background = ${all?.path} minus the signal`),
    signalClass: 0,
  };
}

/**
 * process_groups from the class definitions: explicit groups, `data.classes` (a list indexed by
 * label, or a label map), or `signal_vs_background` (signal class kept first). Process ids go
 * through the process table; an id or name not in it leaves the groups null.
 */
export function inferProcessGroups(
  tree: unknown,
  table: Readonly<Record<number, string>>,
): GroupsInference {
  const declared = firstAt(tree, GROUP_KEYS) ?? firstAt(tree, CLASSES_KEYS);
  if (declared !== undefined) {
    const classes = classesOf(declared.value, table);
    if (typeof classes === 'string')
      return { groups: unknown(`${declared.path} ${classes}`), signalClass: null };
    const signalClass = asInt(valueAt(tree, 'meta.signal_class')) ?? null;
    return { groups: explicit(classes), signalClass };
  }
  return (
    fromSignalVsBackground(tree, table) ?? {
      groups: unknown(
        `no class definition (${[...GROUP_KEYS, ...CLASSES_KEYS, ...SVB_KEYS].join(', ')})`,
      ),
      signalClass: null,
    }
  );
}
