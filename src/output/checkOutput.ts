import { loadAll, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
import { isDeepStrictEqual } from "node:util";
import { VmTemplateError, type Problem } from "../errors.js";
import type { RenderedFile } from "../render/renderChart.js";
import { fileKind } from "./fileKinds.js";
import { checkEnvFile, checkHostsFile } from "./checkPlainFiles.js";

/**
 * The last gate before anything leaves render(): every file must be well-formed for what it is.
 * A YAML file is one mapping that a YAML 1.2 reader and a YAML 1.1 reader (kubectl,
 * docker-compose) read the same way; env and hosts files are read literally by every reader. A
 * template that breaks this is a bug in the chart, reported as OUTPUT naming the file.
 */
export function checkOutput(files: readonly RenderedFile[]): void {
  const problems: Problem[] = [];
  for (const file of files) {
    const kind = fileKind(file.path);
    const reason =
      kind === "yaml" ? checkYaml(file.content)
      : kind === "env" ? checkEnvFile(file.content)
      : kind === "hosts" ? checkHostsFile(file.content)
      : "not a kind of file vm-template generates (.yaml, .env or hosts)";
    if (reason) problems.push({ path: "", message: `template output ${file.path} is invalid: ${reason}` });
  }
  if (problems.length) throw new VmTemplateError("OUTPUT", problems);
}

function checkYaml(content: string): string | undefined {
  let docs12: unknown[];
  let docs11: unknown[];
  try {
    docs12 = loadAll(content, { schema: CORE_SCHEMA });
    docs11 = loadAll(content, { schema: YAML11_SCHEMA });
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
  if (docs12.length !== 1) return `expected one YAML document, found ${docs12.length}`;
  const doc = docs12[0];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "the document is not a mapping";
  if (!isDeepStrictEqual(docs11, docs12)) return "YAML 1.1 and YAML 1.2 readers disagree on it (an unquoted value changes type)";
  return undefined;
}
