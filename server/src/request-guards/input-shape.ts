export interface InputProblem {
  kind: 'string' | 'depth';
  /** Where in the input, as `$.input.name` or `$.ids[3]`. */
  path: string;
  size: number;
}

/**
 * The first string longer than `maxString` or nesting deeper than `maxDepth` in a JSON value.
 * Iterative, so hostile nesting cannot overflow the stack.
 */
export function inputProblem(
  value: unknown,
  maxString: number,
  maxDepth: number,
): InputProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: '$', depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === 'string') {
      if (v.length > maxString) return { kind: 'string', path: item.path, size: v.length };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= maxDepth) return { kind: 'depth', path: item.path, size: item.depth + 1 };
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        stack.push({ value: x, path: `${item.path}[${i}]`, depth: item.depth + 1 });
      });
    } else {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > maxString)
          return { kind: 'string', path: `${item.path} (a key)`, size: k.length };
        stack.push({ value: x, path: `${item.path}.${k}`, depth: item.depth + 1 });
      }
    }
  }
  return null;
}
