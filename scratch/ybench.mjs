import { readFileSync } from "node:fs";
import { load, parseEvents, constructFromEvents, CORE_SCHEMA, YAML11_SCHEMA } from "js-yaml";
const base = readFileSync("examples/fleet/expected/vms/ratings-pool-10-128-0-10/workloadentry-ratings.yaml", "utf8");
const docs = Array.from({ length: 15000 }, (_, i) => base.replace("10.128.0.10", `10.${i >> 8}.${i & 255}.1`));
for (const [name, f] of [
  ["load core", (d) => load(d, { schema: CORE_SCHEMA })],
  ["parseEvents", (d) => parseEvents(d, {})],
  ["events+construct", (d) => constructFromEvents(parseEvents(d, {}), { source: d, schema: CORE_SCHEMA })],
  ["load core", (d) => load(d, { schema: CORE_SCHEMA })],
  ["JSON.parse-equivalent baseline", (d) => JSON.stringify(d).length],
]) {
  const t = performance.now(); for (const d of docs) f(d); console.log(name, (performance.now() - t).toFixed(0), "ms");
}
