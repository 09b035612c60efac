import { readFileSync } from "node:fs";
import { parseEvents } from "js-yaml";
const base = readFileSync("examples/fleet/expected/vms/ratings-pool-10-128-0-10/workloadentry-ratings.yaml", "utf8");
const docs = Array.from({ length: 15000 }, (_, i) => base.replace("10.128.0.10", `10.${i >> 8}.${i & 255}.1`));
let t = performance.now(); for (const d of docs) parseEvents(d, {}); console.log((performance.now() - t).toFixed(0));
t = performance.now(); for (const d of docs) parseEvents(d, {}); console.log((performance.now() - t).toFixed(0));
