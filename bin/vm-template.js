#!/usr/bin/env node
// Wires the real process to the CLI: arguments, standard streams, exit status. Nothing else.
"use strict";
const { fstatSync, readFileSync, statSync } = require("node:fs");
const { join } = require("node:path");
const { loadCli } = require("./load-cli.cjs");

const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));

// Standard input's bytes, up to one byte past `maxBytes`: it may never end (`</dev/zero`), so it
// is never read whole. A directory as stdin (`<dir`) reads as empty in Node: refused instead.
async function readStdin(maxBytes) {
  if (fstatSync(0).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  const chunks = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}

// Node gives a process started with stdout closed (`>&-`) a /dev/null opened read-write in its
// place, so everything printed would vanish and the exit status would say it worked. A user's own
// `>/dev/null` is opened write-only; Linux shows the difference in /proc (elsewhere: not detected).
function stdoutClosed() {
  try {
    const out = fstatSync(1);
    if (!out.isCharacterDevice() || out.rdev !== statSync("/dev/null").rdev) return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync("/proc/self/fdinfo/1", "utf8"));
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2;
  } catch {
    return false;
  }
}

const WORDS = { ENOSPC: "no space left on device", EBADF: "not open", EIO: "input/output error", EFBIG: "file too large", EDQUOT: "disk quota exceeded" };

// A failed write to stdout. EPIPE: the reader has gone (`| head -1`) and wants no more, so the
// rest is dropped quietly, as Unix tools do, and the status is the run's. Anything else (a full
// disk, a closed descriptor) means output was lost: one line on stderr and exit 1.
let stdoutDone = false;
let stdoutFailed = false;
function onStdoutError(err) {
  if (stdoutDone) return;
  stdoutDone = true;
  if (err && err.code === "EPIPE") return;
  stdoutFailed = true;
  process.exitCode = 1;
  writeStderr(`error: cannot write to standard output: ${WORDS[err && err.code] ?? (err && err.message)}\n`);
}
process.stdout.on("error", onStdoutError);
// stderr failing too (`2>&1 | head -1`) leaves nowhere to say anything: its errors are dropped.
process.stderr.on("error", () => {});

function writeStdout(text) {
  if (stdoutDone) return;
  try {
    process.stdout.write(text);
  } catch (err) {
    // A file or device as stdout is written synchronously, and a failure throws here.
    onStdoutError(err);
  }
}
function writeStderr(text) {
  try {
    process.stderr.write(text);
  } catch {
    // Nowhere left to report it.
  }
}

if (stdoutClosed()) {
  writeStderr("error: standard output is closed: the output would be lost (redirect it to /dev/null to discard it)\n");
  process.exitCode = 1;
} else {
  loadCli()
    .run(process.argv.slice(2), { stdout: writeStdout, stderr: writeStderr, readStdin, cwd: process.cwd(), version, packageDir: join(__dirname, "..") })
    .then((status) => {
      process.exitCode = stdoutFailed ? 1 : status;
    });
}
