import type { Ajv, CodeOptions } from "ajv";
import { ajvCompiler } from "../compilers.js";

/** Keywords of this project's schemas that carry words for errors and output routing, not rules. */
const ANNOTATIONS = ["x-expected", "x-present-with", "x-required-why", "x-not-why", "x-kind", "x-file"];

/**
 * The one way this project makes an ajv instance: strict, every error, and its own keywords
 * known. `code` is for the build, which turns the built-in chart's schemas into standalone code.
 */
export function newAjv(options: { useDefaults?: boolean; code?: CodeOptions } = {}): Ajv {
  const { Ajv, addFormats } = ajvCompiler();
  // verbose gives each error its schema node, whose x-expected words the rule.
  const ajv = new Ajv({ allErrors: true, useDefaults: options.useDefaults ?? false, verbose: true, strict: true, strictRequired: false, code: options.code });
  addFormats(ajv, ["ipv4", "ipv6"]);
  for (const keyword of ANNOTATIONS) ajv.addKeyword(keyword);
  return ajv;
}
