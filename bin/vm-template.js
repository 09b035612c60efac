#!/usr/bin/env node
// Wires the real process to the CLI: arguments, standard streams, exit status. Nothing else.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { loadCli } = require("./load-cli.cjs");

const { version } = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
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
