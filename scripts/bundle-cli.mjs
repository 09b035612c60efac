// Bundles the CLI into one CommonJS file, dist/cli.cjs, which bin/load-cli.cjs loads: one file for
// Node to read and compile instead of some eighty modules (issue 5: cold start). Then runs it
// once on the bundled example and keeps V8's code cache of that run, dist/cli.cjs.cache.
// yargs stays outside: src/cli/args.ts requires it only for what quickArgs leaves (help, version,
// usage errors). Rolldown is the bundler vitest's Vite already brings; no binary is fetched at
// install (its native part is an ordinary package of the registry, without install scripts).
import { build } from "rolldown";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, "dist", "cli.cjs");
const require = createRequire(import.meta.url);
const { loadCli, ID_LINE } = require("../bin/load-cli.cjs");

rmSync(`${file}.cache`, { force: true });
await build({
  input: join(root, "dist", "src", "cli", "run.js"),
  platform: "node",
  external: ["yargs"],
  logLevel: "warn",
  output: { file, format: "cjs" },
});
const id = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 32);
writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}${ID_LINE}${id}\n`);

// The cache holds what this run compiled: the everyday path, values file to YAML on stdout.
const { run, script } = loadCli({ useCache: false });
let stderr = "";
const status = await run(["-f", join(root, "examples", "ratings-vm", "values.yaml")], { stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => "", cwd: root, version: "0.0.0" });
if (status !== 0) throw new Error(`the bundled CLI failed on the bundled example: ${stderr}`);
writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(id, "latin1"), script.createCachedData()]));
