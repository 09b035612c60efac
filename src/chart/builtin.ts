import { chartFromFiles, type Chart } from "./chart.js";
import { builtinFiles } from "./builtin.generated.js";

let chart: Chart | undefined;

/** The chart this package ships (templates/ and schemas/ of the repository, embedded by `npm run embed`). */
export function builtinChart(): Chart {
  chart ??= chartFromFiles("vm-template", builtinFiles);
  return chart;
}
