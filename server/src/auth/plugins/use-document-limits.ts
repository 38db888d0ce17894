import { type DocumentNode, type GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { documentShape } from './document-shape.js';
import { lexicalShape } from './lexical-shape.js';
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
 * Caps the document before graphql's parser and validation run. Length is checked first; then a
 * lexer pass counts tokens and bracket nesting, since the parser recurses per level and
 * overflows the stack (HTTP 500) at about a thousand levels. After parsing, aliases, selection
 * depth, literal nesting and string lengths are counted in one pass (fragments expanded), before
 * validation, whose cost grows with aliases.
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
