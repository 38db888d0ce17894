/**
 * A strict parser for the plain YAML that config dumps are made of (block mappings and
 * sequences of scalars, flat flow lists), about ten times faster than the `yaml` package, which
 * dominated backfill time. It returns undefined for anything outside that subset (anchors, tags,
 * multi-line or escaped strings, nested flow, duplicate keys...), and the caller then uses
 * `yaml`; for what it accepts, tests check it gives exactly what `yaml` gives.
 */

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

const BAIL = Symbol('bail');
type Result<T> = T | typeof BAIL;

const NULL = /^(~|null|Null|NULL)$/;
const BOOL = /^(true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]{1,15}$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const KEY = /^[A-Za-z_$][A-Za-z0-9_$./-]*$|^(0|[1-9][0-9]{0,8})$/;
// Plain scalars that start like a YAML indicator or hold comment, key or escape syntax are left to `yaml`.
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]|^-[^\s]/;

/** A scalar in block context, or BAIL when it needs full YAML. */
function scalar(raw: string, flow: boolean): Result<Value> {
  const text = raw.trim();
  if (text === '') return null;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const body = text.slice(1, -1);
    if (text.length < 2 || text.at(-1) !== quote || body.includes(quote) || body.includes('\\')) {
      return BAIL;
    }
    return body;
  }
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^[-+]?[0-9]{16,}$/.test(text)) return BAIL;
  if (INT.test(text) || (FLOAT.test(text) && /[0-9]/.test(text))) return Number(text);
  if (/^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/.test(text) || /^0[ox]/i.test(text)) return BAIL;
  if (!PLAIN_START.test(text) || text.includes(': ') || text.endsWith(':') || text.includes(' #')) {
    return BAIL;
  }
  if (flow && /[[\]{},:#]/.test(text)) return BAIL;
  if (text.includes('\t')) return BAIL;
  return text;
}

/** A value after `key:` or `- `: a flat flow list, or a scalar. */
function inlineValue(raw: string): Result<Value> {
  const text = stripComment(raw);
  if (text === BAIL) return BAIL;
  if (!text.startsWith('[')) return text.startsWith('{') ? BAIL : scalar(text, false);
  if (!text.endsWith(']')) return BAIL;
  const body = text.slice(1, -1);
  if (/[[\]{}"']/.test(body)) return BAIL;
  if (body.trim() === '') return [];
  const items: Value[] = [];
  for (const part of body.split(',')) {
    if (part.trim() === '') return BAIL;
    const item = scalar(part, true);
    if (item === BAIL) return BAIL;
    items.push(item);
  }
  return items;
}

/** Drops a trailing ` # comment`; quoted values with a '#' are left to `yaml`. */
function stripComment(raw: string): Result<string> {
  const hash = raw.indexOf(' #');
  if (hash === -1) return raw.trim();
  const before = raw.slice(0, hash);
  return /["']/.test(before) && !/^\s*(["']).*\1\s*$/.test(before) ? BAIL : before.trim();
}

interface Line {
  indent: number;
  text: string;
}

function toLines(source: string): Result<Line[]> {
  const lines: Line[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const text = line.trimStart();
    if (text === '' || text.startsWith('#')) continue;
    const indent = line.length - text.length;
    if (line.slice(0, indent).includes('\t') || text.startsWith('---') || text.startsWith('...')) {
      return BAIL;
    }
    lines.push({ indent, text: text.trimEnd() });
  }
  return lines;
}

class Parser {
  i = 0;
  constructor(private readonly lines: Line[]) {}

  block(indent: number): Result<Value> {
    const first = this.lines[this.i];
    if (!first || first.indent !== indent) return BAIL;
    return first.text === '-' || first.text.startsWith('- ')
      ? this.sequence(indent)
      : this.mapping(indent);
  }

  sequence(indent: number): Result<Value[]> {
    const out: Value[] = [];
    for (let line = this.lines[this.i]; line && line.indent === indent; line = this.lines[this.i]) {
      if (!line.text.startsWith('- '))
        return line.text === '-' || !this.endsBlock(line) ? BAIL : out;
      const rest = line.text.slice(2);
      if (/^[^'"[]*:( |$)/.test(rest) || rest.startsWith('- ')) return BAIL;
      const value = inlineValue(rest);
      if (value === BAIL) return BAIL;
      out.push(value);
      this.i++;
      const next = this.lines[this.i];
      if (next && next.indent > indent) return BAIL;
    }
    return out;
  }

  /** A line at the block's indentation that is not an item ends a sequence nested as a map value. */
  private endsBlock(line: Line): boolean {
    return !line.text.startsWith('-');
  }

  mapping(indent: number): Result<Value> {
    const out: { [key: string]: Value } = {};
    for (let line = this.lines[this.i]; line && line.indent === indent; line = this.lines[this.i]) {
      const colon = line.text.indexOf(':');
      if (colon <= 0) return BAIL;
      const key = line.text.slice(0, colon);
      const after = line.text.slice(colon + 1);
      if (!KEY.test(key) || NULL.test(key) || BOOL.test(key) || key === '__proto__') return BAIL;
      if (Object.hasOwn(out, key) || (after !== '' && !after.startsWith(' '))) return BAIL;
      this.i++;
      const value = stripComment(after);
      if (value === BAIL) return BAIL;
      let child: Result<Value>;
      if (value !== '') child = inlineValue(after);
      else {
        const next = this.lines[this.i];
        const nestedList =
          next?.indent === indent && (next.text === '-' || next.text.startsWith('- '));
        child = next && (next.indent > indent || nestedList) ? this.block(next.indent) : null;
      }
      if (child === BAIL) return BAIL;
      out[key] = child;
    }
    return out;
  }
}

/** The document as `yaml` would parse it, or undefined when it is outside the subset. */
export function parseSimpleYaml(source: string): unknown {
  if (source.includes('\t') && /^\t|\n\t/.test(source)) return undefined;
  const lines = toLines(source);
  if (lines === BAIL) return undefined;
  if (lines.length === 0) return undefined;
  const parser = new Parser(lines);
  const value = parser.block(lines[0]?.indent ?? 0);
  return value === BAIL || parser.i !== lines.length || (lines[0]?.indent ?? 0) !== 0
    ? undefined
    : value;
}
