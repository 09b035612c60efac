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
  if (typeof p !== "object" || p === null || typeof p.path !== "string" || typeof p.message !== "string") {
    throw new VmTemplateError("USAGE", [{ path: "problem", message: "must be a problem { path: string, message: string }" }]);
  }
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** How much of a value an error message shows. */
const SHOWN = 80;

/**
 * A value as it appears in an error message: JSON, strings quoted, long values cut. Only the
 * first SHOWN characters are ever made: a problem about one key of a map of 100,000 keys must
 * not serialize the whole map (that made error reporting quadratic, issue 11).
 */
export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  const out: string[] = [];
  let length = 0;
  const emit = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length <= SHOWN;
  };
  const seen = new Set<object>();
  const walk = (x: unknown): boolean => {
    if (typeof x === "string") return emit(JSON.stringify(x.length > SHOWN ? x.slice(0, SHOWN) : x));
    if (typeof x === "bigint") return emit(`${x}n`);
    if (x === null || typeof x !== "object") return emit(typeof x === "number" || typeof x === "boolean" ? JSON.stringify(x) : String(x));
    if (seen.has(x)) return emit("<cycle>");
    seen.add(x);
    const list = Array.isArray(x);
    if (!emit(list ? "[" : "{")) return false;
    let first = true;
    for (const key of Object.keys(x)) {
      const child = (x as Record<string, unknown>)[key];
      if (!list && (child === undefined || typeof child === "function")) continue;
      if (!first && !emit(",")) return false;
      first = false;
      if (!list && !emit(`${JSON.stringify(key.length > SHOWN ? key.slice(0, SHOWN) : key)}:`)) return false;
      if (!walk(child === undefined ? null : child)) return false;
    }
    seen.delete(x);
    return emit(list ? "]" : "}");
  };
  walk(v);
  const s = out.join("");
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 3)}...` : s;
}
