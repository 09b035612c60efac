// npm run bench: cold start against bare Node, fleet throughput (1 to 10,000 VMs, output check on
// and off) and --output-dir against a bare Node writer, all in one run on this machine. Prints a
// Markdown table (the one in CONTRIBUTING.md) and writes it as JSON to bench/results.json.
// Then error reporting: the command on values files with 1,000 to 100,000 bad keys (errors.mjs).
//   BENCH_RUNS=20 (cold starts of each)  BENCH_SIZES=1,100,1000,10000  BENCH_REPEAT=3
//   BENCH_BAD_KEYS=1000,10000,100000
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dump } from "js-yaml";
import { render } from "../../dist/src/index.js";
import { fleetValues } from "./fleetValues.mjs";
import { errorReporting, errorRows } from "./errors.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const sizes = (process.env.BENCH_SIZES ?? "1,100,1000,10000").split(",").map(Number);
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const badSizes = (process.env.BENCH_BAD_KEYS ?? "1000,10000,100000").split(",").map(Number);
const work = mkdtempSync(join(tmpdir(), "vm-template-bench-"));

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
}
function timed(args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const log = (s) => process.stderr.write(`${s}\n`);

try {
  // (a) Cold start: whole processes, alternating so that both see the same machine.
  log(`cold start: ${runs} runs each`);
  const bare = [];
  const cli = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed(["-e", "0"]).ms);
    cli.push(timed(["bin/vm-template.js", "-f", "examples/ratings-vm/values.yaml"]).ms);
  }
  const cold = {
    runs,
    node: { median: median(bare), p10: quantile(bare, 0.1), p90: quantile(bare, 0.9) },
    cli: { median: median(cli), p10: quantile(cli, 0.1), p90: quantile(cli, 0.9) },
  };
  cold.ratio = cold.cli.median / cold.node.median;

  // (b, c) Fleets through the library, each render in a process of its own.
  const fleets = [];
  for (const vms of sizes) {
    const file = join(work, `fleet-${vms}.yaml`);
    writeFileSync(file, dump(fleetValues(vms)));
    for (const check of ["on", "off"]) {
      log(`fleet ${vms} VMs, output check ${check}`);
      const results = Array.from({ length: repeat }, () => JSON.parse(timed([join(here, "renderFleet.mjs"), file, check]).stdout));
      const ms = median(results.map((r) => r.ms));
      fleets.push({ vms, check, ms, files: results[0].files, documents: results[0].documents, docsPerSecond: results[0].documents / (ms / 1000), peakMB: Math.max(...results.map((r) => r.peakMB)) });
    }
  }
  const at = (vms) => fleets.find((f) => f.vms === vms && f.check === "on");
  const growth = at(10000) && at(1000) ? at(10000).ms / at(1000).ms : undefined;

  // (d) --output-dir for 1,000 VMs against a bare Node script writing the same bytes.
  const outVms = sizes.includes(1000) ? 1000 : sizes[sizes.length - 1];
  const fleetFile = join(work, `fleet-${outVms}.yaml`);
  const manifest = join(work, "manifest.json");
  writeFileSync(manifest, JSON.stringify(render({ values: fleetValues(outVms) }).files));
  const cliOut = [];
  const writer = [];
  for (let i = 0; i < repeat; i++) {
    log(`--output-dir ${outVms} VMs, run ${i + 1}`);
    for (const [list, args] of [[cliOut, ["bin/vm-template.js", "-f", fleetFile, "-o", join(work, "out-cli")]], [writer, [join(here, "writeFiles.mjs"), manifest, join(work, "out-node")]]]) {
      rmSync(join(work, "out-cli"), { recursive: true, force: true });
      rmSync(join(work, "out-node"), { recursive: true, force: true });
      mkdirSync(join(work, "out-cli"));
      list.push(timed(args).ms);
    }
  }
  const outputDir = { vms: outVms, cli: median(cliOut), node: median(writer) };
  outputDir.ratio = outputDir.cli / outputDir.node;

  // (e) Error reporting on 1,000 to 100,000 bad keys (scripts/bench/errors.mjs).
  const errors = errorReporting({ sizes: badSizes, log });

  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, cold, fleets, growth10kOver1k: growth, outputDir, errors };
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(results));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function table(r) {
  const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const mark = (ok) => (ok ? "met" : "**missed**");
  const lines = [
    `Node ${r.node}, ${r.cpus} CPU (${r.cpu}), ${r.date.slice(0, 10)}.`,
    "",
    "| cold start (whole process, median of " + r.cold.runs + ") | median | p10–p90 |",
    "|---|---|---|",
    `| \`node -e 0\` | ${f(r.cold.node.median)} | ${f(r.cold.node.p10)}–${f(r.cold.node.p90)} |`,
    `| \`vm-template -f examples/ratings-vm/values.yaml\` | ${f(r.cold.cli.median)} | ${f(r.cold.cli.p10)}–${f(r.cold.cli.p90)} |`,
    `| ratio (target ≤ 1.5x) | ${r.cold.ratio.toFixed(2)}x | ${mark(r.cold.ratio <= 1.5)} |`,
    "",
    "| fleet (library, one render per process) | output check | wall | files | YAML docs/s | peak memory |",
    "|---|---|---|---|---|---|",
    ...r.fleets.map((x) => `| ${x.vms.toLocaleString("en")} VMs | ${x.check} | ${f(x.ms)} | ${x.files.toLocaleString("en")} | ${Math.round(x.docsPerSecond).toLocaleString("en")} | ${x.peakMB.toFixed(0)} MB |`),
    "",
    "| target | measured | |",
    "|---|---|---|",
  ];
  // The target reads "rendered and validated": the values are validated either way; the output
  // check (every file read back by a YAML 1.2 and a 1.1 reader, and validated) is shown apart.
  for (const [check, what] of [["off", "values validated, output check off"], ["on", "values validated and output checked"]]) {
    const big = r.fleets.find((x) => x.vms === 10000 && x.check === check);
    if (big) lines.push(`| 10,000 VMs in < 1 s and < 300 MB: ${what} | ${f(big.ms)}, ${big.peakMB.toFixed(0)} MB | ${mark(big.ms < 1000 && big.peakMB < 300)} |`);
  }
  if (r.growth10kOver1k !== undefined) lines.push(`| 10,000 VMs within 12x of 1,000 | ${r.growth10kOver1k.toFixed(1)}x | ${mark(r.growth10kOver1k <= 12)} |`);
  lines.push(...errorRows(r.errors ?? [], f, mark));
  lines.push(`| \`-o\` ${r.outputDir.vms.toLocaleString("en")} VMs within 1.5x of a bare Node writer | ${f(r.outputDir.cli)} vs ${f(r.outputDir.node)}: ${r.outputDir.ratio.toFixed(2)}x | ${mark(r.outputDir.ratio <= 1.5)} |`);
  return lines.join("\n");
}
