import { createRequire } from "node:module";
import type { CliIO } from "./run.js";
import { helpText } from "./help.js";
import { closestKey } from "../schema/suggest.js";

// Loaded only when quickArgs steps aside. A require, not import(): the bundled CLI runs as a
// script with V8's code cache (bin/load-cli.cjs), where import() is not available; yargs 18
// exports itself for require (Node ^20.19, its own floor).
const require = createRequire(import.meta.url);
const loadYargs = () => require("yargs") as typeof import("yargs").default;

const COMMANDS = ["render", "values", "schema", "init"] as const;
export type Command = (typeof COMMANDS)[number];

export interface Args {
  command: Command;
  values: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  setLiteral: string[];
  showOnly: string[];
  outputDir?: string;
  /** Helm's release name: NAME or --name. */
  name?: string;
  /** -n/--namespace: the namespace of every resource whose values give none. */
  namespace?: string;
  check: boolean;
  /** With --output-dir: list each file written or removed. */
  verbose: boolean;
  json: boolean;
  debug: boolean;
  /** False with --no-project-file: ./vm-template.yaml is not read. */
  projectFile: boolean;
}

type ListKey = "values" | "set" | "setString" | "setJson" | "setFile" | "setLiteral" | "showOnly";
type StringKey = "outputDir" | "name" | "namespace";
type BooleanKey = "check" | "verbose" | "json" | "debug" | "noProjectFile";
export type Option = { flag: string; alias?: string; describe: string; value?: string; commands: readonly Command[] } & (
  | { kind: "list"; key: ListKey }
  | { kind: "string"; key: StringKey }
  | { kind: "boolean"; key: BooleanKey }
);

const SOURCES: Command[] = ["render", "values", "init"];

/** The flags, once: yargs is configured from this table, quickArgs and the help read it too. */
const OPTIONS: Option[] = [
  { flag: "values", alias: "f", kind: "list", key: "values", value: "FILE", commands: SOURCES, describe: "values file; repeatable, commas split as in Helm (a.yaml,b.yaml); - reads stdin" },
  { flag: "set", kind: "list", key: "set", value: "a.b=c", commands: SOURCES, describe: "set values: a.b=c,list[0]=x (typed as Helm does)" },
  { flag: "set-string", kind: "list", key: "setString", value: "a.b=c", commands: SOURCES, describe: "set values, always as strings" },
  { flag: "set-json", kind: "list", key: "setJson", value: "a.b=JSON", commands: SOURCES, describe: "set values to JSON: a={\"k\":1}" },
  { flag: "set-file", kind: "list", key: "setFile", value: "a.b=PATH", commands: SOURCES, describe: "set a value to the content of a file" },
  { flag: "set-literal", kind: "list", key: "setLiteral", value: "a.b=TEXT", commands: SOURCES, describe: "set one value to the literal rest of the string" },
  { flag: "name", kind: "string", key: "name", value: "NAME", commands: ["render"], describe: "the release name, as NAME (Helm 2's --name)" },
  { flag: "namespace", alias: "n", kind: "string", key: "namespace", value: "NS", commands: ["render", "values"], describe: "namespace of every resource whose values give none" },
  { flag: "no-project-file", kind: "boolean", key: "noProjectFile", commands: ["render", "values"], describe: "do not read ./vm-template.yaml" },
  { flag: "show-only", alias: "s", kind: "list", key: "showOnly", value: "FILE", commands: ["render"], describe: "only this file (vm-template/<file>, templates/<file>), folder or glob; repeatable" },
  { flag: "output-dir", alias: "o", kind: "string", key: "outputDir", value: "DIR", commands: ["render"], describe: "write the files under DIR, all or nothing; only files it wrote (listed in DIR/.vm-template-manifest) are replaced or removed" },
  { flag: "check", kind: "boolean", key: "check", commands: ["render"], describe: "with --output-dir: write nothing; exit 1 with a diff if writing would change DIR" },
  { flag: "verbose", kind: "boolean", key: "verbose", commands: ["render"], describe: "with --output-dir: list each file written or removed" },
  { flag: "debug", kind: "boolean", key: "debug", commands: ["render"], describe: "on stderr: the effective values, and the template of each problem" },
  { flag: "json", kind: "boolean", key: "json", commands: ["values"], describe: "print JSON instead of YAML" },
];

function emptyArgs(command: Command): Args {
  return { command, values: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [], showOnly: [], check: false, verbose: false, json: false, debug: false, projectFile: true };
}

/**
 * Helm reads -f as a list of comma-separated values (pflag's StringSlice: one CSV record), so
 * `-f a.yaml,b.yaml` is two files and `-f '"a,b.yaml"'` one. An empty value adds nothing.
 */
function splitValueFiles(value: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === '"' && value[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atStart) (quoted = true), (atStart = false);
    else if (c === ",") fields.push(field), (field = ""), (atStart = true);
    else (field += c), (atStart = false);
  }
  if (value !== "") fields.push(field);
  return fields;
}

/** What both readers do once the flags are read: split -f's commas, turn --no-project-file into `projectFile`. */
function finish(args: Args & { noProjectFile?: boolean }): Args {
  const { noProjectFile, ...rest } = args;
  return { ...rest, values: args.values.flatMap(splitValueFiles), projectFile: !noProjectFile };
}

/**
 * The arguments of an everyday invocation, read without loading yargs (which alone costs about
 * as much as starting Node). It takes only the plainest shapes: a command first, `--flag value`,
 * `--flag=value` and `-f value` with the names of the command's flags. For anything else (help,
 * version, an unknown or repeated flag, a release name, a value that starts with `-`, `--`) it
 * returns undefined and yargs decides. test/args.test.ts holds that whatever it returns is
 * exactly what yargs makes of the same argv.
 */
export function quickArgs(argv: readonly string[]): Args | undefined {
  let i = 0;
  const command = COMMANDS.find((c) => c === argv[0]);
  if (command) i = 1;
  const args: Args & { noProjectFile?: boolean } = emptyArgs(command ?? "render");
  const seen = new Set<string>();
  while (i < argv.length) {
    const token = argv[i++]!;
    const eq = token.startsWith("--") ? token.indexOf("=") : -1;
    const name = eq > 0 ? token.slice(2, eq) : token.startsWith("--") ? token.slice(2) : token.startsWith("-") && token.length === 2 ? token.slice(1) : undefined;
    const option = name === undefined ? undefined : OPTIONS.find((o) => (token.startsWith("--") ? o.flag === name : o.alias === name));
    if (!option || !option.commands.includes(args.command)) return undefined;
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
      if (seen.has(option.key) || (option.key === "name" && !RELEASE_NAME.test(value))) return undefined;
      seen.add(option.key);
      args[option.key] = value;
    } else args[option.key].push(value);
  }
  if ((args.check || args.verbose) && args.outputDir === undefined) return undefined;
  return finish(args);
}

/** A usage error: exit 2, the message and where to look. */
function usage(io: Pick<CliIO, "stderr">, message: string, command?: Command): number {
  io.stderr(`error: ${message}\nRun 'vm-template ${command && command !== "render" ? `${command} ` : ""}--help' for usage.\n`);
  return 2;
}

const spelled = (key: string) => (key.length === 1 ? `-${key}` : `--${key}`);

/**
 * Every argv, read by yargs' parser: help, version and usage errors included. Returns the
 * arguments, or the exit status when it has answered on its own (0 after help or version, 2 for a
 * usage error). Flags are checked here rather than by yargs' strict mode, so that each message
 * names the flag as typed, suggests the closest one, and says which command a flag belongs to.
 */
export async function parseArgs(argv: readonly string[], io: Pick<CliIO, "stdout" | "stderr" | "version">): Promise<Args | number> {
  const dashdash = argv.indexOf("--");
  const flagsPart = dashdash < 0 ? argv : argv.slice(0, dashdash);
  if (flagsPart.includes("--version")) {
    if (argv.length !== 1) return usage(io, "--version takes no command or other flag");
    io.stdout(`${io.version}\n`);
    return 0;
  }
  let parser = loadYargs()()
    .parserConfiguration({ "camel-case-expansion": false, "dot-notation": false, "boolean-negation": false, "duplicate-arguments-array": true, "short-option-groups": false, "populate--": true })
    .help(false)
    .version(false)
    .exitProcess(false);
  for (const o of OPTIONS) {
    const alias = o.alias ? { alias: o.alias } : {};
    parser = parser.option(o.flag, o.kind === "boolean" ? { ...alias, type: "boolean" } : { ...alias, type: "string", requiresArg: true, nargs: 1 });
  }
  parser = parser.option("help", { alias: "h", type: "boolean" });
  let failure: string | undefined;
  parser = parser.fail((msg, err) => {
    failure = msg ?? err?.message ?? "invalid arguments";
  });
  const result = await new Promise<Record<string, unknown>>((done) => {
    parser.parse([...argv], {}, (_err, parsed) => done(parsed as Record<string, unknown>));
  });

  const positionals = (result._ as unknown[]).map(String);
  const afterDashDash = ((result["--"] as unknown[] | undefined) ?? []).map(String);
  let command: Command = "render";
  const explicit = positionals[0] !== undefined && (COMMANDS as readonly string[]).includes(positionals[0]);
  if (explicit) command = positionals.shift() as Command;
  if (failure) return usage(io, failure.replace(/^Not enough arguments following: (.*)$/, (_m, f: string) => `${spelled(f)} needs a value`), command);

  const known = new Map<string, Option>();
  for (const o of OPTIONS) {
    known.set(o.flag, o);
    if (o.alias) known.set(o.alias, o);
  }
  const given = Object.keys(result).filter((k) => k !== "_" && k !== "$0" && k !== "--" && result[k] !== undefined);
  for (const key of given) {
    if (key === "help" || key === "h") continue;
    const option = known.get(key);
    if (!option) {
      const suggestion = closestKey(key, [...OPTIONS.filter((o) => o.commands.includes(command)).map((o) => o.flag), "help"]);
      return usage(io, `unknown flag ${spelled(key)}${suggestion ? ` (did you mean --${suggestion}?)` : ""}`, command);
    }
    if (!option.commands.includes(command)) {
      return usage(io, `${command} does not use ${spelled(key)}${option.commands.length ? ` (a flag of ${option.commands.join(", ")})` : ""}`, command);
    }
  }
  if (result.help) {
    io.stdout(helpText(command, OPTIONS.filter((o) => o.commands.includes(command))));
    return 0;
  }

  const extra = [...positionals, ...afterDashDash];
  const args: Args & { noProjectFile?: boolean } = emptyArgs(command);
  if (extra.length > 0) {
    if (command !== "render") return usage(io, `${command} takes no argument (got ${JSON.stringify(extra[0])})`, command);
    if (extra.length > 1) return usage(io, `unexpected argument ${JSON.stringify(extra[1])}: render takes one NAME, the release name`, command);
    const name = extra[0]!;
    // Without a command, a word close to one is a misspelt command more likely than a release name.
    const suggestion = explicit || afterDashDash.length ? undefined : closestKey(name, COMMANDS);
    if (suggestion) return usage(io, `unknown command ${JSON.stringify(name)} (did you mean ${suggestion}? to name the release ${name}, use --name ${name})`);
    args.name = name;
  }
  for (const o of OPTIONS) {
    const v = result[o.flag];
    if (v === undefined) continue;
    if (o.kind === "boolean") args[o.key] = Boolean(v);
    else if (o.kind === "list") args[o.key] = (Array.isArray(v) ? v : [v]).map(String);
    else {
      // A second directory to write (and prune), or a second name, is a mistake, not a choice.
      if (Array.isArray(v)) return usage(io, `--${o.flag} given more than once`, command);
      if (o.key === "name" && args.name !== undefined) return usage(io, `the release name given twice, as NAME (${args.name}) and --name (${String(v)})`, command);
      args[o.key] = String(v);
    }
  }
  // An empty directory would mean the current one: a render would then own (and prune) the whole working tree.
  if (args.outputDir === "") return usage(io, "--output-dir needs a directory (got an empty string; use . for the current directory)", command);
  if (args.check && args.outputDir === undefined) return usage(io, "--check needs --output-dir, the directory to compare", command);
  if (args.verbose && args.outputDir === undefined) return usage(io, "--verbose lists the files --output-dir writes; it needs --output-dir", command);
  if (args.name !== undefined && !RELEASE_NAME.test(args.name)) {
    return usage(io, `release name ${JSON.stringify(args.name)}: must be at most 53 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (Helm's rule)`, command);
  }
  return finish(args);
}

/** Helm's rule for release names (pkg/chartutil ValidateReleaseName): a DNS-1123 subdomain of at most 53. */
const RELEASE_NAME = /^(?=.{1,53}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
