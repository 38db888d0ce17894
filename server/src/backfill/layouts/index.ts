import type { Layout } from '../types.js';
import { experimentFolder } from './experiment.js';
import { factsFolder } from './facts-folder.js';
import { hydraRun } from './hydra.js';
import type { LayoutModule } from './layout.js';
import { lgbmHmmFolder } from './lgbm-hmm.js';
import { mlflowRun } from './mlflow.js';
import { resultFolder } from './result-folder.js';

export { type LayoutModule, SkipRun } from './layout.js';

export const LAYOUT_MODULES: Readonly<Record<Layout, LayoutModule>> = {
  facts: factsFolder,
  hydra: hydraRun,
  result_folder: resultFolder,
  experiment: experimentFolder,
  lgbm_hmm: lgbmHmmFolder,
  mlflow: mlflowRun,
};
