import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped when imported from ESM.
type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** The one way this project makes an ajv instance: strict, every error, and its own keywords known. */
export function newAjv(options: { useDefaults?: boolean } = {}): Ajv {
  // verbose gives each error its schema node, whose x-expected words the rule.
  const ajv = new Ajv({ allErrors: true, useDefaults: options.useDefaults ?? false, verbose: true, strict: true, strictRequired: false });
  addFormats(ajv, ["ipv4", "ipv6"]);
  for (const keyword of ["x-expected", "x-present-with", "x-required-why", "x-not-why", "x-kind", "x-file"]) ajv.addKeyword(keyword);
  return ajv;
}
