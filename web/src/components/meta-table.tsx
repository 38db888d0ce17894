import type { MetaViewFragment } from '../generated/graphql';
import { text } from '../lib/format';

type FieldKey = keyof MetaViewFragment['fieldConfidence'];

/** Seed 000's datatreatment names, one `key: value` per line. */
function treatment(d: MetaViewFragment['datatreatment']): string {
  return Object.entries(d)
    .filter(([k]) => k !== '__typename')
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}: ${v ?? 'null'}`)
    .join('\n');
}

const ROWS: { label: string; value: (m: MetaViewFragment) => unknown; confidence?: FieldKey }[] = [
  { label: 'level', value: (m) => m.level, confidence: 'level' },
  { label: 'goal', value: (m) => m.goal, confidence: 'goal' },
  { label: 'dataset_name', value: (m) => m.datasetName, confidence: 'datasetName' },
  { label: 'model_family', value: (m) => m.modelFamily, confidence: 'modelFamily' },
  { label: 'process_groups', value: (m) => m.processGroups, confidence: 'processGroups' },
  {
    label: 'datatreatment',
    value: (m) => treatment(m.datatreatment),
    confidence: 'datatreatment',
  },
  { label: 'row_key', value: (m) => m.rowKey },
  { label: 'class_def_str', value: (m) => m.classDefStr },
  { label: 'n_classes', value: (m) => m.nClasses },
  { label: 'meta_hash', value: (m) => m.metaHash },
  { label: 'meta_source', value: (m) => m.metaSource },
  { label: 'meta_confidence', value: (m) => m.confidence },
  {
    label: 'needs_review',
    value: (m) => (m.needsReview ? `yes: ${m.needsReviewReasons.join(', ')}` : 'no'),
  },
];

/** Seed-000 meta with per-field confidence; with `before`, changed fields are marked. */
export function MetaTable({
  meta,
  before,
  caption,
}: {
  meta: MetaViewFragment;
  before?: MetaViewFragment;
  caption: string;
}) {
  return (
    <table class="kv">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">field</th>
          {before && <th scope="col">before</th>}
          <th scope="col">{before ? 'after' : 'value'}</th>
          <th scope="col">confidence</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((r) => {
          const now = text(r.value(meta));
          const then = before ? text(r.value(before)) : now;
          const changed = now !== then;
          return (
            <tr key={r.label} class={changed ? 'changed' : undefined}>
              <th scope="row">
                {r.label}
                {changed && <span class="badge">changed</span>}
              </th>
              {before && <td class="mono">{then}</td>}
              <td class="mono">{now}</td>
              <td>
                {r.confidence ? (
                  <span class={`conf ${meta.fieldConfidence[r.confidence]}`}>
                    {meta.fieldConfidence[r.confidence]}
                  </span>
                ) : (
                  ''
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
