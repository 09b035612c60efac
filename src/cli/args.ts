import { createRequire } from "node:module";
import type { CliIO } from "./run.js";
import { HELP_EPILOGUE, EXAMPLES } from "./help.js";

// Loaded only when quickArgs steps aside. A require, not import(): the bundled CLI runs as a
// script with V8's code cache (bin/load-cli.cjs), where import() is not available; yargs 18
// exports itself for require (Node ^20.19, its own floor).
const require = createRequire(import.meta.url);
const loadYargs = () => require("yargs") as typeof import("yargs").default;

export interface Args {
  command: "render" | "values" | "schema";
  values: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  setLiteral: string[];
  showOnly: string[];
  outputDir?: string;
  check: boolean;
  verbose: boolean;
  json: boolean;
}

type ListKey = "values" | "set" | "setString" | "setJson" | "setFile" | "setLiteral" | "showOnly";
type Option =
  | { flag: string; alias?: string; kind: "list"; key: ListKey; describe: string }
  | { flag: string; alias?: string; kind: "string"; key: "outputDir"; describe: string }
  | { flag: string; alias?: string; kind: "boolean"; key: "check" | "verbose" | "json"; describe: string };

/** The flags, once: yargs is configured from this table, and quickArgs reads it too. */
const OPTIONS: Option[] = [
  { flag: "values", alias: "f", kind: "list", key: "values", describe: "values file (repeatable; - reads stdin)" },
  { flag: "set", kind: "list", key: "set", describe: "set values: a.b=c,list[0]=x (typed as Helm does)" },
  { flag: "set-string", kind: "list", key: "setString", describe: "set values, always as strings" },
  { flag: "set-json", kind: "list", key: "setJson", describe: "set values to JSON: a={\"k\":1}" },
  { flag: "set-file", kind: "list", key: "setFile", describe: "set a value to the content of a file: key=path" },
  { flag: "set-literal", kind: "list", key: "setLiteral", describe: "set one value to the literal rest of the string" },
  { flag: "show-only", alias: "s", kind: "list", key: "showOnly", describe: "only print this file (repeatable)" },
  { flag: "output-dir", alias: "o", kind: "string", key: "outputDir", describe: "write the files under this directory, all or nothing; only files it wrote (listed in DIR/.vm-template-manifest) are replaced or removed" },
  { flag: "check", kind: "boolean", key: "check", describe: "with --output-dir: write nothing; exit 1 with a diff if writing would change the directory" },
  { flag: "verbose", kind: "boolean", key: "verbose", describe: "with --output-dir: list each file written or removed" },
  { flag: "json", kind: "boolean", key: "json", describe: "values: print JSON instead of YAML" },
];
const COMMANDS = ["render", "values", "schema"] as const;

function emptyArgs(command: Args["command"]): Args {
  return { command, values: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [], showOnly: [], check: false, verbose: false, json: false };
}

/**
 * The arguments of an everyday invocation, read without loading yargs (which alone costs about
 * as much as starting Node; issue 5). It takes only the plainest shapes: a command first,
 * `--flag value`, `--flag=value` and `-f value` with the table's names. For anything else
 * (help, version, an unknown or repeated flag, a stray argument, a value that starts with `-`,
 * `--`) it returns undefined and yargs decides. test/args.test.ts holds that whatever it returns
 * is exactly what yargs makes of the same argv.
 */
export function quickArgs(argv: readonly string[]): Args | undefined {
  let i = 0;
  const command = COMMANDS.find((c) => c === argv[0]);
  if (command) i = 1;
  const args = emptyArgs(command ?? "render");
  const seen = new Set<string>();
  while (i < argv.length) {
    const token = argv[i++]!;
    const eq = token.startsWith("--") ? token.indexOf("=") : -1;
    const name = eq > 0 ? token.slice(2, eq) : token.startsWith("--") ? token.slice(2) : token.startsWith("-") && token.length === 2 ? token.slice(1) : undefined;
    const option = name === undefined ? undefined : OPTIONS.find((o) => (token.startsWith("--") ? o.flag === name : o.alias === name));
    if (!option) return undefined;
    if (option.kind === "boolean") {
      if (eq > 0 || seen.has(option.key)) return undefined;
      seen.add(option.key);
      args[option.key] = true;
      continue;
    }
    const value = eq > 0 ? token.slice(eq + 1) : argv[i++];
    // yargs leaves a next argument that looks like a flag unconsumed; "-" is stdin, a value.
    if (value === undefined || value === "" || (value.startsWith("-") && value !== "-")) return undefined;
    if (option.kind === "string") {
      if (seen.has(option.key)) return undefined;
      seen.add(option.key);
      args[option.key] = value;
    } else args[option.key].push(value);
  }
  if ((args.check || args.verbose) && args.outputDir === undefined) return undefined;
  return args;
}

/**
 * Every argv, read by yargs: help, version and usage errors included. Returns the arguments, or
 * the exit status when yargs has answered on its own (0 after help or version, 2 for a usage error).
 */
export async function parseArgs(argv: readonly string[], io: Pick<CliIO, "stdout" | "stderr" | "version">): Promise<Args | number> {
  const yargs = loadYargs();
  let usageError: string | undefined;
  let output = "";
  let parser = yargs()
    .scriptName("vm-template")
    .usage("Usage: vm-template [render|values|schema] [flags]\n\nGenerates the files that onboard a VM workload into an Istio / TSB mesh.")
    .command(["render", "$0"], "render the files (default command)")
    .command("values", "print the effective values (defaults + sources) as YAML, or --json")
    .command("schema", "print the values JSON Schema");
  for (const o of OPTIONS) {
    const alias = o.alias ? { alias: o.alias } : {};
    if (o.kind === "boolean") parser = parser.option(o.flag, { ...alias, type: "boolean", default: false, describe: o.describe });
    else if (o.kind === "string") parser = parser.option(o.flag, { ...alias, type: "string", requiresArg: true, describe: o.describe });
    else parser = parser.option(o.flag, { ...alias, type: "string", nargs: 1, requiresArg: true, describe: o.describe });
  }
  parser = parser
    .example(EXAMPLES)
    .epilogue(HELP_EPILOGUE)
    .strict()
    .help()
    .alias("help", "h")
    .version(io.version)
    .wrap(Math.min(110, 100))
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? "invalid arguments";
    });
  const result = await new Promise<Record<string, unknown>>((done) => {
    parser.parse([...argv], {}, (_err, parsedArgv, out) => {
      output = out;
      done(parsedArgv as Record<string, unknown>);
    });
  });
  if (usageError) {
    io.stderr(`error: ${usageError}\nRun 'vm-template --help' for usage.\n`);
    return 2;
  }
  // yargs collects a repeated flag into a list; a second directory to write (and prune) is a mistake, not a choice.
  if (Array.isArray(result["output-dir"])) {
    io.stderr("error: --output-dir given more than once\nRun 'vm-template --help' for usage.\n");
    return 2;
  }
  // An empty directory would mean the current one: a render would then own (and prune) the whole working tree.
  if (result["output-dir"] === "") {
    io.stderr("error: --output-dir needs a directory (got an empty string; use . for the current directory)\nRun 'vm-template --help' for usage.\n");
    return 2;
  }
  if (result.check && result["output-dir"] === undefined) {
    io.stderr("error: --check needs --output-dir, the directory to compare\nRun 'vm-template --help' for usage.\n");
    return 2;
  }
  if (result.verbose && result["output-dir"] === undefined) {
    io.stderr("error: --verbose lists the files --output-dir writes; it needs --output-dir\nRun 'vm-template --help' for usage.\n");
    return 2;
  }
  if (output) {
    io.stdout(`${output}\n`);
    return 0;
  }
  // yargs' strict mode has already refused unknown commands and stray arguments (exit 2).
  const args = emptyArgs(String((result._ as unknown[])[0] ?? "render") as Args["command"]);
  const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  for (const o of OPTIONS) {
    const v = result[o.flag];
    if (o.kind === "boolean") args[o.key] = Boolean(v);
    else if (o.kind === "string") args[o.key] = v as string | undefined;
    else args[o.key] = list(v);
  }
  return args;
}
