/* Search engine: answers queries against the sharded index written by the build (builder/search/shards.py),
   with lunr.js 2.3.9 and lunr-languages as query parser and pipeline. Loaded only once a visitor starts
   to search, and then fetches only the index parts a query needs: the postings chunks of its terms,
   for a typo the few dictionary blocks and buckets that can hold candidates, and the records shown.
   For every query the result equals lunr.Index.load(full index).query: lunr expands the terms (its
   TokenSet) and the scoring below follows Index.prototype.query step for step on the postings of the
   expanded terms (tests/test_search_parity.py proves it on more than 1,000 queries). Text handling mirrors builder/search/dutch.py exactly.

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
                                to the site root), t: title, d: summary, c: "alleen voor" condition (only
                                when the course has one), a: provider, n: level, o: place, s: start,
                                p: price, h: how long (if known), g: [open schemes that may pay] (if any),
                                f: {facet key: [values]}}; fetched in small blocks by need.
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

  /* Optimal string alignment distance <= 1, lunr's edit distance 1: a cheap filter before lunr's own intersect. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length, i = 0;
    if (la - lb > 1 || lb - la > 1) return false;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function uniqueSorted(list) {
    list.sort();
    return list.filter(function (item, i) { return i === 0 || item !== list[i - 1]; });
  }

  function open(lunr, options) {
    registerFold(lunr);
    var load = options.fetch || function (url, type, fresh) {
      // The meta file keeps its name when the site changes: ask the server whether it is still current.
      return fetch(url, fresh ? { cache: "no-cache" } : undefined).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return type === "bytes" ? response.arrayBuffer() : response.json();
      });
    };
    var engine = { bytesFetched: 0 };
    var metaUrl = options.meta, dir = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
    var meta = null, pipeline = null, loaded = null, runs = [];
    var integerLike = /^(0|[1-9][0-9]*)$/;
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
        loaded = load(metaUrl, "json", true).then(function (data) {
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
    var refs = [], numericKeys = [];
    function ref(ordinal) {
      var known = refs[ordinal];
      if (known === undefined) {
        var run = runOf(ordinal);
        known = refs[ordinal] = run.prefix + base36(ordinal - run.start);
      }
      return known;
    }
    /* The number JavaScript would sort an object key by, or -1 for keys kept in insertion order. */
    function numericKey(ordinal) {
      var known = numericKeys[ordinal];
      if (known === undefined) {
        var r = ref(ordinal);
        known = numericKeys[ordinal] = integerLike.test(r) && Number(r) < 4294967295 ? Number(r) : -1;
      }
      return known;
    }
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
        var all = [].concat.apply([], lists);
        return clause.editDistance === 1 ? all.filter(function (t) { return withinOneEdit(term, t); }) : all;
      });
    }

    function buildQuery(q) {
      var query = new lunr.Query(meta.fields);
      if (typeof q === "function") q.call(query, query); else new lunr.QueryParser(q, query).parse();
      return query;
    }

    /* The terms each clause term expands to (lunr's own TokenSet intersect, on a small candidate set),
       and the postings of all of them. */
    function expand(query) {
      var wanted = [];
      query.clauses.forEach(function (clause, c) {
        var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
        terms.forEach(function (term) { wanted.push({ c: c, clause: Object.assign({}, clause, { term: term }), term: term }); });
      });
      return Promise.all(wanted.map(function (w) { return candidates(w.clause, w.term); })).then(function (lists) {
        var all = [];
        var plan = query.clauses.map(function () { return []; });
        lists.forEach(function (list, i) {
          var expanded = [];
          if (list.length) {
            var set = lunr.TokenSet.fromArray(uniqueSorted(list.slice()));
            expanded = set.intersect(lunr.TokenSet.fromClause(wanted[i].clause)).toArray();
          }
          plan[wanted[i].c].push(expanded);
          all.push.apply(all, expanded);
        });
        all = uniqueSorted(all);
        return Promise.all(all.map(function (term) { return chunk(blockOf(meta.postings.first, term)); })).then(function (maps) {
          var entries = Object.create(null);
          all.forEach(function (term, i) { entries[term] = maps[i][term]; });
          return { plan: plan, entries: entries };
        });
      });
    }

    /* Positions of `docs` in the order JavaScript's Object.keys lists their refs: integer-like refs first. */
    function keyOrder(docs) {
      var numeric = [], other = [];
      for (var i = 0; i < docs.length; i++) {
        if (numericKey(docs[i]) >= 0) numeric.push(i); else other.push(i);
      }
      if (!numeric.length) return other;
      numeric.sort(function (a, b) { return numericKey(docs[a]) - numericKey(docs[b]); });
      return numeric.concat(other);
    }

    function refSet(docs) { return new lunr.Set(docs.map(ref)); }

    /* lunr.Index.prototype.query, step for step, on the postings of the expanded terms only. A field's
       score is dot(query vector, field vector) / |query vector|; the field vector's other terms add
       nothing to the dot product, so the weights of the matched terms, summed in term order, suffice. */
    function score(query, expansion) {
      var fields = meta.fields, F = fields.length, fieldNumber = Object.create(null);
      fields.forEach(function (field, f) { fieldNumber[field] = f; });
      var queryVectors = fields.map(function () { return new lunr.Vector(); });
      var matching = new Map(), termFieldCache = Object.create(null);
      var requiredMatches = Object.create(null), prohibitedMatches = Object.create(null);
      var REQUIRED = lunr.Query.presence.REQUIRED, PROHIBITED = lunr.Query.presence.PROHIBITED;
      var plainOrder = !runs.some(function (run) { return run.prefix === "" || integerLike.test(run.prefix); });
      query.clauses.forEach(function (clause, c) {
        var clauseMatches = lunr.Set.empty;
        var perTerm = expansion.plan[c];
        for (var m = 0; m < perTerm.length; m++) {
          var expandedTerms = perTerm[m];
          if (expandedTerms.length === 0 && clause.presence === REQUIRED) {
            clause.fields.forEach(function (field) { requiredMatches[field] = lunr.Set.empty; });
            break;
          }
          expandedTerms.forEach(function (expandedTerm) {
            var entry = expansion.entries[expandedTerm], termIndex = entry.index;
            clause.fields.forEach(function (field) {
              var f = fieldNumber[field], docs = entry.fields[f][0], weights = entry.fields[f][1];
              var termField = expandedTerm + "/" + field;
              if (clause.presence == REQUIRED) {
                clauseMatches = clauseMatches.union(refSet(docs));
                if (requiredMatches[field] === undefined) requiredMatches[field] = lunr.Set.complete;
              }
              if (clause.presence == PROHIBITED) {
                if (prohibitedMatches[field] === undefined) prohibitedMatches[field] = lunr.Set.empty;
                prohibitedMatches[field] = prohibitedMatches[field].union(refSet(docs));
                return;
              }
              queryVectors[f].upsert(termIndex, clause.boost, function (a, b) { return a + b; });
              if (termFieldCache[termField]) return;
              var order = plainOrder ? null : keyOrder(docs);
              for (var k = 0; k < docs.length; k++) {
                var i = order ? order[k] : k, key = docs[i] * F + f, pairs = matching.get(key);
                if (!pairs) matching.set(key, pairs = []);
                pairs.push(termIndex, weights[i]);
              }
              termFieldCache[termField] = true;
            });
          });
        }
        if (clause.presence === REQUIRED) {
          clause.fields.forEach(function (field) { requiredMatches[field] = requiredMatches[field].intersect(clauseMatches); });
        }
      });
      var allRequired = lunr.Set.complete, allProhibited = lunr.Set.empty;
      fields.forEach(function (field) {
        if (requiredMatches[field]) allRequired = allRequired.intersect(requiredMatches[field]);
        if (prohibitedMatches[field]) allProhibited = allProhibited.union(prohibitedMatches[field]);
      });
      var queryValues = queryVectors.map(function (vector) {
        var values = new Map();
        for (var i = 0; i < vector.elements.length; i += 2) values.set(vector.elements[i], vector.elements[i + 1]);
        return values;
      });
      var magnitudes = queryVectors.map(function (vector) { return vector.magnitude(); });
      var results = [], matches = new Map();
      var checkSets = allRequired !== lunr.Set.complete || allProhibited !== lunr.Set.empty;

      function add(d, f, pairs) {
        if (checkSets && (!allRequired.contains(ref(d)) || allProhibited.contains(ref(d)))) return;
        var dot = 0;
        if (pairs.length > 2) {
          var sorted = [];
          for (var i = 0; i < pairs.length; i += 2) sorted.push([pairs[i], pairs[i + 1]]);
          sorted.sort(function (a, b) { return a[0] - b[0]; });
          for (var j = 0; j < sorted.length; j++) dot += queryValues[f].get(sorted[j][0]) * sorted[j][1];
        } else if (pairs.length) {
          dot += queryValues[f].get(pairs[0]) * pairs[1];
        }
        var fieldScore = dot / magnitudes[f] || 0;
        var match = matches.get(d);
        if (match) {
          match.score += fieldScore;
        } else {
          match = { ordinal: d, score: fieldScore };
          matches.set(d, match);
          results.push(match);
        }
      }

      if (query.isNegated()) {
        for (var d = 0; d < meta.documents; d++) add(d, 0, []);
      } else {
        matching.forEach(function (pairs, key) { add(Math.floor(key / F), key % F, pairs); });
      }
      return results.sort(function (a, b) { return b.score - a.score; });
    }

    /* [{ordinal, score}] in lunr's order. */
    function scored(q) {
      var query = buildQuery(q);
      return expand(query).then(function (expansion) { return score(query, expansion); });
    }

    function lunrQuery(q) {
      return ready().then(function () { return scored(q); }).then(function (results) {
        return results.map(function (match) { return { ref: ref(match.ordinal), score: match.score }; });
      });
    }

    /* Every word must match; scores add up; best first, ties in index order. */
    function query(text) {
      return ready().then(function () {
        var words = tokenize(text).filter(function (word) { return !isStopword(lunr, word); });
        if (!words.length) return [];
        return Promise.all(words.map(function (word) { return scored(wordQuery(lunr, pipeline, word)); }));
      }).then(function (answers) {
        if (!answers.length) return [];
        var totals = null;
        for (var i = 0; i < answers.length; i++) {
          var next = new Map();
          answers[i].forEach(function (match) {
            if (totals === null) next.set(match.ordinal, match.score);
            else if (totals.has(match.ordinal)) next.set(match.ordinal, totals.get(match.ordinal) + match.score);
          });
          totals = next;
        }
        var results = [];
        totals.forEach(function (total, n) { results.push({ ordinal: n, score: total, rounded: Math.round(total * 1e6) }); });
        results.sort(function (a, b) { return b.rounded - a.rounded || a.ordinal - b.ordinal; });
        return results.map(function (result) {
          return { ref: ref(result.ordinal), kind: kind(result.ordinal), score: result.score, ordinal: result.ordinal };
        });
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

    function sortData() {
      return ready().then(function () { return get(meta.sort, "json"); });
    }

    function courseCount() {
      return ready().then(function () {
        return runs.filter(function (run) { return run.kind === "course"; }).reduce(function (sum, run) { return sum + run.count; }, 0);
      });
    }

    function facet(key) {
      return facetData().then(function (data) {
        var sets = {}, table = data[key] || {};
        Object.keys(table).forEach(function (value) {
          var set = new Set(), n = 0;
          table[value].forEach(function (delta) { n += delta; set.add(n); });
          sets[value] = set;
        });
        return sets;
      });
    }

    function sortKeys(name) {
      return sortData().then(function (data) {
        var order = data[name];
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
