import { derived, explicit, type Inferred, unknown } from './field.js';
import { asText, firstAt } from './lookup.js';

export const GOAL_KEYS = ['meta.goal', 'goal'] as const;
export const OBJECTIVE_KEYS = ['objective', 'params.objective', 'model.objective'] as const;

// LightGBM and XGBoost objective names; their task is part of the library's definition.
const CLASSIFICATION = /^(binary|multiclass|multiclassova|multi:|binary:|cross_entropy|xentropy)/;
const REGRESSION =
  /^(regression|huber|fair|poisson|quantile|mape|gamma|tweedie|l1|l2|mae|mse|rmse|reg:)/;

/**
 * goal only from an explicit key (high). A gradient-boosting `objective` names its task, so it
 * gives classification or regression (medium). Nothing else is read as a goal.
 */
export function inferGoal(tree: unknown, goals: readonly string[]): Inferred<string | null> {
  const found = firstAt(tree, GOAL_KEYS);
  const goal = asText(found?.value);
  if (goal !== undefined) {
    return goals.includes(goal)
      ? explicit(goal)
      : unknown(`${found?.path} ${JSON.stringify(goal)} is not one of ${goals.join(', ')}`);
  }
  const objectiveFound = firstAt(tree, OBJECTIVE_KEYS);
  const objective = asText(objectiveFound?.value)?.toLowerCase();
  const fromObjective =
    objective === undefined
      ? undefined
      : CLASSIFICATION.test(objective)
        ? 'classification'
        : REGRESSION.test(objective)
          ? 'regression'
          : undefined;
  if (fromObjective !== undefined && goals.includes(fromObjective)) {
    return derived(
      fromObjective,
      `${objectiveFound?.path} ${JSON.stringify(objective)} is a ${fromObjective} objective`,
    );
  }
  return unknown(`no explicit goal key (${GOAL_KEYS.join(', ')})`);
}
