import type { HelperOptions } from "handlebars";
import type { Problem } from "../../errors.js";

/**
 * `{{fail "value.path" "message"}}`: records a problem at that value path and prints nothing.
 * The render goes on, so a chart's checks report every problem at once; renderChart then throws
 * them all as one RENDER error and no file comes out.
 */
export function fail(path: unknown, message: unknown, options: HelperOptions): string {
  const problems = (options.data as { problems?: Problem[] } | undefined)?.problems;
  if (!problems) throw new Error("fail: used outside a render");
  problems.push({ path: String(path), message: String(message) });
  return "";
}
