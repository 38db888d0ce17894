import { type DocumentNode, visit } from 'graphql';

export interface DocumentShape {
  /** Largest alias count of any operation, fragments expanded. */
  aliases: number;
  /** Deepest selection-set nesting of any operation, fragments expanded. */
  depth: number;
  /** Longest string literal anywhere in the document. */
  longestString: number;
  /** Deepest nesting of object and list literals in arguments. */
  valueDepth: number;
}

interface Part {
  aliases: number;
  depth: number;
  spreads: Array<{ name: string; depth: number }>;
}

// Numbers can grow exponentially through nested spreads; capping keeps them finite.
const CAP = 1e9;

/** Counts computed in one linear pass plus one memoized walk over fragments (cycles count once). */
export function documentShape(document: DocumentNode): DocumentShape {
  const parts = new Map<string, Part>();
  const operations: Part[] = [];
  let current: Part | null = null;
  let depth = 0;
  let longestString = 0;
  let values = 0;
  let valueDepth = 0;
  const enterValue = () => {
    values++;
    if (values > valueDepth) valueDepth = values;
  };
  const leaveValue = () => {
    values--;
  };
  visit(document, {
    ObjectValue: { enter: enterValue, leave: leaveValue },
    ListValue: { enter: enterValue, leave: leaveValue },
    OperationDefinition: {
      enter: () => {
        current = { aliases: 0, depth: 0, spreads: [] };
        operations.push(current);
      },
    },
    FragmentDefinition: {
      enter: (node) => {
        current = { aliases: 0, depth: 0, spreads: [] };
        parts.set(node.name.value, current);
      },
    },
    SelectionSet: {
      enter: () => {
        depth++;
        if (current && depth > current.depth) current.depth = depth;
      },
      leave: () => {
        depth--;
      },
    },
    Field: (node) => {
      if (node.alias && current) current.aliases++;
    },
    FragmentSpread: (node) => {
      current?.spreads.push({ name: node.name.value, depth });
    },
    StringValue: (node) => {
      if (node.value.length > longestString) longestString = node.value.length;
    },
  });
  const memo = new Map<string, { aliases: number; depth: number }>();
  const expand = (part: Part, seen: Set<string>): { aliases: number; depth: number } => {
    let aliases = part.aliases;
    let deepest = part.depth;
    for (const spread of part.spreads) {
      const fragment = parts.get(spread.name);
      if (!fragment || seen.has(spread.name)) continue;
      let inner = memo.get(spread.name);
      if (!inner) {
        inner = expand(fragment, new Set([...seen, spread.name]));
        memo.set(spread.name, inner);
      }
      aliases = Math.min(CAP, aliases + inner.aliases);
      // The fragment's selections sit at the spread's own level.
      deepest = Math.max(deepest, spread.depth + inner.depth - 1);
    }
    return { aliases, depth: Math.min(CAP, deepest) };
  };
  let aliases = 0;
  let deepest = 0;
  for (const op of operations) {
    const shape = expand(op, new Set());
    aliases = Math.max(aliases, shape.aliases);
    deepest = Math.max(deepest, shape.depth);
  }
  if (operations.length === 0) {
    for (const [name, part] of parts) {
      const shape = expand(part, new Set([name]));
      aliases = Math.max(aliases, shape.aliases);
      deepest = Math.max(deepest, shape.depth);
    }
  }
  return { aliases, depth: deepest, longestString, valueDepth };
}
