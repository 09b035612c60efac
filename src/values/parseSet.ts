import { VmTemplateError } from "../errors.js";
import { parseStrvals, StrvalsError, type SetKind } from "./strvals.js";
import type { Values } from "./objects.js";

export interface ParseSetOptions {
  kind?: SetKind;
  /** The values to parse into (mutated); a new map when omitted. */
  into?: Values;
  /** Reads a `--set-file` path; required for kind "set-file". */
  readFile?: (path: string) => string;
}

/**
 * One `--set`-family expression into values, with Helm's grammar (see strvals.ts). A malformed
 * expression throws VmTemplateError SET_PARSE naming the flag and the expression.
 */
export function parseSet(expression: string, options: ParseSetOptions = {}): Values {
  const kind = options.kind ?? "set";
  const into = options.into ?? {};
  try {
    return parseStrvals(expression, kind, into, options.readFile);
  } catch (e) {
    if (e instanceof VmTemplateError) throw e;
    const message = e instanceof StrvalsError ? e.message : `cannot read value: ${(e as Error).message}`;
    throw new VmTemplateError("SET_PARSE", [{ path: "", message: `--${kind} ${JSON.stringify(expression)}: ${message}` }]);
  }
}
