// Load time of a built index in lunr.js and median query time, using the browser's own search engine.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const modules = process.env.SCHOLING_NODE_MODULES || path.join(root, "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages/lunr.nl.js"))(lunr);
const searchEngine = require(path.join(root, "templates/assets/search-engine.js"));

const [indexPath, queriesJson] = process.argv.slice(2);
(async () => {
  const engine = searchEngine.open(lunr, { index: indexPath, data: "", fetch: async (url) => (url ? JSON.parse(fs.readFileSync(url, "utf8")) : []) });
  const started = process.hrtime.bigint();
  await engine.ready();
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (const query of JSON.parse(queriesJson)) {
      const t = process.hrtime.bigint();
      await engine.query(query);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ load_ms: loadMs, median_query_ms: times[Math.floor(times.length / 2)] }));
})();
