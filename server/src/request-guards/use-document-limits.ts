import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { type GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { lexicalShape } from './lexical-shape.js';
import { literalLimitsRule } from './literal-limits.js';
import { refusal } from './refusal.js';

export interface DocumentLimits {
  maxDocumentLength: number;
  maxTokens: number;
  maxAliases: number;
  maxSelectionDepth: number;
  maxStringLength: number;
  /** Nesting of object and list literals, as for variables. */
  maxInputDepth: number;
}

/**
 * Caps the document before graphql's parser and during validation. Length is checked first;
 * then a lexer pass counts tokens and bracket nesting, since the parser recurses per level and
 * overflows the stack (HTTP 500) at about a thousand levels. Validation then counts aliases and
 * selection depth (graphql-armor's rules, fragments expanded) and string and literal sizes; an
 * over-limit document ends validation at once, whose cost grows with aliases.
 */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  return {
    // Ours, not armor's character limit: that one runs in parse, after yoga's parse cache has
    // taken the document's full text as a key.
    onParams({ params }) {
      const length = typeof params.query === 'string' ? params.query.length : 0;
      if (length > limits.maxDocumentLength) {
        throw refusal(
          `the document is ${length} characters (limit maxDocumentLength = ${limits.maxDocumentLength}); pass large values as variables or split the query`,
          'DOCUMENT_TOO_LARGE',
          { limit: 'maxDocumentLength' },
        );
      }
    },
    // Ours, not armor's: its max-depth only runs after parsing, too late for the parser's stack,
    // and its max-tokens would replace this parse function; this lexer pass counts tokens anyway.
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const body = typeof source === 'string' ? source : source.body;
        const lexical = lexicalShape(body, limits.maxTokens);
        if (lexical.tokens > limits.maxTokens) {
          throw refusal(
            `the document has more than ${limits.maxTokens} tokens (limit maxTokens); split it into smaller queries`,
            'DOCUMENT_TOO_LARGE',
            { limit: 'maxTokens' },
          );
        }
        const maxNesting = limits.maxSelectionDepth + limits.maxInputDepth;
        if (lexical.nesting > maxNesting) {
          throw refusal(
            `brackets are nested ${lexical.nesting} deep (limit maxSelectionDepth + maxInputDepth = ${maxNesting}); flatten the query or pass values as variables`,
            'QUERY_TOO_DEEP',
            { limit: 'maxSelectionDepth' },
          );
        }
        return parse(source, { ...options, maxTokens: limits.maxTokens });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(
        maxAliasesRule({
          n: limits.maxAliases,
          allowList: [],
          onReject: [
            rejectWith((found) =>
              refusal(
                `an operation uses ${found} aliases (limit maxAliases = ${limits.maxAliases}); ask for fewer fields by alias or split the query`,
                'TOO_MANY_ALIASES',
                { limit: 'maxAliases' },
              ),
            ),
          ],
        }),
      );
      addValidationRule(
        maxDepthRule({
          n: limits.maxSelectionDepth,
          flattenFragments: true,
          ignoreIntrospection: false,
          onReject: [
            rejectWith((found) =>
              refusal(
                `selections are nested ${found} deep (limit maxSelectionDepth = ${limits.maxSelectionDepth}); flatten the query`,
                'QUERY_TOO_DEEP',
                { limit: 'maxSelectionDepth' },
              ),
            ),
          ],
        }),
      );
      addValidationRule(literalLimitsRule(limits));
    },
  };
}

/**
 * An armor onReject callback that throws our refusal instead of armor's untyped "Syntax Error",
 * ending validation at once; the count is taken from armor's message ("..., found N.").
 */
function rejectWith(
  refuse: (found: string) => GraphQLError,
): (context: unknown, error: GraphQLError) => void {
  return (_context, error) => {
    throw refuse(/found (\d+)/.exec(error.message)?.[1] ?? 'too many');
  };
}
