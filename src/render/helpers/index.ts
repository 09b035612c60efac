import { comment } from "./comment.js";
import { concat } from "./concat.js";
import { envLine } from "./envLine.js";
import { dict } from "./dict.js";
import { fail } from "./fail.js";
import { fallback } from "./fallback.js";
import { file } from "./file.js";
import { and, eq, includes, ne, or } from "./logic.js";
import { list } from "./list.js";
import { merge } from "./merge.js";
import { pem } from "./pem.js";
import { shellQuote } from "./shellQuote.js";
import { eachPath, slug } from "./slug.js";
import { token } from "./token.js";
import { toYaml } from "./toYaml.js";
import { yaml } from "./yaml.js";

/** Every helper a chart template may call. None reads the disk, the clock or the environment. */
export const helpers: Record<string, (...args: never[]) => unknown> = {
  and, comment, concat, default: fallback, dict, eachPath, envLine, eq, fail, file, includes, list, merge, ne, or, pem, shellQuote, slug, token, toYaml, yaml,
};

/** The helpers whose output may be printed by `{{…}}`: each makes text that is safe where it lands. */
export const printingHelpers = new Set(["yaml", "toYaml", "token", "fail", "shellQuote", "pem", "envLine", "comment"]);
