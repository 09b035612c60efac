import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * ../shared/reference/validate-envoy.mjs, which checks an Envoy bootstrap against Envoy's own
 * API protos (as shipped in @grpc/grpc-js-xds, about Envoy 1.31) plus Envoy's cross-checks.
 * Absent in a clone without ../shared: the tests that use it skip.
 */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const reference = join(projectRoot, "..", "shared", "reference");
export const hasEnvoyValidator = existsSync(join(reference, "validate-envoy.mjs"));

export interface EnvoyVerdict {
  valid: boolean;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

export async function envoyValidator(): Promise<(text: string) => EnvoyVerdict> {
  const mod = await import(pathToFileURL(join(reference, "validate-envoy.mjs")).href);
  const { schema } = mod.loadSchema({ cwd: projectRoot });
  return (text: string) => mod.validateText(text, { schema, format: "yaml", cwd: projectRoot });
}
