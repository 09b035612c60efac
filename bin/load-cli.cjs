// Loads the bundled CLI (dist/cli.cjs) as Node loads a CommonJS module, but with V8's code cache
// that the build made by running it once (dist/cli.cjs.cache): the bundle is then neither parsed
// nor compiled again at each start, which is most of what starting it costs (issue 5). Node 22
// has this built in (module.enableCompileCache); Node 20 does not. Without a cache, or with one
// V8 refuses (another Node version, other flags), the bundle is compiled as usual.
"use strict";
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const file = join(__dirname, "..", "dist", "cli.cjs");
// The build ends the bundle with this line and starts the cache with the same id, so that a cache
// is only ever used with the bundle it was made from.
const ID_LINE = "\n//# vm-template-build ";

/** @returns {{ run: Function, script: Script, cached: boolean }} */
function loadCli({ useCache = true } = {}) {
  const source = readFileSync(file, "utf8");
  const id = source.slice(source.lastIndexOf(ID_LINE) + ID_LINE.length).trim();
  let cachedData;
  if (useCache && id) {
    try {
      const cache = readFileSync(`${file}.cache`);
      if (cache.subarray(0, id.length).toString("latin1") === id) cachedData = cache.subarray(id.length);
    } catch {
      // No cache: compile as usual.
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { run: module.exports.run, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

module.exports = { loadCli, ID_LINE };
