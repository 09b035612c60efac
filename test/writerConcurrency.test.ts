/**
 * Two runs into one directory at once (two terminals, `make -j`, two CI jobs on one machine).
 * The journal of a run that is still alive is not an interrupted run's: the second run refuses
 * and touches nothing, and the first finishes. A run whose plan another run made stale (it
 * finished between this one's planning and its writing) changes nothing. Before: the second run
 * rolled the first back under its feet (the first then failed with ENOENT, or left files no
 * manifest lists), and a stale plan replaced the other run's manifest, orphaning its files.
 * The other run is simulated in-process at a chosen file operation of the first, so every
 * interleaving tried is exact.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeValues, render } from "../src/index.js";
import { readValuesFile } from "../src/cli/files.js";
import { checkOutputDir, writeOutputDir } from "../src/cli/outputDir.js";
import { realOps, type WriterOps } from "../src/cli/writer/ops.js";
import { treeSnapshot } from "./treeSnapshot.js";

const fleetFile = join(import.meta.dirname, "..", "examples", "fleet", "values.yaml");
const fleet = (set: string[] = []) => render({ values: mergeValues({ files: [readValuesFile(fleetFile)], set }) }).files;
const A = fleet(["vms.ratings-pool.addresses={10.128.0.10}", "global.tag=2.0.0"]);
const B = fleet(["vms.ratings-pool.addresses={10.128.0.13}"]);

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "vm-template-race-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The directory a lone run of `files` over the base fleet leaves. */
function alone(files: typeof A): Map<string, string> {
  const dir = join(work, `alone-${Math.random().toString(16).slice(2)}`);
  writeOutputDir(dir, fleet());
  writeOutputDir(dir, files);
  return treeSnapshot(dir);
}

describe("two runs into one directory", () => {
  it("a run started while another is renaming refuses and changes nothing; the first finishes whole", () => {
    const expected = alone(A);
    for (const at of [0, 1, 5, 10, 14]) {
      const out = join(work, `out-${at}`);
      writeOutputDir(out, fleet());
      let renames = 0;
      let second: unknown;
      const seen: Map<string, string>[] = []; // the directory before and after the second run
      const ops: WriterOps = {
        ...realOps,
        rename: (from, to) => {
          if (renames++ === at) {
            seen.push(treeSnapshot(out));
            try {
              writeOutputDir(out, B);
            } catch (e) {
              second = e;
            }
            seen.push(treeSnapshot(out));
          }
          realOps.rename(from, to);
        },
      };
      writeOutputDir(out, A, { ops });
      expect(renames, "the first run made that many renames").toBeGreaterThan(at);
      expect(seen[1], `second run at rename ${at}`).toEqual(seen[0]);
      expect(second, `second run at rename ${at}`).toMatchObject({ code: "OUTPUT", message: expect.stringMatching(/another vm-template run \(process \d+\) is writing into .*; run again when it is done/) });
      expect(treeSnapshot(out), `after a second run at rename ${at}`).toEqual(expected);
    }
  });

  it("a run whose plan another run made stale changes nothing", () => {
    const out = join(work, "out");
    writeOutputDir(out, fleet());
    let done = false;
    const ops: WriterOps = {
      ...realOps,
      create: (path, data) => {
        if (!done && path.endsWith(".vm-template-journal")) {
          done = true;
          writeOutputDir(out, A); // the other run, start to finish, after this one planned
        }
        realOps.create(path, data);
      },
    };
    expect(() => writeOutputDir(out, B, { ops })).toThrow(/another vm-template run changed it while this one was planning; run again/);
    expect(treeSnapshot(out)).toEqual(alone(A));
  });
});

describe("--check while a run is writing", () => {
  it("says a run is writing, not that one was interrupted", () => {
    const out = join(work, "out");
    writeOutputDir(out, fleet());
    let drift: ReturnType<typeof checkOutputDir> | undefined;
    const ops: WriterOps = {
      ...realOps,
      rename: (from, to) => {
        drift ??= checkOutputDir(out, A, { shown: "out" });
        realOps.rename(from, to);
      },
    };
    writeOutputDir(out, A, { ops });
    expect(drift?.problems).toEqual([expect.stringMatching(/^out: another vm-template run \(process \d+\) is writing into it; run --check again when it is done$/)]);
    expect(checkOutputDir(out, A).entries).toEqual([]);
  });
});
