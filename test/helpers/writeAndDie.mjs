// A child process for test/writerCrash.test.ts: writes rendered files into a directory through
// the built writer, and kills itself with SIGKILL just before its file operation number KILL_AT
// (counting from 0; -1: never). Prints the number of file operations it made.
//   node writeAndDie.mjs DIST_DIR FILES.json OUT_DIR KILL_AT
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, filesJson, dir, killAt] = process.argv.slice(2);
const { writeOutputDir } = await import(pathToFileURL(join(dist, "src/cli/outputDir.js")).href);
const { realOps } = await import(pathToFileURL(join(dist, "src/cli/writer/ops.js")).href);
let count = 0;
const ops = Object.fromEntries(
  Object.entries(realOps).map(([name, op]) => [
    name,
    (...args) => {
      if (count++ === Number(killAt)) process.kill(process.pid, "SIGKILL");
      return op(...args);
    },
  ]),
);
writeOutputDir(dir, JSON.parse(readFileSync(filesJson, "utf8")), { ops });
process.stdout.write(String(count));
