import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSimpleYaml } from '../../../server/src/backfill/fast-yaml.js';

/** A Hydra interpolation, kept unresolved in .hydra/config.yaml. */
const HYDRA_PATH = ['$', '{env.data_root}/4tops_splitted.h5'].join('');

/** yaml's result, or the error it throws, for comparing with the fast parser. */
function reference(text: string): { value: unknown } | { error: true } {
  try {
    return { value: parse(text, { logLevel: 'error' }) };
  } catch {
    return { error: true };
  }
}

const SCALARS = [
  'abc',
  'x_y',
  'data.path',
  HYDRA_PATH,
  '4tops_splitted.h5',
  '1',
  '-7',
  '+3',
  '007',
  '1.5',
  '.5',
  '5.',
  '1e3',
  '-2.5E-3',
  '1_000',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'True',
  'FALSE',
  'yes',
  'no',
  'on',
  'null',
  'Null',
  '~',
  '""',
  "''",
  '"quoted"',
  "'single'",
  '"a # b"',
  '"esc\\n"',
  "'it''s'",
  'a: b',
  'a:b',
  'url#frag',
  'a #comment',
  '- x',
  '-x',
  '[1, 2]',
  '[a, b, c]',
  '[]',
  '[[1], [2]]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>-',
  '@at',
  '%pct',
  '`tick`',
  'two  spaces',
  'trailing ',
  'ünïcode',
  '12345678901234567890',
  '-',
  '?',
  ':',
  '[1, 2,]',
  '[a: b]',
  'x\ty',
];
const KEYS = [
  'a',
  'b',
  'data',
  'path',
  'x.y',
  'n1',
  '0',
  '12',
  '007',
  'true',
  'null',
  'a b',
  '"q"',
  '-k',
  '__proto__',
  'k/v',
];

type Node =
  | { kind: 'scalar'; text: string }
  | { kind: 'map'; entries: Array<[string, Node]> }
  | { kind: 'seq'; items: string[] };

const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS).map((text) => ({ kind: 'scalar' as const, text })),
    fc
      .array(fc.constantFrom(...SCALARS), { minLength: 1, maxLength: 3 })
      .map((items) => ({ kind: 'seq' as const, items })),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { minLength: 1, maxLength: 4 })
      .map((entries) => ({ kind: 'map' as const, entries })),
  ),
})).node;

function render(n: Node, indent: number, seqIndent: number): string[] {
  const pad = ' '.repeat(indent);
  if (n.kind === 'seq') return n.items.map((i) => `${' '.repeat(seqIndent)}- ${i}`);
  if (n.kind === 'scalar') return [`${pad}${n.text}`];
  return n.entries.flatMap(([key, child]) => {
    if (child.kind === 'scalar') return [`${pad}${key}: ${child.text}`];
    return [
      `${pad}${key}:`,
      ...render(
        child,
        indent + 2,
        child.kind === 'seq' ? indent + (key.length % 2) * 2 : indent + 2,
      ),
    ];
  });
}

describe('parseSimpleYaml', () => {
  it('gives exactly what yaml gives, or leaves the document to yaml', () => {
    fc.assert(
      fc.property(node, fc.constantFrom('', '# comment\n', '\n\n'), (tree, prefix) => {
        const text = prefix + render(tree, 0, 0).join('\n');
        const fast = parseSimpleYaml(text);
        if (fast === undefined) return;
        const ref = reference(text);
        expect(ref).toEqual({ value: fast });
      }),
      { numRuns: 3000 },
    );
  });

  it('parses the config dumps it exists for', () => {
    const text = [
      '# generated',
      'experiment:',
      '  name: "baseline_experiment"',
      '  tags: [ssvae, mixture]',
      'data:',
      `  path: ${HYDRA_PATH}  # raw`,
      '  classes:',
      '  - [1]',
      '  - [2, 3, 4, 5]',
      '  use_binned_tokens: false',
      'model:',
      '  hidden_dims: [256, 128]',
      '  lr: 1.0e-3',
      '  missing:',
      'run_id: "a__b__20241112_143027"',
    ].join('\n');
    const expected = {
      experiment: { name: 'baseline_experiment', tags: ['ssvae', 'mixture'] },
      data: {
        path: HYDRA_PATH,
        classes: [[1], [2, 3, 4, 5]],
        use_binned_tokens: false,
      },
      model: { hidden_dims: [256, 128], lr: 0.001, missing: null },
      run_id: 'a__b__20241112_143027',
    };
    expect(parseSimpleYaml(text)).toEqual(expected);
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a multi-document stream', '---\na: 1\n'],
    ['a nested flow list', 'a: [[1], [2]]\n'],
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['an escaped string', 'a: "x\\ty"\n'],
    ['a top-level scalar', 'just text\n'],
  ])('leaves %s to yaml', (_what, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });
});
