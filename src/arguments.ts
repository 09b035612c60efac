/**
 * Checks of what callers hand the public functions (src/index.ts, src/cli/files.ts). JavaScript
 * callers are not held to the type declarations, and a wrong argument used to surface as a bare
 * TypeError or RangeError from deep inside (or worse, as wrong values: `files: ["abc"]` became
 * `{0: "a", …}`). Each check answers with a VmTemplateError (USAGE) naming the argument.
 */
import { VmTemplateError, type ErrorCode } from "./errors.js";
import { joinPath, type Values } from "./values/objects.js";

/**
 * How deep values may nest: far deeper than any source makes them (a values file 100 levels,
 * --set 30 plus a --set-json value 100), and far from what would overflow the stack of the
 * recursive steps after this check (merging, coalescing, rendering).
 */
const MAX_DEPTH = 1000;

function usage(argument: string, message: string): VmTemplateError {
  return new VmTemplateError("USAGE", [{ path: argument, message }]);
}

/** What a value is, in an error message. */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null ? "a map" : `a ${v.constructor?.name ?? "object"}`;
  return typeof v === "undefined" ? "nothing" : `a ${typeof v}`;
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function requireString(v: unknown, argument: string): string {
  if (typeof v !== "string") throw usage(argument, `must be a string (got ${kindOf(v)})`);
  return v;
}

export function requireStringList(v: unknown, argument: string): string[] {
  requireList(v, argument, "strings").forEach((s, i) => requireString(s, `${argument}[${i}]`));
  return v as string[];
}

export function requireList(v: unknown, argument: string, of: string): unknown[] {
  if (!Array.isArray(v)) throw usage(argument, `must be a list of ${of} (got ${kindOf(v)})`);
  return v;
}

export function requireFunction<F>(v: unknown, argument: string): F {
  if (typeof v !== "function") throw usage(argument, `must be a function (got ${kindOf(v)})`);
  return v as F;
}

/** A plain map of options whose keys are all among `known` (a misspelt option is not silently ignored). */
export function requireOptions(v: unknown, argument: string, known: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  if (!isPlainMap(v)) throw usage(argument, `must be a map (got ${kindOf(v)})`);
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) throw usage(`${argument}.${key}`, `unknown option (known: ${known.join(", ")})`);
  }
  return v;
}

export function requireOneOf<T extends string>(v: unknown, argument: string, allowed: readonly T[]): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw usage(argument, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")} (got ${typeof v === "string" ? JSON.stringify(v) : kindOf(v)})`);
  }
  return v as T;
}

/**
 * `v` must be values: a map whose leaves are strings, numbers, booleans or null, through maps
 * and lists only, and a tree. A cycle (a YAML alias inside its own anchor, `a: &x {b: *x}`, or an
 * object that contains itself) would send every later step round it until the stack overflows;
 * a BigInt, a function or a class instance has no meaning as a value. Iterative, and each map
 * or list is entered once (shared parts, as YAML aliases make, are fine), so the check is linear.
 * `argument` names the values in the error: an argument (`values`) with code USAGE, or a file
 * with code VALUES_FILE.
 */
export function requireValues(v: unknown, argument: string, code: ErrorCode = "USAGE"): Values {
  const fail = (segments: (string | number)[], message: string): never => {
    const path = joinPath(segments);
    throw code === "USAGE"
      ? usage(path ? `${argument}.${path}`.replace(/\.\[/g, "[") : argument, message)
      : new VmTemplateError(code, [{ path: "", message: `${argument}: ${path ? `${path}: ` : ""}${message}` }]);
  };
  if (!isPlainMap(v)) return fail([], `must be a map of values (got ${kindOf(v)})`);
  /** Containers entered and not yet left: meeting one again is a cycle. */
  const open = new Map<object, (string | number)[]>();
  const done = new Set<object>();
  const stack: { node: object; path: (string | number)[]; leaving: boolean }[] = [{ node: v, path: [], leaving: false }];
  while (stack.length) {
    const { node, path, leaving } = stack.pop()!;
    if (leaving) {
      open.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    if (path.length >= MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
    open.set(node, path);
    stack.push({ node, path, leaving: true });
    const visit = (key: string | number, child: unknown): void => {
      if (child === null || child === undefined || typeof child === "string" || typeof child === "boolean" || typeof child === "number") return;
      const at = [...path, key];
      if (typeof child !== "object") fail(at, `must be a string, number, boolean, null, list or map (got ${kindOf(child)})`);
      else if (!Array.isArray(child) && !isPlainMap(child)) fail(at, `must be plain data: a map, list or scalar (got ${kindOf(child)})`);
      else if (open.has(child)) {
        const target = joinPath(open.get(child)!);
        fail(at, `refers back to ${target ? (code === "USAGE" ? `${argument}.${target}` : target) : `the top of ${argument}`}, which contains it (values must be a tree, not a cycle)`);
      } else if (!done.has(child)) stack.push({ node: child, path: at, leaving: false });
    };
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) visit(i, node[i]);
    else for (const key of Object.keys(node)) visit(key, (node as Values)[key]);
  }
  return v;
}

/** A Chart as builtinChart, chartFromFiles or readChartDir make it. */
export function requireChart(v: unknown, argument: string): void {
  const ok = isPlainMap(v) && typeof v.name === "string" && [v.templates, v.partials, v.defaults, v.schema, v.outputSchemas].every(isPlainMap) && (v.checks === undefined || typeof v.checks === "function");
  if (!ok) throw usage(argument, `must be a chart as builtinChart(), chartFromFiles() or readChartDir() return it (got ${kindOf(v)})`);
}

/** A list of rendered files, `{ path, content }` each. */
export function requireFiles(v: unknown, argument: string): void {
  requireList(v, argument, "{ path, content }").forEach((f, i) => {
    if (!isPlainMap(f)) throw usage(`${argument}[${i}]`, `must be a map { path, content } (got ${kindOf(f)})`);
    requireString(f.path, `${argument}[${i}].path`);
    requireString(f.content, `${argument}[${i}].content`);
  });
}
