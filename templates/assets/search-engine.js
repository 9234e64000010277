/* Search engine: answers queries against the index prebuilt by the build (builder/search/), with lunr.js
   2.3.9 and lunr-languages as query parser and pipeline. Loaded only once a visitor starts to search.
   Text handling mirrors builder/search/dutch.py exactly; tests/test_search_parity.py runs both.

   API (every call is async and returns a Promise; refs are opaque strings, ordinals number the courses
   0..courseCount()-1 in catalogue order):

     var engine = ScholingSearchEngine.open({ index: url, data: url, fetch: optional function(url) })
     engine.query(text)      -> [{ref, kind, score}]  the site's search: every word must match (exactly x10,
                                as a prefix from 2 letters x3, with one typo from 5 letters x1); scores add
                                up; best first, ties in catalogue order. kind: "course" (more kinds follow).
     engine.lunrQuery(q)     -> [{ref, score}]  q a lunr query string or function(query): exactly what
                                lunr.Index.query on the full index returns (refs, order, scores).
     engine.records(refs)    -> [record]  what a result card shows, in the order asked: {u: url (relative
                                to the site root), t: title, a: provider, n: level, o: place, s: start,
                                p: price, f: {facet key: [values]}}; start values are ISO dates.
     engine.ordinal(ref)     -> number  the course ordinal of a ref (synchronous).
     engine.ref(ordinal)     -> string  the ref of a course ordinal (synchronous).
     engine.courseCount()    -> number of courses in the catalogue.
     engine.facet(key)       -> {value: Set(ordinals)}  every course having each value of one facet
                                (keys as in builder/facets.py; "start" maps ISO dates to courses).
     engine.sortKeys(name)   -> array by ordinal: "title" (lower-cased title), "start" (first ISO start
                                date or "" when continuous/on request).
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

  function defaultFetch(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
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

  function open(lunr, options) {
    registerFold(lunr);
    var load = options.fetch || defaultFetch;
    var loaded = null;

    function ready() {
      if (!loaded) {
        loaded = Promise.all([load(options.index), load(options.data)]).then(function (parts) {
          return { index: lunr.Index.load(parts[0]), records: parts[1] };
        });
      }
      return loaded;
    }

    function ordinal(ref) { return parseInt(ref, 36); }
    function ref(n) { return n.toString(36); }

    function lunrQuery(q) {
      return ready().then(function (state) {
        var results = typeof q === "function" ? state.index.query(q) : state.index.search(q);
        return results.map(function (match) { return { ref: match.ref, score: match.score }; });
      });
    }

    /* Every word must match; scores add up; best first, ties in catalogue order. */
    function query(text) {
      return ready().then(function (state) {
        var words = tokenize(text).filter(function (word) { return !isStopword(lunr, word); });
        if (!words.length) return [];
        var totals = null;
        for (var i = 0; i < words.length; i++) {
          var scores = {};
          state.index.query(wordQuery(lunr, state.index.pipeline, words[i])).forEach(function (match) {
            scores[match.ref] = match.score;
          });
          if (totals === null) {
            totals = scores;
          } else {
            var next = {};
            Object.keys(scores).forEach(function (r) {
              if (Object.prototype.hasOwnProperty.call(totals, r)) next[r] = totals[r] + scores[r];
            });
            totals = next;
          }
          if (!Object.keys(totals).length) return [];
        }
        return Object.keys(totals).map(function (r) {
          return { ref: r, kind: "course", score: totals[r] };
        }).sort(function (a, b) {
          var diff = Math.round(b.score * 1e6) - Math.round(a.score * 1e6);
          return diff !== 0 ? diff : ordinal(a.ref) - ordinal(b.ref);
        });
      });
    }

    function records(refs) {
      return ready().then(function (state) {
        return refs.map(function (r) { return state.records[ordinal(r)]; });
      });
    }

    function courseCount() {
      return ready().then(function (state) { return state.records.length; });
    }

    function facet(key) {
      return ready().then(function (state) {
        var sets = {};
        state.records.forEach(function (record, n) {
          (record.f[key] || []).forEach(function (value) { (sets[value] = sets[value] || new Set()).add(n); });
        });
        return sets;
      });
    }

    function sortKeys(name) {
      return ready().then(function (state) {
        return state.records.map(function (record) {
          if (name === "title") return record.t.toLowerCase();
          if (name === "start") return (record.f.start || [])[0] || "";
          throw new Error("onbekende sorteersleutel: " + name);
        });
      });
    }

    return {
      query: query, lunrQuery: lunrQuery, records: records, ordinal: ordinal, ref: ref,
      courseCount: courseCount, facet: facet, sortKeys: sortKeys, ready: ready
    };
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
