// Runs the browser's search (templates/assets/search.js) on a built index with the real lunr.js and
// lunr-languages, for tests/test_search_parity.py. Input on stdin: {index, words, queries}.
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..");
const modules = process.env.SCHOLING_NODE_MODULES || path.join(root, "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages/lunr.nl.js"))(lunr);
const scholing = require(path.join(root, "templates/assets/search.js"));

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  scholing.registerFold(lunr);
  const engine = { index: lunr.Index.load(request.index), lunr: lunr };
  const stems = request.words.map((word) => lunr.nl.stemmer(new lunr.Token(word)).toString());
  const results = {};
  request.queries.forEach((query) => { results[query] = scholing.search(engine, query).map((r) => r[0]); });
  process.stdout.write(JSON.stringify({ stems: stems, results: results }));
});
