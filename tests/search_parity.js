// Parity of the sharded search (templates/assets/search-engine.js) with lunr.Index.load(full index), using
// the real lunr.js 2.3.9 and lunr-languages, for tests/test_search_parity.py.
// Input on stdin: {dir, meta, full (path of the full lunr JSON), queries (lunr syntax), texts (site search), words}.
// Output: stems of words, and for every query the sharded and the full answer side by side (refs and scores).
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const modules = process.env.SCHOLING_NODE_MODULES || path.join(root, "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages/lunr.nl.js"))(lunr);
const searchEngine = require(path.join(root, "templates/assets/search-engine.js"));

function diskFetch(dir) {
  return async (url, type) => {
    const data = fs.readFileSync(path.join(dir, url));
    return type === "bytes" ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : JSON.parse(data.toString("utf8"));
  };
}

/* The site's search on the full index: every word must match, scores add up (what engine.query promises). */
function fullSiteSearch(index, text) {
  const words = searchEngine.tokenize(text).filter((w) => lunr.nl.stopWordFilter(new lunr.Token(w)) !== undefined);
  if (!words.length) return [];
  let totals = null;
  for (const word of words) {
    const scores = new Map(index.query(searchEngine.wordQuery(lunr, index.pipeline, word)).map((m) => [m.ref, m.score]));
    totals = totals === null ? scores : new Map([...scores].filter(([r]) => totals.has(r)).map(([r, s]) => [r, totals.get(r) + s]));
  }
  return [...totals].map(([ref, score]) => ({ ref, score }));
}

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  searchEngine.registerFold(lunr);
  const full = lunr.Index.load(JSON.parse(fs.readFileSync(request.full, "utf8")));
  const engine = searchEngine.open(lunr, { meta: request.meta, fetch: diskFetch(request.dir) });
  const out = { stems: request.words.map((w) => lunr.nl.stemmer(new lunr.Token(w)).toString()), queries: [], texts: [] };
  for (const query of request.queries) {
    let expected, error = null;
    try {
      expected = full.search(query).map((m) => [m.ref, m.score]);
    } catch (e) {
      expected = null; error = e.name;
    }
    let actual;
    try {
      actual = (await engine.lunrQuery(query)).map((m) => [m.ref, m.score]);
    } catch (e) {
      actual = null; error = (error === e.name ? error : "MISMATCH " + error + " / " + e.name);
    }
    out.queries.push({ query, expected, actual, error });
  }
  for (const text of request.texts) {
    const expected = fullSiteSearch(full, text);
    const actual = await engine.query(text);
    out.texts.push({ text, expected: expected.map((m) => [m.ref, m.score]), actual: actual.map((m) => [m.ref, m.score, m.kind]) });
  }
  const records = await engine.records(request.recordRefs || []);
  out.records = records;
  out.courseCount = await engine.courseCount();
  out.facetSizes = {};
  for (const key of request.facetKeys || []) {
    const sets = await engine.facet(key);
    out.facetSizes[key] = Object.fromEntries(Object.entries(sets).map(([v, s]) => [v, [...s]]));
  }
  out.titleRanks = request.facetKeys ? Array.from(await engine.sortKeys("title")) : [];
  process.stdout.write(JSON.stringify(out));
});
