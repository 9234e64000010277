// Runs the browser's search engine (templates/assets/search-engine.js) on a built index with the real
// lunr.js and lunr-languages, for tests/test_search_parity.py. Input on stdin: {index, data, words, queries}.
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..");
const modules = process.env.SCHOLING_NODE_MODULES || path.join(root, "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages/lunr.nl.js"))(lunr);
const searchEngine = require(path.join(root, "templates/assets/search-engine.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  const files = { index: request.index, data: request.data || [] };
  const engine = searchEngine.open(lunr, { index: "index", data: "data", fetch: async (url) => files[url] });
  const stems = request.words.map((word) => lunr.nl.stemmer(new lunr.Token(word)).toString());
  const results = {};
  for (const query of request.queries) {
    results[query] = (await engine.query(query)).map((r) => r.ref);
  }
  process.stdout.write(JSON.stringify({ stems: stems, results: results }));
});
