/**
 * Every change the writer makes to the disk goes through one of these, so a test can stop the
 * writer after any number of them (test/writerCrash.test.ts kills a child process there) and
 * prove that the next run puts the directory right. Reads are not here: they change nothing.
 */
import { appendFileSync, linkSync, mkdirSync, renameSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";

export interface WriterOps {
  /** Creates a file that must not exist yet (flag `wx`). */
  create(path: string, data: string | Uint8Array): void;
  append(path: string, data: string): void;
  mkdir(path: string): void;
  link(existing: string, newPath: string): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  /** Removes a directory of the writer's own (its staging directory) with all it holds. */
  removeTree(path: string): void;
}

export const realOps: WriterOps = {
  create: (path, data) => writeFileSync(path, data, { flag: "wx" }),
  append: (path, data) => appendFileSync(path, data),
  mkdir: (path) => mkdirSync(path),
  link: (existing, newPath) => linkSync(existing, newPath),
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
  rmdir: (path) => rmdirSync(path),
  removeTree: (path) => rmSync(path, { recursive: true, force: true }),
};
