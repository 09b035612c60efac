import { join, resolve } from "node:path";
import { VmTemplateError, formatProblem, type Problem } from "../errors.js";
import { builtinChart } from "../chart/builtin.js";
import { mergeValues } from "../values/mergeValues.js";
import { validateValues } from "../schema/validateValues.js";
import { publishedSchema } from "../schema/publishedSchema.js";
import { render } from "../render.js";
import { formatStream, selectFiles } from "../output/formatStream.js";
import { blockYaml } from "../render/blockYaml.js";
import { fileKind } from "../output/fileKinds.js";
import { MAX_INPUT_BYTES, readValuesFile, setFileReader, valuesFromStdin } from "./files.js";
import { reason } from "./fsErrors.js";
import { hasOwn } from "../values/objects.js";
import { MANIFEST_NAME, checkOutputDir, writeOutputDir, type Drift, type DriftEntry } from "./outputDir.js";
import { parseArgs, quickArgs, type Args } from "./args.js";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Standard input, for `-f -`: its bytes up to its end or one byte past `maxBytes`, whichever
   * comes first (it may never end: `</dev/zero`). Rejects when it cannot be read (a directory).
   */
  readStdin: (maxBytes: number) => Promise<Uint8Array | string>;
  cwd: string;
  version: string;
}

/** The CLI: parses argv, runs the command, returns the exit status (0 ok, 1 invalid values or render error, 2 usage). */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed: Args | number;
  try {
    parsed = quickArgs(argv) ?? (await parseArgs(argv, io));
  } catch (e) {
    return report(e, io);
  }
  if (typeof parsed === "number") return parsed;
  try {
    return await execute(parsed, io);
  } catch (e) {
    return report(e, io);
  }
}

async function execute(args: Args, io: CliIO): Promise<number> {
  const chart = builtinChart();
  if (args.command === "schema") {
    io.stdout(`${JSON.stringify(publishedSchema(chart), null, 2)}\n`);
    return 0;
  }
  // Standard input can be read once: a second `-f -` would silently be empty.
  if (args.values.filter((path) => path === "-").length > 1) {
    throw new VmTemplateError("USAGE", [{ path: "", message: "-f -: standard input is given more than once; it can be read only once" }]);
  }
  const files = [];
  for (const path of args.values) files.push(path === "-" ? valuesFromStdin(await readStdin(io)) : readValuesFile(path, io.cwd));
  const values = mergeValues(
    { files, setJson: args.setJson, set: args.set, setString: args.setString, setFile: args.setFile, setLiteral: args.setLiteral },
    { readFile: setFileReader(io.cwd) },
  );
  if (args.command === "values") {
    const result = validateValues(values, chart);
    if (!result.ok) throw new VmTemplateError("SCHEMA", result.problems);
    io.stdout(args.json ? `${JSON.stringify(result.values, null, 2)}\n` : `${blockYaml(result.values, 0).join("\n")}\n`);
    return 0;
  }
  const rendered = render({ values, chart }).files;
  const { files: selected, missing } = selectFiles(rendered, args.showOnly);
  if (missing.length) {
    // A chart file not rendered is about the values (exit 1); a name the chart never makes is a typo (exit 2).
    // Own keys only: `-s constructor` names no template, whatever Object.prototype holds.
    const known = missing.filter((m) => hasOwn(chart.templates, m));
    if (known.length < missing.length) {
      const unknown = missing.filter((m) => !hasOwn(chart.templates, m));
      throw new VmTemplateError("USAGE", unknown.map((m) => ({ path: "", message: `--show-only ${m}: no such file in this render (chart files: ${Object.keys(chart.templates).filter((t) => t.includes(".")).sort().join(", ")}; fleet files by their path)` })));
    }
    throw new VmTemplateError("RENDER", known.map((m) => ({ path: "", message: `--show-only ${m}: not rendered with these values (its section is not given)` })));
  }
  if (args.outputDir === undefined) {
    // One file that is not YAML (sidecar.env, hosts) comes out as itself, ready to redirect into place.
    const raw = args.showOnly.length > 0 && selected.length === 1 && fileKind(selected[0]!.path) !== "yaml";
    io.stdout(raw ? selected[0]!.content : formatStream(chart.name, selected));
    return 0;
  }
  const dir = resolve(io.cwd, args.outputDir);
  // A narrowed render (--show-only) says nothing about the files it leaves out: nothing is pruned.
  const options = { prune: args.showOnly.length === 0, shown: args.outputDir };
  if (args.check) return reportDrift(args.outputDir, checkOutputDir(dir, selected, options), io);
  const result = writeOutputDir(dir, selected, options);
  if (result.recovered !== "none") io.stderr(`note: ${args.outputDir}: an interrupted run into it was ${result.recovered === "finished" ? "finished" : "rolled back"}\n`);
  if (args.verbose) {
    for (const path of result.written) io.stdout(`wrote ${join(args.outputDir, path)}\n`);
    for (const path of result.removed) io.stdout(`removed ${join(args.outputDir, path)}\n`);
  }
  io.stdout(`${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed\n`);
  return 0;
}

async function readStdin(io: CliIO): Promise<Uint8Array | string> {
  try {
    return await io.readStdin(MAX_INPUT_BYTES);
  } catch (e) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `<stdin>: cannot read values from standard input: ${reason(e)}` }]);
  }
}

/** `--check`: the diffs on stdout, the problems and a summary on stderr; exit 1 when a write would change the directory. */
function reportDrift(dir: string, drift: Drift, io: CliIO): number {
  if (drift.entries.length === 0 && drift.problems.length === 0 && !drift.manifestStale) return 0;
  io.stdout(drift.entries.map((d) => d.diff).join(""));
  const count = (status: DriftEntry["status"]) => drift.entries.filter((d) => d.status === status).length;
  const parts = [`${count("changed")} changed`, `${count("missing")} missing`, `${count("extra")} no longer rendered`];
  if (count("edited")) parts.push(`${count("edited")} edited by hand`);
  if (count("foreign")) parts.push(`${count("foreign")} not written by vm-template`);
  if (drift.manifestStale) parts.push(`${MANIFEST_NAME} out of date`);
  const problems = drift.problems.map((p) => `error: ${p}\n`).join("");
  const fix = drift.problems.length > 0 ? "settle the files named above, then run without --check" : "run without --check to update it";
  io.stderr(drift.interrupted ? problems : `${problems}error: ${dir} is not what vm-template renders: ${parts.join(", ")}; ${fix}\n`);
  return 1;
}

function report(e: unknown, io: CliIO): number {
  if (e instanceof VmTemplateError) {
    io.stderr(e.problems.map((p: Problem) => `error: ${formatProblem(p)}\n`).join(""));
    return e.code === "USAGE" ? 2 : 1;
  }
  // A bug, not a user error: say so plainly, still without a stack trace.
  io.stderr(`error: unexpected failure: ${(e as Error)?.message ?? String(e)}\n`);
  return 1;
}
