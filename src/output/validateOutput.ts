import type { Chart } from "../chart/chart.js";
import { outputValidator } from "../chart/compiled.js";

type Schema = Record<string, unknown>;
interface OutputSchemas {
  byKind: Map<string, Schema>;
  byFile: Map<string, Schema>;
}
const cache = new WeakMap<Chart, OutputSchemas>();

function schemasOf(chart: Chart): OutputSchemas {
  let v = cache.get(chart);
  if (!v) {
    v = { byKind: new Map(), byFile: new Map() };
    for (const schema of Object.values(chart.outputSchemas)) {
      if (typeof schema["x-kind"] === "string") v.byKind.set(schema["x-kind"], schema);
      if (typeof schema["x-file"] === "string") v.byFile.set(schema["x-file"], schema);
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
  const { byKind, byFile } = schemasOf(chart);
  const name = path.slice(path.lastIndexOf("/") + 1);
  const kind = `${String(doc.apiVersion)} ${String(doc.kind)}`;
  const schema = byFile.get(name) ?? byKind.get(kind);
  if (!schema) return [`no output schema covers it (${doc.kind === undefined ? name : kind})`];
  // Compiled on first use (when not precompiled): a render seldom needs every schema.
  const validate = outputValidator(schema);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "the document";
    const extra = e.keyword === "additionalProperties" ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : "";
    return `${where} ${e.message ?? "is invalid"}${extra}`;
  });
}
