import { VmTemplateError } from "./errors.js";
import type { Chart } from "./chart/chart.js";
import { builtinChart } from "./chart/builtin.js";
import { validateValues } from "./schema/validateValues.js";
import { renderChart, type Release, type RenderedFile } from "./render/renderChart.js";
import { checkOutput } from "./output/checkOutput.js";
import type { Values } from "./values/objects.js";
import { requireOptions, requireString } from "./arguments.js";

export interface RenderInput {
  /** User values, as mergeValues returns them (chart defaults are applied here). */
  values: Values;
  /** The chart to render; the built-in one when omitted. */
  chart?: Chart;
  /** Helm's release (`vm-template NAME`): where the chart uses it, see its templates. */
  release?: Release;
}

export interface RenderResult {
  files: RenderedFile[];
}

/**
 * The whole pipeline after the values are gathered: coalesce over the chart's defaults ->
 * validate -> render -> check the output (well-formed, and valid against the chart's output
 * schemas, so a broken template can never hand back an invalid file). Pure: no file system, process or console. Throws
 * VmTemplateError (SCHEMA, RENDER or OUTPUT) with every problem found.
 */
export function render(input: RenderInput): RenderResult {
  // validateValues checks the values and the chart themselves.
  const { values, chart = builtinChart(), release = {} } = requireOptions(input, "input", ["values", "chart", "release"]) as Partial<RenderInput>;
  const { name } = requireOptions(release, "input.release", ["name"]);
  if (name !== undefined) requireString(name, "input.release.name");
  const result = validateValues(values as Values, chart);
  if (!result.ok) throw new VmTemplateError("SCHEMA", result.problems);
  const { files, templateOf } = renderChart(chart, result.values, release);
  checkOutput(chart, files, templateOf);
  return { files };
}
