// Error reporting (issue 11: each problem used to serialize its whole parent map, so 10,000 bad
// keys took 109 s): the whole command on values files with 1,000 to 100,000 bad keys. Every
// problem is printed (exit 1, one stderr line each), so this times finding and reporting them all.
// Each size is the fastest of `runs` processes, by wall time and by CPU time (user + system, of the
// child: Linux's /proc/self/stat cutime and cstime; elsewhere wall time only). The growth ratio is
// of CPU time where there is one: the work is CPU-bound, and CPU time is what a busy machine
// disturbs least (wall time on a shared machine swings by 2x from run to run).
// Part of `npm run bench`; alone: `npm run build && node scripts/bench/errors.mjs`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const KINDS = { names: "fleet group names", unknown: "unknown keys" };

// A values file with `n` bad keys, of one of two kinds:
//   "names": n fleet groups whose names are not DNS-1123 labels (a propertyNames rule);
//   "unknown": n unknown keys under `global` (additionalProperties, with a did-you-mean search).
// Each is written as YAML text directly: the benchmark times the whole command on it.
function badKeysYaml(kind, n) {
  const lines = [
    "global:",
    "  hub: registry.internal/tetrate",
    "  tcc: {tenant: t1, environment: prod, cluster: c1}",
    "  vmgateway: {host: 1.2.3.4}",
  ];
  if (kind === "unknown") {
    lines.push("  sidecar: {appNs: bookinfo, appId: ratings, serviceDefinition: ratings}");
    for (let i = 0; i < n; i++) lines.push(`  unknownKey${i}: ${i}`);
    return `${lines.join("\n")}\n`;
  }
  lines.push("services:", "  ratings: {namespace: bookinfo, serviceAccount: ratings, hostname: ratings.example.com, ports: [{number: 9080, name: http, protocol: HTTP, applicationPort: 9080}]}", "vms:");
  for (let i = 0; i < n; i++) lines.push(`  Pool_${i}: {addresses: [10.0.0.1], services: [ratings]}`);
  return `${lines.join("\n")}\n`;
}

/** CPU milliseconds of this process's waited-for children so far, or undefined off Linux. */
function childrenCpuMs() {
  try {
    // Fields after the command name (which ends with ')'): cutime and cstime are the 14th and 15th,
    // in clock ticks of 1/100 s (USER_HZ, 100 on Linux).
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** [{ kind, keys, ms, cpuMs, growth }]: growth is the time (CPU time where measured) over that of a tenth as many keys. */
export function errorReporting({ sizes = [1000, 10000, 100000], runs = 5, log = () => {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), "vm-template-bench-errors-"));
  try {
    const results = [];
    for (const kind of Object.keys(KINDS)) {
      for (const keys of sizes) {
        const file = join(work, `bad-${kind}-${keys}.yaml`);
        writeFileSync(file, badKeysYaml(kind, keys));
        log(`error reporting: ${keys} bad keys (${kind})`);
        const times = [];
        const cpu = [];
        for (let i = 0; i < runs; i++) {
          const start = process.hrtime.bigint();
          const cpuStart = childrenCpuMs();
          const r = spawnSync(process.execPath, ["bin/vm-template.js", "-f", file], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (cpuStart !== undefined) cpu.push(childrenCpuMs() - cpuStart);
          const lines = r.stderr.split("\n").filter(Boolean).length;
          if (r.status !== 1 || lines !== keys) throw new Error(`${keys} bad keys (${kind}): exit ${r.status}, ${lines} error lines`);
        }
        results.push({ kind, keys, ms: Math.min(...times), cpuMs: cpu.length ? Math.min(...cpu) : undefined });
      }
    }
    for (const e of results) {
      const smaller = results.find((x) => x.kind === e.kind && x.keys * 10 === e.keys);
      if (smaller) e.growth = e.cpuMs && smaller.cpuMs ? e.cpuMs / smaller.cpuMs : e.ms / smaller.ms;
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Markdown rows for the README's targets table. */
export function errorRows(errors, f, mark) {
  return errors
    .filter((e) => e.growth !== undefined)
    .map((e) => {
      const smaller = errors.find((x) => x.kind === e.kind && x.keys * 10 === e.keys);
      const cpu = e.cpuMs !== undefined && smaller.cpuMs !== undefined ? `CPU ${f(e.cpuMs)} vs ${f(smaller.cpuMs)}: ${e.growth.toFixed(1)}x (wall ${f(e.ms)} vs ${f(smaller.ms)})` : `${f(e.ms)} vs ${f(smaller.ms)}: ${e.growth.toFixed(1)}x`;
      return `| error reporting, ${e.keys.toLocaleString("en")} bad keys (${KINDS[e.kind]}) within 12x of ${(e.keys / 10).toLocaleString("en")} | ${cpu} | ${mark(e.growth <= 12)} |`;
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const rows = errorRows(errorReporting({ log: (s) => process.stderr.write(`${s}\n`) }), f, (ok) => (ok ? "met" : "**missed**"));
  console.log(["| target | measured | |", "|---|---|---|", ...rows].join("\n"));
}
