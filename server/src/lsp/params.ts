/**
 * Request parameters checked before a handler sees them: a client that sends a malformed request gets -32602
 * (invalid params) with a sentence saying what was wrong, not -32603 with a TypeError from deep inside a handler.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

type Check = (value: unknown, at: string) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const string: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);
const natural: Check = (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : `${at} must be a whole number ≥ 0`);

export function object(fields: Record<string, Check>, optional: string[] = []): Check {
  return (v, at) => {
    if (!isRecord(v)) return `${at} must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      if (v[key] === undefined && optional.includes(key)) continue;
      const problem = check(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export const position = object({ line: natural, character: natural });
export const range = object({ start: position, end: position });
export const textDocument = object({ uri: string });
export const list = (item: Check): Check => (v, at) => {
  if (!Array.isArray(v)) return `${at} must be a list`;
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${at}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};

/** The handler, behind a check of its parameters. */
export function checked<P, R>(check: Check, handler: (params: P) => R): (params: unknown) => R | ResponseError<void> {
  return (params) => {
    const problem = check(params, 'params');
    return problem ? new ResponseError(ErrorCodes.InvalidParams, `invalid params: ${problem}`) : handler(params as P);
  };
}
