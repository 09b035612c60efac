import type { Problem } from "../errors.js";
import type { Chart } from "../chart/chart.js";
import { builtinChart } from "../chart/builtin.js";
import { coalesce } from "../values/coalesce.js";
import { hasOwn, isMap, setKey, sortKeys, type Values } from "../values/objects.js";
import { toProblems } from "./problems.js";
import { sortSets } from "./sortSets.js";
import { requireChart, requireValues } from "../arguments.js";
import { valuesValidator } from "../chart/compiled.js";

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
  /** The effective values: chart defaults, then the user's values, then the schema's section defaults. */
  values: Values;
}

/**
 * Validates user values (as mergeValues returns them) against a chart's schema, after coalescing
 * them over the chart's defaults, then against the chart's checks across values. Every problem
 * is reported, each with its value path.
 */
export function validateValues(values: Values, chart: Chart = builtinChart()): ValidationResult {
  requireValues(values, "values");
  requireChart(chart, "chart");
  const effective = coalesce(chart.defaults, values);
  addPresentSections(effective, chart.schema);
  const validate = valuesValidator(chart.schema);
  if (!validate(effective)) return { ok: false, problems: toProblems(validate.errors ?? [], effective, chart.schema), values: effective };
  // Sorted keys: templates iterate maps in key order, so the input's key order never shows.
  const sorted = sortKeys(effective) as Values;
  const problems = chart.checks?.(sorted) ?? [];
  // Sets in sorted order too, once the checks have named any index as the user typed it.
  return { ok: problems.length === 0, problems, values: problems.length === 0 ? sortSets(sorted, chart.schema) : sorted };
}

/**
 * A top-level section whose schema lists, in `x-present-with`, a section the user gave is
 * created empty, so that its defaults apply and its resource is rendered (the Sidecar derived
 * from the ServiceDefinition).
 */
function addPresentSections(values: Values, schema: Record<string, unknown>): void {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, node] of Object.entries(properties)) {
    const withSections = node["x-present-with"];
    if (!Array.isArray(withSections) || hasOwn(values, name)) continue;
    if (withSections.some((s) => isMap(values[String(s)]))) setKey(values, name, {});
  }
}

