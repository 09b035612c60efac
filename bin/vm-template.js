#!/usr/bin/env node
// Wires the real process to the CLI: arguments, standard streams, exit status. Nothing else.
"use strict";
const { fstatSync, readFileSync } = require("node:fs");
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

loadCli()
  .run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    cwd: process.cwd(),
    version,
  })
  .then((status) => {
    process.exitCode = status;
  });
