import type { Plugin } from 'graphql-yoga';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { refusal } from './refusal.js';

/**
 * Parses JSON request bodies in place of yoga's parser, whose 400 repeated the body (part of it
 * in V8's message, in `extensions.originalError`): a client that sent a secret or a 1 MB body
 * should not get it back. The refusal names the position (offset, line, column) and nothing else.
 */
export function useJsonBody(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      const type = request.headers.get('content-type') ?? '';
      if (request.method !== 'POST' || !/^application\/(graphql\+)?json\b/i.test(type)) return;
      setRequestParser(async (req) => {
        const text = await req.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw invalidJson(text);
        }
        if (body === null || typeof body !== 'object') {
          throw refusal(
            `the request body must be a JSON object such as {"query": "..."}, not ${body === null ? 'null' : typeof body}`,
            'BAD_REQUEST',
          );
        }
        return body as never;
      });
    },
  };
}

function invalidJson(text: string) {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first?.offset ?? text.length;
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const what = first ? describe(printParseErrorCode(first.error)) : 'the body is empty';
  const error = refusal(
    `the request body is not valid JSON: ${what} at position ${offset} (line ${line}, column ${column}). NaN and Infinity are not JSON: leave such values out or send null where a field allows it`,
    'BAD_REQUEST',
  );
  Object.assign(error.extensions, { position: offset, line, column });
  return error;
}

const DESCRIPTIONS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character (NaN, Infinity, a quote other than ")',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: 'text after the end of the JSON value',
  InvalidCommentToken: 'a comment',
  UnexpectedEndOfComment: 'an unfinished comment',
  UnexpectedEndOfString: 'an unfinished string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape',
  InvalidCharacter: 'a control character inside a string',
};

function describe(code: string): string {
  return DESCRIPTIONS[code] ?? code;
}
