/**
 * Reading an input (a values file, standard input, a --set-file file) without trusting it: at
 * most MAX_INPUT_BYTES are ever read, so `-f /dev/zero` or a runaway pipe is refused in
 * milliseconds instead of growing until the machine runs out of memory (issue 11); and the bytes
 * must be UTF-8, so a file in another encoding is refused with its line instead of turning into
 * U+FFFD characters that would then reach the output as if the user had typed them.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { VmTemplateError } from "../errors.js";

/**
 * The most one input may hold: 16 MiB. A 10,000-VM fleet's values file is about 0.3 MB and a
 * 100,000-VM one 2.7 MB (scripts/bench/fleetValues.mjs), so no real input comes near it, while
 * reading and parsing 16 MiB of YAML still takes about a second.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const LIMIT_TEXT = "16 MiB";

const CHUNK = 1024 * 1024;

/**
 * The bytes of the file at `path` (opened as it is: a FIFO or a device too), read until its end or
 * until one byte more than the limit, whichever comes first; past the limit is an error naming
 * `name` (what the user typed). A directory is refused before any read.
 */
export function readBounded(path: string, name: string, what: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK, limit + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > limit) throw tooLarge(name, what, limit);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(name: string, what: string, limit = MAX_INPUT_BYTES): VmTemplateError {
  const size = limit === MAX_INPUT_BYTES ? LIMIT_TEXT : `${limit} bytes`;
  return new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}: larger than ${size}, the most ${what} may hold (a 10,000-VM fleet's values file is about 0.3 MB); refused` }]);
}

/**
 * Bytes as UTF-8 text; anything that is not UTF-8 is an error naming the input and the first
 * line that is not. (A byte 0x0A is never part of a multi-byte sequence, so lines can be decoded
 * one by one to find it.) A leading byte-order mark is dropped, as YAML readers do.
 */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let line = 1;
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(0x0a, start);
      try {
        decoder.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
      } catch {
        break;
      }
      if (end === -1) break;
      start = end + 1;
      line++;
    }
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}:${line}: not UTF-8 text (save the file as UTF-8)` }]);
  }
}
