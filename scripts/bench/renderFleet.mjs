// One measurement in a process of its own (so that peak memory is this render's):
//   node renderFleet.mjs VALUES.yaml on|off
// Prints JSON: the wall time of the render through the library, the files and YAML documents it
// made, and the process's peak resident memory. `off` renders without the output check (values
// validation still runs: nothing renders without it) to show what the check costs.
import { readFileSync } from "node:fs";
import { parseValuesYaml, render } from "../../dist/src/index.js";
import { builtinChart } from "../../dist/src/chart/builtin.js";
import { validateValues } from "../../dist/src/schema/validateValues.js";
import { renderChart } from "../../dist/src/render/renderChart.js";

const [file, check = "on"] = process.argv.slice(2);
const values = parseValuesYaml(readFileSync(file, "utf8"), file);
const start = performance.now();
let files;
if (check === "on") {
  files = render({ values }).files;
} else {
  const chart = builtinChart();
  const result = validateValues(values, chart);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  files = renderChart(chart, result.values).files;
}
const ms = performance.now() - start;
const documents = files.filter((f) => /\.ya?ml$/.test(f.path)).length;
console.log(JSON.stringify({ ms, files: files.length, documents, peakMB: process.resourceUsage().maxRSS / 1024 }));
