import { chartFromFiles, type Chart } from "./chart.js";
import { builtinFiles } from "./builtin.generated.js";
import { builtinChecks } from "./checks/index.js";

let chart: Chart | undefined;

/** The chart this package ships (templates/ and schemas/ of the repository, embedded by `npm run embed`). */
export function builtinChart(): Chart {
  chart ??= { ...chartFromFiles("vm-template", builtinFiles), checks: builtinChecks };
  return chart;
}
