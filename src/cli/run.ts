import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { VmTemplateError, formatProblem, type Problem } from "../errors.js";
import { builtinChart } from "../chart/builtin.js";
import type { Chart } from "../chart/chart.js";
import { mergeValues } from "../values/mergeValues.js";
import { withReleaseName, withReleaseNamespace } from "../values/release.js";
import { getOwn, hasOwn, sortKeys, type Values } from "../values/objects.js";
import { validateValues } from "../schema/validateValues.js";
import { PUBLISHED_SCHEMA_FILE, publishedSchema } from "../schema/publishedSchema.js";
import { render } from "../render.js";
import { formatStream, isKubernetesResource, selectFiles } from "../output/formatStream.js";
import { blockYaml } from "../render/blockYaml.js";
import { MAX_INPUT_BYTES, readValuesFile, setFileReader, valuesFromStdin } from "./files.js";
import { reason } from "./fsErrors.js";
import { MANIFEST_NAME, checkOutputDir, writeOutputDir, type Drift, type DriftEntry } from "./outputDir.js";
import { parseArgs, quickArgs, type Args } from "./args.js";
import { PROJECT_FILE } from "./projectFile.js";
import { isMissing, runInit } from "./init.js";

/** The names -f may give standard input by: `-` and the device files that are it on Linux. */
const STDIN_NAMES = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

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
  /** The installed package's folder, where dist/vm-template.schema.json is (for `init`'s $schema line). */
  packageDir?: string;
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
  const sources: string[] = [];
  try {
    return await execute(parsed, io, sources);
  } catch (e) {
    return report(e, io, parsed, sources);
  }
}

async function execute(args: Args, io: CliIO, sources: string[]): Promise<number> {
  const chart = builtinChart();
  if (args.command === "schema") {
    io.stdout(`${JSON.stringify(publishedSchema(chart), null, 2)}\n`);
    return 0;
  }
  const values = await gatherValues(args, io, sources);
  if (args.command === "init") return runInit(values, chart, io, schemaPath(io));
  if (args.command === "values") return printValues(values, args, chart, io, sources);
  if (args.debug) debugValues(values, chart, io);
  if (args.name !== undefined && ["vms", "decoupled", "workloadGroup"].some((k) => getOwn(values, k) !== undefined)) {
    throw new VmTemplateError("USAGE", [{ path: "", message: `release name ${args.name}: it names a single VM's proxy container; a fleet (vms) names each VM's after its service, and decoupled mode and a workloadGroup have no such service` }]);
  }
  const rendered = render({ values, chart, release: { name: args.name } }).files;
  const { files: selected, missing } = selectFiles(rendered, args.showOnly, chart.name);
  if (missing.length) throw showOnlyError(missing, chart);
  if (args.outputDir === undefined) {
    // One file that is not a Kubernetes resource (compose, env, hosts) comes out as itself, ready to redirect into place.
    const raw = args.showOnly.length > 0 && selected.length === 1 && !isKubernetesResource(selected[0]!);
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

/**
 * The user's values, as Helm gathers them, with the project file ./vm-template.yaml as the first
 * values file (init writes it, so it reads only what it is given). `sources` names each source
 * read, for error messages.
 */
async function gatherValues(args: Args, io: CliIO, sources: string[]): Promise<Values> {
  // A pipe can be read once: a second read of it (as - or by a /dev name) would quietly be empty.
  const stdinNames = args.values.filter((path) => STDIN_NAMES.has(path));
  if (stdinNames.length > 1) {
    throw new VmTemplateError("USAGE", [{ path: "", message: `-f ${stdinNames[1]}: standard input is given more than once; it can be read only once` }]);
  }
  const files = [];
  if (args.command !== "init" && args.projectFile && existsSync(join(io.cwd, PROJECT_FILE))) {
    files.push(readValuesFile(PROJECT_FILE, io.cwd));
    sources.push(`${PROJECT_FILE} (the project file)`);
  }
  for (const path of args.values) {
    files.push(path === "-" ? valuesFromStdin(await readStdin(io)) : readValuesFile(path, io.cwd));
    sources.push(path === "-" ? "-f - (stdin)" : `-f ${path}`);
  }
  const sets = args.setJson.length + args.set.length + args.setString.length + args.setFile.length + args.setLiteral.length;
  if (sets) sources.push(`${sets} --set flag${sets === 1 ? "" : "s"}`);
  const values = mergeValues(
    { files, setJson: args.setJson, set: args.set, setString: args.setString, setFile: args.setFile, setLiteral: args.setLiteral },
    { readFile: setFileReader(io.cwd) },
  );
  return withReleaseName(withReleaseNamespace(values, args.namespace), args.name);
}

async function readStdin(io: CliIO): Promise<Uint8Array | string> {
  try {
    return await io.readStdin(MAX_INPUT_BYTES);
  } catch (e) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `<stdin>: cannot read values from standard input: ${reason(e)}` }]);
  }
}

/**
 * `vm-template values`: the effective values (defaults, then the sources) on stdout, whether or
 * not they are complete, and the problems on stderr. Exit 1 when there are problems, as
 * `helm lint` does, so that it doubles as a check; the values are printed either way.
 */
function printValues(values: Values, args: Args, chart: Chart, io: CliIO, sources: string[]): number {
  const result = validateValues(values, chart);
  const effective = sortKeys(result.values);
  io.stdout(args.json ? `${JSON.stringify(effective, null, 2)}\n` : `${blockYaml(effective, 0).join("\n")}\n`);
  if (result.ok) return 0;
  return report(new VmTemplateError("SCHEMA", result.problems), io, args, sources);
}

/** --debug: the effective values on stderr, before the render (which may fail). */
function debugValues(values: Values, chart: Chart, io: CliIO): void {
  const effective = sortKeys(validateValues(values, chart).values);
  io.stderr(`debug: effective values:\n${blockYaml(effective, 0).map((l) => `  ${l}`).join("\n")}\n`);
}

function showOnlyError(missing: string[], chart: Chart): VmTemplateError {
  // A chart file not rendered is about the values (exit 1); a name the chart never makes is a typo (exit 2).
  // Own keys only: `-s constructor` names no template, whatever Object.prototype holds.
  const strip = (m: string, prefix: string) => (m.startsWith(prefix) ? m.slice(prefix.length) : m);
  const chartFile = (m: string) => hasOwn(chart.templates, strip(strip(strip(m, "./"), `${chart.name}/`), "templates/"));
  const unknown = missing.filter((m) => !chartFile(m));
  if (unknown.length) {
    const files = Object.keys(chart.templates).filter((t) => t.includes(".")).sort().join(", ");
    return new VmTemplateError("USAGE", unknown.map((m) => ({ path: "", message: `--show-only ${m}: no such file in this render, as a file, folder or glob (chart files: ${files}; fleet files by their path)` })));
  }
  return new VmTemplateError("RENDER", missing.map((m) => ({ path: "", message: `--show-only ${m}: not rendered with these values (its section is not given)` })));
}

/** Where `init` points the editor: the schema in this package, as a path from the project. */
function schemaPath(io: CliIO): string {
  const installed = join(io.cwd, "node_modules", "vm-template", "dist", PUBLISHED_SCHEMA_FILE);
  const file = existsSync(installed) || io.packageDir === undefined ? installed : join(io.packageDir, "dist", PUBLISHED_SCHEMA_FILE);
  return relative(io.cwd, file).split("\\").join("/");
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

function report(e: unknown, io: CliIO, args?: Args, sources: string[] = []): number {
  if (e instanceof VmTemplateError) {
    io.stderr(e.problems.map((p: Problem) => `error: ${formatProblem(p)}\n`).join(""));
    if (e.code === "SCHEMA" && args) io.stderr(sourcesNote(e.problems, args, sources));
    if (args?.debug) io.stderr(templatesOf(e.problems, builtinChart()));
    return e.code === "USAGE" ? 2 : 1;
  }
  // A bug, not a user error: say so plainly, still without a stack trace.
  io.stderr(`error: unexpected failure: ${(e as Error)?.message ?? String(e)}\n`);
  return 1;
}

/**
 * After values problems: where the values came from when the project file was one of them (it is
 * read without being named on the command line), and the way forward when values are missing.
 */
function sourcesNote(problems: Problem[], args: Args, sources: string[]): string {
  const hasProject = sources.some((s) => s.startsWith(PROJECT_FILE));
  const missing = problems.some(isMissing);
  const lines: string[] = [];
  if (hasProject || missing) lines.push(`note: values from ${sources.length ? sources.join(", ") : "nothing but the defaults"}`);
  if (missing && !hasProject) {
    lines.push(
      args.projectFile
        ? `note: run 'vm-template init' to write ${PROJECT_FILE}, a project file every command in this directory reads, then complete it (or give the values with -f or --set)`
        : `note: --no-project-file: ${PROJECT_FILE} was not read`,
    );
  }
  return lines.map((l) => `${l}\n`).join("");
}

/** --debug: for each problem at a value path, the templates that read that value. */
function templatesOf(problems: Problem[], chart: Chart): string {
  const sources = { ...Object.fromEntries(Object.entries(chart.templates).map(([n, t]) => [`templates/${n}.hbs`, t])), ...Object.fromEntries(Object.entries(chart.partials).map(([n, t]) => [`templates/_${n}.hbs`, t])) };
  const lines: string[] = [];
  for (const p of problems) {
    const key = p.path.split(".").filter((s) => !/^\d+$/.test(s) && !/\[\d+\]$/.test(s));
    for (let n = Math.min(2, key.length); n >= 1; n--) {
      const needle = key.slice(-n).join(".").replace(/\[\d+\]/g, "");
      const users = Object.entries(sources).filter(([, text]) => new RegExp(`(?:^|[^\\w])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w])`).test(text)).map(([name]) => name);
      if (users.length) {
        lines.push(`debug: ${p.path}: read by ${users.sort().join(", ")}`);
        break;
      }
    }
  }
  return lines.map((l) => `${l}\n`).join("");
}
