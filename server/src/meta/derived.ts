import { compareCodePoints } from './canonical-json.js';
import type { CanonicalFields, DerivedFields } from './types.js';

/** The seed-000 derived fields, recomputed from canonical fields on every read (they are cache). */
export function derivedFields(fields: CanonicalFields): DerivedFields {
  const groups = fields.process_groups;
  if (groups === null) {
    return {
      n_classes: null,
      processes_all: null,
      class_def_str: null,
      process_groups_key: null,
      row_key: null,
    };
  }
  const signatures = groups.map((cls) => cls.join('+'));
  const key = signatures.join('|');
  return {
    n_classes: groups.length,
    processes_all: groups.flat().sort(compareCodePoints),
    class_def_str: signatures.join(' | '),
    process_groups_key: key,
    row_key: fields.dataset_name === null ? null : `${fields.dataset_name}::${key}`,
  };
}
