import { VmTemplateError } from "../errors.js";
import { MAX_JSON_DEPTH, parseStrvals, StrvalsError, type SetKind } from "./strvals.js";
import { isMap, nestedDeeperThan, type Values } from "./objects.js";
import { requireFunction, requireOneOf, requireOptions, requireString, requireValues } from "../arguments.js";

const KINDS: readonly SetKind[] = ["set", "set-string", "set-json", "set-file", "set-literal"];

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
  requireString(expression, "expression");
  requireOptions(options, "options", ["kind", "into", "readFile"]);
  const kind = options.kind === undefined ? "set" : requireOneOf(options.kind, "options.kind", KINDS);
  const into = options.into === undefined ? {} : requireValues(options.into, "options.into");
  if (options.readFile !== undefined) requireFunction(options.readFile, "options.readFile");
  try {
    return parseStrvals(expression, kind, into, options.readFile);
  } catch (e) {
    if (e instanceof VmTemplateError) throw e;
    throw setParseError(kind, expression, e instanceof StrvalsError ? e.message : `cannot read value: ${(e as Error).message}`);
  }
}

/**
 * A --set-json that is one whole JSON object rather than key=value (Helm 3.17+ MergeValues: a
 * value starting with '{'). JSON.parse makes `__proto__` an own key, never a prototype.
 */
export function parseSetJsonObject(expression: string): Values {
  let value: unknown;
  try {
    value = JSON.parse(expression);
  } catch (e) {
    throw setParseError("set-json", expression, `not a valid JSON object: ${(e as Error).message}`);
  }
  if (!isMap(value)) throw setParseError("set-json", expression, "not a valid JSON object");
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) throw setParseError("set-json", expression, `JSON value nested deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

function setParseError(kind: SetKind, expression: string, message: string): VmTemplateError {
  return new VmTemplateError("SET_PARSE", [{ path: "", message: `--${kind} ${JSON.stringify(expression)}: ${message}` }]);
}
