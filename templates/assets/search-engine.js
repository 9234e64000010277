/* Search engine: answers queries against the sharded index written by the build (builder/search/shards.py),
   with lunr.js 2.3.9 and lunr-languages as query parser and pipeline. Loaded only once a visitor starts
   to search, and then fetches only the index parts a query needs: the postings chunks of its terms,
   for a typo the few dictionary blocks and buckets that can hold candidates, and the records shown.
   For every query the result equals lunr.Index.load(full index).query: the needed terms and postings
   are put into a small lunr.Index and lunr itself answers (tests/test_search_parity.py proves it on
   more than 1,000 queries). Text handling mirrors builder/search/dutch.py exactly.

   API (every call is async and returns a Promise unless marked sync; refs are opaque strings; ordinals
   number the documents in index order, courses first, so course ordinals run 0..courseCount()-1):

     var engine = ScholingSearchEngine.open({ meta: url, fetch: optional function(url, "json"|"bytes") })
     engine.ready()          -> resolves once the small meta file is in.
     engine.query(text)      -> [{ref, kind, score}]  the site's search: every word must match (exactly x10,
                                as a prefix from 2 letters x3, with one typo from 5 letters x1); scores add
                                up; best first, ties in index order. kind: "course" (more kinds follow).
     engine.lunrQuery(q)     -> [{ref, score}]  q a lunr query string or function(query): exactly what
                                lunr.Index.query on the full index returns (refs, order, scores).
     engine.records(refs)    -> [record]  what a result card shows, in the order asked: {u: url (relative
                                to the site root), t: title, a: provider, n: level, o: place, s: start,
                                p: price, f: {facet key: [values]}}; fetched in small blocks by need.
     engine.ordinal(ref)     -> number (sync, after ready()).   engine.ref(ordinal) -> string (sync).
     engine.kind(ordinal)    -> string (sync, after ready()).
     engine.courseCount()    -> number of courses in the catalogue.
     engine.facet(key)       -> {value: Set(ordinals)}  every course having each value of one facet
                                (keys as in builder/facets.py; "start" maps ISO dates or "doorlopend").
     engine.sortKeys(name)   -> Int32Array by course ordinal: its rank in "title" or "start" order.
     engine.bytesFetched     -> (sync property) bytes received so far, for the benchmark.
*/
(function () {
  "use strict";

  var EXACT_BOOST = 10, PREFIX_BOOST = 3, FUZZY_BOOST = 1, PREFIX_MIN_LENGTH = 2, FUZZY_MIN_LENGTH = 5;

  function tokenize(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "");
  }

  function registerFold(lunr) {
    if (lunr.Pipeline.registeredFunctions["fold-diacritics"]) return;
    var foldDiacritics = function (token) {
      return token.update(function (s) { return fold(s); });
    };
    lunr.Pipeline.registerFunction(foldDiacritics, "fold-diacritics");
  }

  function isStopword(lunr, word) {
    return lunr.nl.stopWordFilter(new lunr.Token(word)) === undefined;
  }

  /* The lunr query for one typed word: exact (through the pipeline), prefix, one typo. */
  function wordQuery(lunr, pipeline, word) {
    var processed = pipeline.runString(word);
    var folded = fold(word);
    return function (q) {
      q.term(word, { usePipeline: true, boost: EXACT_BOOST });
      if (folded.length >= PREFIX_MIN_LENGTH) {
        q.term(folded, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: PREFIX_BOOST });
      }
      if (processed.length && processed[0].length >= FUZZY_MIN_LENGTH) {
        q.term(processed[0], { usePipeline: false, editDistance: 1, boost: FUZZY_BOOST });
      }
    };
  }

  function varintReader(bytes) {
    var position = 0;
    return {
      next: function () {
        var value = 0, shift = 0, byte;
        do {
          byte = bytes[position++];
          value += (byte & 0x7f) * Math.pow(2, shift);
          shift += 7;
        } while (byte & 0x80);
        return value;
      },
      text: function (length) {
        var text = utf8.decode(bytes.subarray(position, position + length));
        position += length;
        return text;
      }
    };
  }

  var utf8 = typeof TextDecoder !== "undefined" ? new TextDecoder("utf-8") : null;

  /* A postings chunk: term -> {index, fields: [[ordinals], [weights]] per field}. */
  function decodeChunk(buffer, fieldCount) {
    var reader = varintReader(new Uint8Array(buffer));
    var terms = Object.create(null);
    var count = reader.next();
    for (var t = 0; t < count; t++) {
      var term = reader.text(reader.next());
      var entry = { index: reader.next(), fields: [] };
      for (var f = 0; f < fieldCount; f++) {
        var n = reader.next(), docs = new Array(n), weights = new Array(n), doc = 0, i;
        for (i = 0; i < n; i++) { doc += reader.next(); docs[i] = doc; }
        for (i = 0; i < n; i++) weights[i] = reader.next() / 1000;
        entry.fields.push([docs, weights]);
      }
      terms[term] = entry;
    }
    return terms;
  }

  /* Last block whose first term sorts at or before `term`. */
  function blockOf(first, term) {
    var low = 0, high = first.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (first[middle] <= term) low = middle; else high = middle - 1;
    }
    return low;
  }

  /* Blocks that can hold terms starting with `prefix` ("" means all). */
  function blocksFor(first, prefix) {
    var start = blockOf(first, prefix), blocks = [start], upper = prefix + "\uffff";
    for (var i = start + 1; i < first.length && first[i] < upper; i++) blocks.push(i);
    return blocks;
  }

  function bucketOf(key, buckets) {
    var value = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      value ^= key.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % buckets;
  }

  function base36(n) { return n.toString(36); }

  function uniqueSorted(list) {
    list.sort();
    return list.filter(function (item, i) { return i === 0 || item !== list[i - 1]; });
  }

  function open(lunr, options) {
    registerFold(lunr);
    var load = options.fetch || function (url, type) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return type === "bytes" ? response.arrayBuffer() : response.json();
      });
    };
    var engine = { bytesFetched: 0 };
    var metaUrl = options.meta, dir = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
    var meta = null, pipeline = null, loaded = null, runs = [];
    var cache = Object.create(null);

    function get(name, type, decode) {
      if (!cache[name]) {
        cache[name] = load(dir + name, type).then(function (data) {
          engine.bytesFetched += type === "bytes" ? data.byteLength : JSON.stringify(data).length;
          return decode ? decode(data) : data;
        });
        cache[name].catch(function () { delete cache[name]; });
      }
      return cache[name];
    }

    function ready() {
      if (!loaded) {
        loaded = load(metaUrl, "json").then(function (data) {
          engine.bytesFetched += JSON.stringify(data).length;
          meta = data;
          pipeline = lunr.Pipeline.load(meta.pipeline);
          var start = 0;
          runs = meta.kinds.map(function (run) {
            var entry = { kind: run[0], prefix: run[1], count: run[2], start: start };
            start += run[2];
            return entry;
          });
          return engine;
        });
        loaded.catch(function () { loaded = null; });
      }
      return loaded;
    }

    function chunk(n) {
      return get("p." + meta.postings.hash + "." + n + ".bin", "bytes", function (buffer) {
        return decodeChunk(buffer, meta.fields.length);
      });
    }
    function dictionaryBlock(n) { return get("d." + meta.dictionary.hash + "." + n + ".json", "json"); }
    function bucket(n) { return get("f." + meta.fuzzy.hash + "." + n + ".json", "json"); }
    function recordBlock(n) { return get("r." + meta.records.hash + "." + n + ".json", "json"); }

    function runOf(ordinal) {
      for (var i = runs.length - 1; i >= 0; i--) if (ordinal >= runs[i].start) return runs[i];
      throw new Error("geen document " + ordinal);
    }
    function ref(ordinal) { var run = runOf(ordinal); return run.prefix + base36(ordinal - run.start); }
    function kind(ordinal) { return runOf(ordinal).kind; }
    function ordinal(r) {
      var best = null;
      runs.forEach(function (run) {
        if (r.lastIndexOf(run.prefix, 0) !== 0 || (best && best.prefix.length >= run.prefix.length)) return;
        var rest = r.slice(run.prefix.length);
        if (/^[0-9a-z]+$/.test(rest) && base36(parseInt(rest, 36)) === rest && parseInt(rest, 36) < run.count) best = run;
      });
      if (!best) throw new Error("onbekende ref " + r);
      return best.start + parseInt(r.slice(best.prefix.length), 36);
    }

    /* Terms of the index that may match one clause term: a superset, narrowed by lunr's own intersect. */
    function candidates(clause, term) {
      var star = term.indexOf("*");
      if (!("editDistance" in clause) || clause.editDistance === 0 && star === -1) {
        var prefix = star === -1 ? null : term.slice(0, star);
        var chunks = prefix === null ? [blockOf(meta.postings.first, term)] : blocksFor(meta.postings.first, prefix);
        return Promise.all(chunks.map(chunk)).then(function (maps) {
          if (prefix === null) return maps[0][term] ? [term] : [];
          var terms = [];
          maps.forEach(function (map) {
            Object.keys(map).forEach(function (t) { if (t.lastIndexOf(prefix, 0) === 0) terms.push(t); });
          });
          return terms;
        });
      }
      var blocks, keys = [];
      if (clause.editDistance === 1) {
        blocks = term.length >= 2 ? blocksFor(meta.dictionary.first, term.slice(0, 2)) : [];
        [term, term.slice(1), term.slice(0, 1) + term.slice(2), term.slice(0, 2) + term.slice(3)].forEach(function (key) {
          var n = bucketOf(key, meta.fuzzy.buckets);
          if (keys.indexOf(n) === -1) keys.push(n);
        });
      } else {
        blocks = meta.dictionary.first.map(function (_, i) { return i; }); // rare: any edit distance, any term
      }
      return Promise.all(blocks.map(dictionaryBlock).concat(keys.map(bucket))).then(function (lists) {
        return [].concat.apply([], lists);
      });
    }

    function buildQuery(q) {
      var query = new lunr.Query(meta.fields);
      if (typeof q === "function") q.call(query, query); else new lunr.QueryParser(q, query).parse();
      return query;
    }

    /* A lunr.Index holding just the terms and postings this query needs; lunr answers from it. */
    function smallIndex(q) {
      var query = buildQuery(q);
      var wanted = [];
      query.clauses.forEach(function (clause) {
        var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        terms.forEach(function (term) { wanted.push({ clause: Object.assign({}, clause, { term: term }), term: term }); });
      });
      return Promise.all(wanted.map(function (w) { return candidates(w.clause, w.term); })).then(function (lists) {
        var expanded = [];
        lists.forEach(function (list, i) {
          if (!list.length) return;
          var set = lunr.TokenSet.fromArray(uniqueSorted(list.slice()));
          expanded.push.apply(expanded, set.intersect(lunr.TokenSet.fromClause(wanted[i].clause)).toArray());
        });
        expanded = uniqueSorted(expanded);
        return Promise.all(expanded.map(function (term) { return chunk(blockOf(meta.postings.first, term)); })).then(function (maps) {
          var invertedIndex = Object.create(null), vectors = Object.create(null), order = [];
          expanded.forEach(function (term, i) {
            var entry = maps[i][term], posting = { _index: entry.index };
            meta.fields.forEach(function (field, f) {
              var docs = entry.fields[f][0], weights = entry.fields[f][1], refs = {};
              for (var d = 0; d < docs.length; d++) {
                var r = ref(docs[d]), key = field + "/" + r;
                refs[r] = {};
                if (!vectors[key]) { vectors[key] = []; order.push(key); }
                vectors[key].push([entry.index, weights[d]]);
              }
              posting[field] = refs;
            });
            invertedIndex[term] = posting;
          });
          var fieldVectors = Object.create(null);
          if (query.isNegated()) {
            for (var n = 0; n < meta.documents; n++) fieldVectors[meta.fields[0] + "/" + ref(n)] = new lunr.Vector([]);
          }
          order.forEach(function (key) {
            var elements = [];
            vectors[key].sort(function (a, b) { return a[0] - b[0]; }).forEach(function (pair) { elements.push(pair[0], pair[1]); });
            if (!fieldVectors[key]) fieldVectors[key] = new lunr.Vector(elements);
          });
          return new lunr.Index({
            invertedIndex: invertedIndex, fieldVectors: fieldVectors, tokenSet: lunr.TokenSet.fromArray(expanded),
            fields: meta.fields, pipeline: pipeline
          });
        });
      });
    }

    function lunrQuery(q) {
      return ready().then(function () { return smallIndex(q); }).then(function (index) {
        return index.query(function (query) {
          if (typeof q === "function") q.call(query, query); else new lunr.QueryParser(q, query).parse();
        }).map(function (match) { return { ref: match.ref, score: match.score }; });
      });
    }

    /* Every word must match; scores add up; best first, ties in index order. */
    function query(text) {
      return ready().then(function () {
        var words = tokenize(text).filter(function (word) { return !isStopword(lunr, word); });
        if (!words.length) return [];
        return Promise.all(words.map(function (word) { return lunrQuery(wordQuery(lunr, pipeline, word)); }));
      }).then(function (answers) {
        if (!answers.length) return [];
        var totals = null;
        for (var i = 0; i < answers.length; i++) {
          var scores = Object.create(null);
          answers[i].forEach(function (match) { scores[match.ref] = match.score; });
          if (totals === null) {
            totals = scores;
          } else {
            var next = Object.create(null);
            Object.keys(scores).forEach(function (r) { if (r in totals) next[r] = totals[r] + scores[r]; });
            totals = next;
          }
        }
        return Object.keys(totals).map(function (r) {
          var n = ordinal(r);
          return { ref: r, kind: kind(n), score: totals[r], ordinal: n };
        }).sort(function (a, b) {
          var diff = Math.round(b.score * 1e6) - Math.round(a.score * 1e6);
          return diff !== 0 ? diff : a.ordinal - b.ordinal;
        }).map(function (result) { return { ref: result.ref, kind: result.kind, score: result.score }; });
      });
    }

    function records(refs) {
      return ready().then(function () {
        var size = meta.records.block;
        var ordinals = refs.map(ordinal);
        var blocks = uniqueSorted(ordinals.map(function (n) { return Math.floor(n / size); }).map(String)).map(Number);
        return Promise.all(blocks.map(recordBlock)).then(function (loadedBlocks) {
          var byBlock = {};
          blocks.forEach(function (b, i) { byBlock[b] = loadedBlocks[i]; });
          return ordinals.map(function (n) { return byBlock[Math.floor(n / size)][n % size]; });
        });
      });
    }

    function facetData() {
      return ready().then(function () { return get(meta.facets, "json"); });
    }

    function courseCount() {
      return ready().then(function () {
        return runs.filter(function (run) { return run.kind === "course"; }).reduce(function (sum, run) { return sum + run.count; }, 0);
      });
    }

    function facet(key) {
      return facetData().then(function (data) {
        var sets = {}, table = data.facets[key] || {};
        Object.keys(table).forEach(function (value) {
          var set = new Set(), n = 0;
          table[value].forEach(function (delta) { n += delta; set.add(n); });
          sets[value] = set;
        });
        return sets;
      });
    }

    function sortKeys(name) {
      return facetData().then(function (data) {
        var order = data.sort[name];
        if (!order) throw new Error("onbekende sorteersleutel: " + name);
        var ranks = new Int32Array(order.length);
        order.forEach(function (n, rank) { ranks[n] = rank; });
        return ranks;
      });
    }

    engine.ready = ready;
    engine.query = query;
    engine.lunrQuery = lunrQuery;
    engine.records = records;
    engine.ordinal = ordinal;
    engine.ref = ref;
    engine.kind = kind;
    engine.courseCount = courseCount;
    engine.facet = facet;
    engine.sortKeys = sortKeys;
    return engine;
  }

  var api = { open: open, tokenize: tokenize, fold: fold, registerFold: registerFold, wordQuery: wordQuery };
  if (typeof window === "undefined") {
    module.exports = api; // Node: tests/search_parity.js and scripts/benchmark_search.js
  } else {
    window.ScholingSearchEngine = {
      open: function (options) { return open(window.lunr, options); },
      tokenize: tokenize,
      fold: fold
    };
  }
})();
