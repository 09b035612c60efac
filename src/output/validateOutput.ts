import type { ValidateFunction } from "ajv";
import type { Chart } from "../chart/chart.js";
import { newAjv } from "../schema/ajv.js";

/** A schema compiled on first use: a render seldom needs every one (cold start, issue 5). */
type LazyValidator = () => ValidateFunction;

interface OutputValidators {
  byKind: Map<string, LazyValidator>;
  byFile: Map<string, LazyValidator>;
}
const cache = new WeakMap<Chart, OutputValidators>();

function validatorsFor(chart: Chart): OutputValidators {
  let v = cache.get(chart);
  if (!v) {
    const ajv = newAjv();
    v = { byKind: new Map(), byFile: new Map() };
    for (const schema of Object.values(chart.outputSchemas)) {
      let compiled: ValidateFunction | undefined;
      const validator = () => (compiled ??= ajv.compile(schema));
      if (typeof schema["x-kind"] === "string") v.byKind.set(schema["x-kind"], validator);
      if (typeof schema["x-file"] === "string") v.byFile.set(schema["x-file"], validator);
    }
    cache.set(chart, v);
  }
  return v;
}

/**
 * Checks one rendered YAML document against the chart's output schema for it (by apiVersion and
 * kind, or by file name), strictly: an unknown field is an error. A document no schema covers is
 * one too. Returns the reasons, empty when the document is valid.
 */
export function validateOutputDoc(chart: Chart, path: string, doc: Record<string, unknown>): string[] {
  const { byKind, byFile } = validatorsFor(chart);
  const name = path.slice(path.lastIndexOf("/") + 1);
  const kind = `${String(doc.apiVersion)} ${String(doc.kind)}`;
  const validate = (byFile.get(name) ?? byKind.get(kind))?.();
  if (!validate) return [`no output schema covers it (${doc.kind === undefined ? name : kind})`];
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "the document";
    const extra = e.keyword === "additionalProperties" ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : "";
    return `${where} ${e.message ?? "is invalid"}${extra}`;
  });
}
