import { Lexer, Source, TokenKind } from 'graphql';

const OPENERS = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSERS = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Token count and deepest bracket nesting of a document, found with graphql's lexer, which is
 * iterative: the parser recurses per level and overflows the stack at about a thousand levels,
 * well inside any useful token limit. Stops counting once past `maxTokens`.
 */
export function lexicalShape(body: string, maxTokens: number): { tokens: number; nesting: number } {
  const lexer = new Lexer(new Source(body));
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > maxTokens) break;
    if (OPENERS.has(token.kind)) nesting = Math.max(nesting, ++depth);
    else if (CLOSERS.has(token.kind)) depth--;
  }
  return { tokens, nesting };
}
