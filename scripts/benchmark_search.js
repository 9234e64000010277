// Bytes and time of the site's search on a built site, with the browser's own engine (search-engine.js)
// in Node, for scripts/benchmark_search.py. Files are read from disk; bytes are counted gzip-compressed.
// Input (argv): site folder, meta path relative to the site, JSON list of queries, results shown per page.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const root = path.resolve(__dirname, "..");
const modules = process.env.SCHOLING_NODE_MODULES || path.join(root, "node_modules");
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages/lunr.nl.js"))(lunr);
const searchEngine = require(path.join(root, "templates/assets/search-engine.js"));

const [site, metaPath, queriesJson, shownText] = process.argv.slice(2);
const shown = Number(shownText);
const gzipSizes = new Map();

function gzipSize(file, data) {
  if (!gzipSizes.has(file)) gzipSizes.set(file, zlib.gzipSync(data).length);
  return gzipSizes.get(file);
}

const memory = new Map();

function openEngine(fromMemory) {
  const counter = { gzip: 0, raw: 0, files: 0 };
  const engine = searchEngine.open(lunr, {
    meta: metaPath,
    fetch: async (url, type) => {
      const file = path.join(site, url);
      if (!memory.has(file)) memory.set(file, fs.readFileSync(file));
      const data = fromMemory ? memory.get(file) : fs.readFileSync(file);
      counter.gzip += gzipSize(file, data);
      counter.raw += data.length;
      counter.files += 1;
      return type === "bytes" ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : JSON.parse(data.toString("utf8"));
    }
  });
  return { engine, counter };
}

// What the search page (search.js `show`) fetches for one query: the query's parts, the facet values of
// all courses the filters count (one file, whatever filter is used), the records of the typed hits and of
// the first EXACT_WINDOW courses (to put an exact name first), and those of the first page of cards.
const pageScript = fs.readFileSync(path.join(root, "templates/assets/search.js"), "utf8");
const EXACT_WINDOW = Number(/var EXACT_WINDOW = (\d+)/.exec(pageScript)[1]);

async function answer(engine, text) {
  const results = await engine.query(text);
  const typed = results.filter((r) => r.kind !== "course");
  const courses = results.filter((r) => r.kind === "course");
  await Promise.all([engine.records(typed.concat(courses.slice(0, EXACT_WINDOW)).map((r) => r.ref)), engine.facet("sector")]);
  await engine.records(courses.slice(0, shown).map((r) => r.ref));
  return results.length;
}

function ms(start) { return Number(process.hrtime.bigint() - start) / 1e6; }

(async () => {
  const out = [];
  for (const query of JSON.parse(queriesJson)) {
    // The query at once, on a fresh engine: what a visitor who pastes it or comes from the header box downloads.
    const first = openEngine();
    let t = process.hrtime.bigint();
    const hits = await answer(first.engine, query);
    const firstMs = ms(t);
    // The same query typed letter by letter on a fresh engine: every keystroke answered; parts are cached.
    const typed = openEngine();
    const coldKeystrokes = [], coldCpu = [];
    for (let n = 1; n <= query.length; n++) {
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await answer(typed.engine, query.slice(0, n));
      coldKeystrokes.push(ms(t));
      const used = process.cpuUsage(cpu);
      coldCpu.push((used.user + used.system) / 1000);
    }
    // Keystroke to results excluding network: a fresh engine per keystroke whose parts come from memory,
    // so reading them and decoding is counted but nothing is remembered from earlier keystrokes.
    const warmKeystrokes = [];
    for (let n = 1; n <= query.length; n++) {
      const fresh = openEngine(true);
      await fresh.engine.ready();
      t = process.hrtime.bigint();
      await answer(fresh.engine, query.slice(0, n));
      warmKeystrokes.push(ms(t));
    }
    out.push({
      query, hits, first_gzip: first.counter.gzip, first_raw: first.counter.raw, first_files: first.counter.files, first_ms: firstMs,
      typed_gzip: typed.counter.gzip, typed_files: typed.counter.files, cold_keystroke_ms: coldKeystrokes, cold_keystroke_cpu_ms: coldCpu, warm_keystroke_ms: warmKeystrokes
    });
  }
  process.stdout.write(JSON.stringify(out));
})();
