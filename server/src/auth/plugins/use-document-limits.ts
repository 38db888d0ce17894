import { type DocumentNode, GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { documentShape } from './document-shape.js';
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
 * Caps the document before graphql's own validation runs, whose cost grows with aliases and
 * nesting: the parser stops after `maxTokens` tokens (its recursion overflows the stack on a few
 * thousand nested literals otherwise), and aliases, selection depth, literal nesting and string
 * lengths are counted in one pass (fragments expanded) so an oversized document costs O(n).
 */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  return {
    // Before parsing: yoga's parse cache keys documents, and parse errors, by their full text.
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
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (
            error instanceof GraphQLError &&
            /Document contains more th\w+ \d+ tokens/.test(error.message)
          ) {
            throw refusal(
              `the document has more than ${limits.maxTokens} tokens (limit maxTokens); split it into smaller queries`,
              'DOCUMENT_TOO_LARGE',
              { limit: 'maxTokens' },
            );
          }
          throw error;
        }
      });
    },
    onValidate({ params, setResult }) {
      const problem = shapeProblem(params.documentAST as DocumentNode, limits);
      if (problem !== null) setResult([problem]);
    },
  };
}

function shapeProblem(document: DocumentNode, limits: DocumentLimits): GraphQLError | null {
  const shape = documentShape(document);
  if (shape.aliases > limits.maxAliases) {
    return refusal(
      `an operation uses ${shape.aliases} aliases (limit maxAliases = ${limits.maxAliases}); ask for fewer fields by alias or split the query`,
      'TOO_MANY_ALIASES',
      { limit: 'maxAliases' },
    );
  }
  if (shape.depth > limits.maxSelectionDepth) {
    return refusal(
      `selections are nested ${shape.depth} deep (limit maxSelectionDepth = ${limits.maxSelectionDepth}); flatten the query`,
      'QUERY_TOO_DEEP',
      { limit: 'maxSelectionDepth' },
    );
  }
  if (shape.longestString > limits.maxStringLength) {
    return refusal(
      `a string in the document has ${shape.longestString} characters (limit maxStringLength = ${limits.maxStringLength})`,
      'STRING_TOO_LONG',
      { limit: 'maxStringLength' },
    );
  }
  if (shape.valueDepth > limits.maxInputDepth) {
    return refusal(
      `an argument value is nested ${shape.valueDepth} levels deep (limit maxInputDepth = ${limits.maxInputDepth})`,
      'INPUT_TOO_DEEP',
      { limit: 'maxInputDepth' },
    );
  }
  return null;
}
