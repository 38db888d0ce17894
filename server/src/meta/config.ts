import type { Datatreatment } from './types.js';

/** Process ids of seed 000; a config file may replace or extend the table. */
export const DEFAULT_PROCESS_TABLE: Readonly<Record<number, string>> = {
  1: '4t',
  2: 'ttH',
  3: 'ttW',
  4: 'ttWW',
  5: 'ttZ',
};

export type StringDatatreatmentKey = Exclude<
  keyof Datatreatment,
  'id_embed_dim' | 'globals_included'
>;

export interface MetaConfig {
  processTable: Readonly<Record<number, string>>;
  levels: readonly string[];
  goals: readonly string[];
  modelFamilies: readonly string[];
  datatreatment: Readonly<Record<StringDatatreatmentKey, readonly string[]>>;
  /** Goals whose runs must declare process groups; for other goals a null is not a review reason. */
  goalsWithProcessGroups: readonly string[];
}

export const DEFAULT_META_CONFIG: MetaConfig = {
  processTable: DEFAULT_PROCESS_TABLE,
  levels: ['sim_event', 'reco_event', 'jet_level'],
  goals: ['classification', 'anomaly_detection', 'regression'],
  modelFamilies: ['transformer', 'mlp', 'bdt', 'ae'],
  datatreatment: {
    token_order: ['pt_sorted', 'shuffled', 'input_order', 'unknown'],
    tokenization: ['direct', 'binned', 'vq', 'unknown'],
    pid_encoding: ['embedded', 'onehot', 'raw', 'none', 'unknown'],
    met_rep: ['met_metphi', 'met_vec', 'none', 'unknown'],
    feature_set_version: ['v1', 'v2', 'unknown'],
    normalization: ['zscore', 'minmax', 'none', 'unknown'],
  },
  goalsWithProcessGroups: ['classification'],
};

export interface MetaConfigExtension {
  processTable?: Record<number, string>;
  levels?: string[];
  goals?: string[];
  modelFamilies?: string[];
  datatreatment?: Partial<Record<StringDatatreatmentKey, string[]>>;
  goalsWithProcessGroups?: string[];
}

const union = (a: readonly string[], b: readonly string[] | undefined): string[] => [
  ...new Set([...a, ...(b ?? [])]),
];

/** The defaults extended by a config file: vocabularies only grow, process ids may be added or renamed. */
export function extendMetaConfig(ext: MetaConfigExtension, base = DEFAULT_META_CONFIG): MetaConfig {
  const dt = { ...base.datatreatment };
  for (const [key, values] of Object.entries(ext.datatreatment ?? {})) {
    const k = key as StringDatatreatmentKey;
    dt[k] = union(base.datatreatment[k], values);
  }
  return {
    processTable: { ...base.processTable, ...ext.processTable },
    levels: union(base.levels, ext.levels),
    goals: union(base.goals, ext.goals),
    modelFamilies: union(base.modelFamilies, ext.modelFamilies),
    datatreatment: dt,
    goalsWithProcessGroups: ext.goalsWithProcessGroups ?? base.goalsWithProcessGroups,
  };
}
