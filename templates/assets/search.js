/* Search: lunr.js answers queries against the index prebuilt by the build (builder/search/index.py).
   The index and lunr are fetched only once a visitor starts to search. Text handling mirrors
   builder/search/dutch.py exactly; tests/test_search_parity.py runs both and compares. */
(function () {
  "use strict";

  var body = typeof document !== "undefined" ? document.body : null;
  var EXACT_BOOST = 10, PREFIX_BOOST = 3, FUZZY_BOOST = 1, PREFIX_MIN_LENGTH = 2, FUZZY_MIN_LENGTH = 5;
  var loading = null;

  function tokenize(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "");
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("kon " + src + " niet laden")); };
      document.head.appendChild(script);
    });
  }

  function registerFold(lunr) {
    if (lunr.Pipeline.registeredFunctions["fold-diacritics"]) return;
    var foldDiacritics = function (token) {
      return token.update(function (s) { return fold(s); });
    };
    lunr.Pipeline.registerFunction(foldDiacritics, "fold-diacritics");
  }

  function loadSearch() {
    if (loading) return loading;
    var scripts = body.getAttribute("data-lunr").split(" ");
    var chain = scripts.reduce(function (previous, src) {
      return previous.then(function () { return loadScript(src); });
    }, Promise.resolve());
    var fetchJson = function (url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    };
    loading = Promise.all([
      fetchJson(body.getAttribute("data-search-index")),
      fetchJson(body.getAttribute("data-search-data")),
      chain
    ]).then(function (parts) {
      var lunr = window.lunr;
      registerFold(lunr);
      return { index: lunr.Index.load(parts[0]), records: parts[1], lunr: lunr };
    });
    return loading;
  }

  function isStopword(engine, word) {
    return engine.lunr.nl.stopWordFilter(new engine.lunr.Token(word)) === undefined;
  }

  function wordMatches(engine, word) {
    var lunr = engine.lunr;
    var processed = engine.index.pipeline.runString(word);
    var folded = fold(word);
    return engine.index.query(function (q) {
      q.term(word, { usePipeline: true, boost: EXACT_BOOST });
      if (folded.length >= PREFIX_MIN_LENGTH) {
        q.term(folded, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: PREFIX_BOOST });
      }
      if (processed.length && processed[0].length >= FUZZY_MIN_LENGTH) {
        q.term(processed[0], { usePipeline: false, editDistance: 1, boost: FUZZY_BOOST });
      }
    });
  }

  /* Every word must match; scores add up. Returns [[ref, score], ...] best first. */
  function search(engine, query) {
    var words = tokenize(query).filter(function (word) { return !isStopword(engine, word); });
    if (!words.length) return [];
    var totals = null;
    for (var i = 0; i < words.length; i++) {
      var scores = {};
      wordMatches(engine, words[i]).forEach(function (match) { scores[match.ref] = match.score; });
      if (totals === null) {
        totals = scores;
      } else {
        var next = {};
        Object.keys(scores).forEach(function (ref) {
          if (Object.prototype.hasOwnProperty.call(totals, ref)) next[ref] = totals[ref] + scores[ref];
        });
        totals = next;
      }
      if (!Object.keys(totals).length) return [];
    }
    return Object.keys(totals).map(function (ref) { return [ref, totals[ref]]; }).sort(function (a, b) {
      var diff = Math.round(b[1] * 1e6) - Math.round(a[1] * 1e6);
      return diff !== 0 ? diff : parseInt(a[0], 36) - parseInt(b[0], 36);
    });
  }

  if (!body) {
    // Node (tests/search_parity.js): the same functions, without the page.
    module.exports = { search: search, tokenize: tokenize, fold: fold, registerFold: registerFold };
    return;
  }
  window.ScholingSearch = { load: loadSearch, search: search, tokenize: tokenize, fold: fold };

  Array.prototype.forEach.call(document.querySelectorAll("[data-search-input]"), function (input) {
    input.addEventListener("focus", function () { loadSearch().catch(function () {}); });
    input.addEventListener("input", function () { loadSearch().catch(function () {}); });
  });

  var pageInput = document.querySelector("[data-search-page-input]");
  if (!pageInput) return;

  var notice = document.querySelector("[data-search-needs-js]");
  if (notice) notice.hidden = true;
  var form = document.querySelector("[data-search-form]");
  var resultsBox = document.querySelector("[data-search-results]");
  var section = resultsBox.querySelector(".course-list");
  var list = section.querySelector("[data-course-cards]");
  var template = document.querySelector("[data-card-template]");
  var base = body.getAttribute("data-base");
  var filters = null;
  var timer = null;

  function card(record, ref) {
    var node = template.content.firstElementChild.cloneNode(true);
    var link = node.querySelector("[data-field=link]");
    link.href = base + record.u;
    link.textContent = record.t;
    node.querySelector("[data-field=provider]").textContent = record.a;
    node.querySelector("[data-field=level]").textContent = record.n;
    node.querySelector("[data-field=place]").textContent = record.o;
    node.querySelector("[data-field=start]").textContent = record.s;
    node.querySelector("[data-field=price]").textContent = record.p;
    node.setAttribute("data-ref", ref);
    return node;
  }

  function show(engine, query) {
    var results = query.trim() ? search(engine, query) : [];
    list.textContent = "";
    var items = results.map(function (result) {
      var record = engine.records[parseInt(result[0], 36)];
      var node = card(record, result[0]);
      list.appendChild(node);
      var values = {};
      Object.keys(record.f).forEach(function (key) { values[key] = record.f[key].slice(); });
      return { el: node, values: values };
    });
    resultsBox.hidden = !query.trim();
    filters.setItems(items);
    filters.update(false);
    // Which query the list now answers; lets a reader (and the browser tests) tell fresh results from stale.
    resultsBox.setAttribute("data-shown-query", query.trim());
  }

  function currentUrl(query) {
    var params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    filters.writeUrl(params);
    var text = params.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function restoreFromUrl(engine) {
    var params = new URLSearchParams(window.location.search);
    pageInput.value = params.get("q") || "";
    filters.readUrl(params);
    show(engine, pageInput.value);
  }

  filters = window.ScholingFilters.attach(section, { manageUrl: false });
  var params = new URLSearchParams(window.location.search);
  pageInput.value = params.get("q") || "";
  if (pageInput.value) resultsBox.hidden = false;

  loadSearch().then(function (engine) {
    restoreFromUrl(engine);
    filters.onchange = function () {
      window.history.pushState(null, "", currentUrl(pageInput.value));
    };
    pageInput.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        show(engine, pageInput.value);
        window.history.replaceState(null, "", currentUrl(pageInput.value));
      }, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      show(engine, pageInput.value);
      window.history.pushState(null, "", currentUrl(pageInput.value));
    });
    window.addEventListener("popstate", function () { restoreFromUrl(engine); });
  }).catch(function (error) {
    var count = section.querySelector("[data-result-count]");
    resultsBox.hidden = false;
    count.textContent = "Zoeken lukt nu niet (" + error.message + "). Bekijk de opleidingen per sector.";
  });
})();
