/** One thing wrong with the input, located by a value path such as `global.sidecar.appId`. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * What kind of failure it is. The CLI maps USAGE to exit status 2 and everything else to 1;
 * tests assert on the code and the problem paths, never on prose.
 */
export type ErrorCode = "SET_PARSE" | "VALUES_FILE" | "SCHEMA" | "RENDER" | "OUTPUT" | "USAGE";

export class VmTemplateError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(code: ErrorCode, problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "VmTemplateError";
    this.code = code;
    this.problems = problems;
  }
}

/** `path: message`, or just the message when the problem has no value path. */
export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** A value as it appears in an error message: strings quoted, long values cut. */
export function showValue(v: unknown): string {
  const s = v === undefined ? "nothing" : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
