import { useState } from 'preact/hooks';
import { ATTRIBUTE_COLUMNS, DEFAULT_COLUMNS, header, META_COLUMNS } from '../lib/columns';

/** Which columns the runs table shows: attributes, meta, and the params and metrics seen. */
export function ColumnChooser(props: {
  columns: string[];
  params: string[];
  metrics: string[];
  onChange: (c: string[]) => void;
}) {
  const [extra, setExtra] = useState('');
  const toggle = (c: string, on: boolean) =>
    props.onChange(on ? [...props.columns, c] : props.columns.filter((x) => x !== c));
  const group = (title: string, list: string[]) => (
    <fieldset>
      <legend>{title}</legend>
      {list.map((c) => (
        <label key={c} class="inline">
          <input
            type="checkbox"
            checked={props.columns.includes(c)}
            onChange={(e) => toggle(c, e.currentTarget.checked)}
          />
          {header(c)}
        </label>
      ))}
    </fieldset>
  );
  return (
    <details class="columns">
      <summary>Columns ({props.columns.length})</summary>
      <div class="popover">
        {group('Attributes', ATTRIBUTE_COLUMNS)}
        {group('Meta', META_COLUMNS)}
        {group('Metrics (this page)', props.metrics)}
        {group('Params (this page)', props.params)}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (/^(params|metrics|tags)\.\S+$/.test(extra) && !props.columns.includes(extra))
              props.onChange([...props.columns, extra]);
            setExtra('');
          }}
        >
          <label>
            Other column (params.x, metrics.x, tags.x)
            <input value={extra} onInput={(e) => setExtra(e.currentTarget.value)} />
          </label>
          <button type="submit">Add</button>
        </form>
        <button type="button" onClick={() => props.onChange(DEFAULT_COLUMNS)}>
          Reset columns
        </button>
      </div>
    </details>
  );
}
