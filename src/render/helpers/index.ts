import { and } from "./and.js";
import { concat } from "./concat.js";
import { dict } from "./dict.js";
import { fail } from "./fail.js";
import { fallback } from "./fallback.js";
import { merge } from "./merge.js";
import { ne } from "./ne.js";
import { toYaml } from "./toYaml.js";
import { yaml } from "./yaml.js";

/** Every helper a chart template may call. None reads the disk, the clock or the environment. */
export const helpers: Record<string, (...args: never[]) => unknown> = {
  and, concat, default: fallback, dict, fail, merge, ne, toYaml, yaml,
};

/** The helpers whose output may be printed by `{{…}}`: each makes YAML-safe text. */
export const printingHelpers = new Set(["yaml", "toYaml", "fail"]);
