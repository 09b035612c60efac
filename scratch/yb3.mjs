import { readFileSync } from "node:fs";
import { parseEvents } from "js-yaml";
const base = readFileSync("examples/fleet/expected/vms/ratings-pool-10-128-0-10/workloadentry-ratings.yaml", "utf8");
const docs = Array.from({ length: 15000 }, (_, i) => base.replace("10.128.0.10", `10.${i >> 8}.${i & 255}.1`));
for (let r = 0; r < 2; r++) {
let t = performance.now(); for (const d of docs) parseEvents(d, {}); console.log("single", (performance.now() - t).toFixed(0));
for (const batch of [10, 100]) {
  const joined = []; for (let i = 0; i < docs.length; i += batch) joined.push(docs.slice(i, i + batch).join("---\n"));
  t = performance.now(); let n = 0; for (const d of joined) n += parseEvents(d, {}).length; console.log("batch", batch, (performance.now() - t).toFixed(0), n);
}
}
