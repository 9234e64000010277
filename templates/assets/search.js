/* Search page and header search boxes: the visitor's side. The engine (search-engine.js, with lunr.js)
   answers queries; it is fetched only once a visitor starts to search. */
(function () {
  "use strict";

  var body = document.body;
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("kon " + src + " niet laden")); };
      document.head.appendChild(script);
    });
  }

  /* lunr.js, lunr-languages and the engine, once for every index on the page (skills-search.js uses it too). */
  var scriptsLoading = null;
  function loadScripts() {
    if (scriptsLoading) return scriptsLoading;
    var scripts = body.getAttribute("data-search-scripts").split(" ");
    scriptsLoading = scripts.reduce(function (previous, src) {
      return previous.then(function () { return loadScript(src); });
    }, Promise.resolve());
    scriptsLoading.catch(function () { scriptsLoading = null; });
    return scriptsLoading;
  }

  function loadSearch() {
    if (loading) return loading;
    loading = loadScripts().then(function () {
      var engine = window.ScholingSearchEngine.open({ meta: body.getAttribute("data-search") });
      return engine.ready().then(function () { return engine; });
    });
    return loading;
  }

  window.ScholingSearch = { load: loadSearch, scripts: loadScripts };

  Array.prototype.forEach.call(document.querySelectorAll("[data-search-input]"), function (input) {
    input.addEventListener("focus", function () { loadSearch().catch(function () {}); });
    input.addEventListener("input", function () { loadSearch().catch(function () {}); });
  });

  var pageInput = document.querySelector("[data-search-page-input]");
  if (!pageInput) return;

  var help = document.querySelector("[data-search-help]");
  // The list's own "nothing found" text suggests spelling; the search page's help (below) knows better why.
  var listNoResults = document.querySelector("[data-search-results] [data-no-results]");
  if (listNoResults) listNoResults.remove();
  var notice = document.querySelector("[data-search-needs-js]");
  if (notice) notice.hidden = true;
  var form = document.querySelector("[data-search-form]");
  var resultsBox = document.querySelector("[data-search-results]");
  var section = resultsBox.querySelector(".course-list");
  var list = section.querySelector("[data-course-cards]");
  var template = document.querySelector("[data-card-template]");
  var typedBox = resultsBox.querySelector("[data-typed-results]");
  var typedList = typedBox.querySelector("[data-typed-list]");
  var typedTemplate = document.querySelector("[data-typed-template]");
  var base = body.getAttribute("data-base");
  var filters = null;
  var timer = null;

  function card(record, ref) {
    var node = template.content.firstElementChild.cloneNode(true);
    var link = node.querySelector("[data-field=link]");
    link.href = base + record.u;
    link.textContent = record.t;
    node.querySelector("[data-field=provider]").textContent = record.a;
    node.querySelector("[data-field=summary]").textContent = record.d || "";
    if (record.c) {
      node.querySelector("[data-field=only-for-text]").textContent = record.c;
      node.querySelector("[data-field=only-for]").hidden = false;
    }
    node.querySelector("[data-field=level]").textContent = record.n;
    node.querySelector("[data-field=place]").textContent = record.o;
    node.querySelector("[data-field=start]").textContent = record.s;
    node.querySelector("[data-field=price]").textContent = record.p;
    node.setAttribute("data-ref", ref);
    return node;
  }

  function typedCard(record, ref) {
    var node = typedTemplate.content.firstElementChild.cloneNode(true);
    var link = node.querySelector("[data-field=link]");
    link.href = base + record.u;
    node.querySelector("[data-field=kind]").textContent = record.k + ":";
    node.querySelector("[data-field=title]").textContent = record.t;
    node.querySelector("[data-field=text]").textContent = record.d;
    var meta = node.querySelector("[data-field=meta]");
    if (record.m) meta.textContent = record.m; else meta.remove();
    node.setAttribute("data-ref", ref);
    return node;
  }

  /* What an exact match compares: the words, lower case, without accents (exact_key in builder/search/vocabulary.py). */
  function exactKey(text) {
    var engineText = window.ScholingSearchEngine;
    return engineText.tokenize(text).map(engineText.fold).join(" ");
  }

  /* What the page shows for ranked hits: {typed, courses}, exact names first in each; a typed result only when
     it is an exact name or a strong enough match (arrange in builder/search/documents.py, same numbers). */
  var TYPED_SHOWN = 3, TYPED_MIN_SHARE_OF_BEST_COURSE = 0.25, TYPED_MIN_SHARE_OF_BEST_TYPED = 0.4;
  function arrange(query, hits) {
    var key = exactKey(query);
    var isExact = function (hit) {
      return exactKey(hit.record.t) === key || (hit.record.e || []).indexOf(key) !== -1;
    };
    var ordered = hits.filter(isExact).concat(hits.filter(function (hit) { return !isExact(hit); }));
    var courses = ordered.filter(function (hit) { return hit.kind === "course"; });
    var typed = ordered.filter(function (hit) { return hit.kind !== "course"; });
    var best = function (list) { return list.reduce(function (top, hit) { return Math.max(top, hit.score); }, 0); };
    var floor = Math.max(TYPED_MIN_SHARE_OF_BEST_COURSE * best(courses), TYPED_MIN_SHARE_OF_BEST_TYPED * best(typed));
    typed = typed.filter(function (hit) { return isExact(hit) || hit.score >= floor; }).slice(0, TYPED_SHOWN);
    return { typed: typed, courses: courses };
  }

  var PAGE_SIZE = 20; // cards per step: only their records are fetched
  var shownRequest = 0;
  var items = [];
  var limit = PAGE_SIZE;
  var facetValues = null;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "button button--secondary search-more";
  more.textContent = "Meer resultaten tonen";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  more.parentNode.insertBefore(help, more.nextSibling); // in the results column, right under the few cards there are

  /* Facet values of every course, by ordinal, from the engine's compact facet data (fetched once). */
  function valuesByOrdinal(engine) {
    if (!facetValues) {
      facetValues = engine.courseCount().then(function (count) {
        return Promise.all(filters.keys.map(function (key) { return engine.facet(key); })).then(function (sets) {
          var table = [];
          for (var n = 0; n < count; n++) {
            var values = {};
            filters.keys.forEach(function (key) { values[key] = []; });
            table.push(values);
          }
          filters.keys.forEach(function (key, k) {
            Object.keys(sets[k]).forEach(function (value) {
              sets[k][value].forEach(function (n) { table[n][key].push(value); });
            });
          });
          return table;
        });
      });
      facetValues.catch(function () { facetValues = null; });
    }
    return facetValues;
  }

  /* The cards of the first `limit` results the filters keep; records only for those. */
  function render(engine, request) {
    var kept = items.filter(function (item) { return item.kept; });
    return filters.arrange(kept, engine).then(function (ordered) { // the visitor's sort (filters.js), or as ranked
      var visible = ordered.slice(0, limit);
      return engine.records(visible.map(function (item) { return item.ref; })).then(function (records) {
        if (request !== shownRequest) return;
        list.textContent = "";
        records.forEach(function (record, i) { list.appendChild(card(record, visible[i].ref)); });
        more.hidden = kept.length <= limit;
      });
    });
  }

  /* Records are fetched for the typed hits (few) and for the first EXACT_WINDOW courses: enough to put an
     exact name first (arrange) without fetching the records of thousands of hits. */
  var EXACT_WINDOW = 60;

  /* Occupations and skills from their own index (skills-search.js), shown with the typed results: at most
     SKILLS_SHOWN, exact names first. A failing skills index leaves the course search as it is. */
  var SKILLS_SHOWN = 3, TYPED_TOTAL = 5; // with several other typed results fewer skills, so courses stay in sight
  function skillHits(query) {
    if (!query.trim() || !window.ScholingSkills || !window.ScholingSkills.available()) return Promise.resolve([]);
    return window.ScholingSkills.find(query, { limit: SKILLS_SHOWN }).catch(function () { return []; });
  }

  function skillCard(hit) {
    return typedCard({ k: hit.label, t: hit.title, u: hit.path, d: hit.text, m: hit.meta }, hit.kind + ":" + hit.id);
  }

  function show(engine, query, startLimit) {
    var request = ++shownRequest;
    var answer = query.trim() ? engine.query(query) : Promise.resolve([]);
    return Promise.all([answer, valuesByOrdinal(engine), skillHits(query)]).then(function (parts) {
      var results = parts[0], table = parts[1], skills = parts[2];
      var typedHits = results.filter(function (result) { return result.kind !== "course"; });
      var courseHits = results.filter(function (result) { return result.kind === "course"; });
      var head = typedHits.concat(courseHits.slice(0, EXACT_WINDOW));
      return engine.records(head.map(function (result) { return result.ref; })).then(function (records) {
        if (request !== shownRequest) return; // a newer query is on its way
        var shown = arrange(query, head.map(function (result, i) {
          return { ref: result.ref, kind: result.kind, score: result.score, ordinal: result.ordinal, record: records[i] };
        }));
        typedList.textContent = "";
        var room = Math.max(1, TYPED_TOTAL - shown.typed.length);
        skills = skills.filter(function (hit, i) { return hit.exact || i < room; }); // exact names come first
        skills.filter(function (hit) { return hit.exact; }).forEach(function (hit) { typedList.appendChild(skillCard(hit)); });
        shown.typed.forEach(function (hit) { typedList.appendChild(typedCard(hit.record, hit.ref)); });
        skills.filter(function (hit) { return !hit.exact; }).forEach(function (hit) { typedList.appendChild(skillCard(hit)); });
        typedBox.hidden = !shown.typed.length && !skills.length;
        typedShown = shown.typed.length + skills.length;
        var ordered = shown.courses.concat(courseHits.slice(EXACT_WINDOW));
        items = ordered.map(function (result) {
          var values = {};
          filters.keys.forEach(function (key) { values[key] = table[result.ordinal][key].slice(); });
          return { el: null, ref: result.ref, values: values, kept: true };
        });
        limit = Math.max(PAGE_SIZE, startLimit || 0); // Back from a course: as many as were shown
        filters.setItems(items);
        filters.update(false);
        return render(engine, request).then(function () {
          if (request !== shownRequest) return;
          resultsBox.hidden = !query.trim();
          // Which query the list now answers; lets a reader (and the browser tests) tell fresh results from stale.
          resultsBox.setAttribute("data-shown-query", query.trim());
          return updateHelp(engine, query);
        });
      });
    }).catch(function (error) { showFailure(error); });
  }

  /* Few or no courses: say why and offer a way on. Only filters to blame: the filter that frees most, with its
     count (no spelling advice). The words to blame: spelling, shorter searches with their counts, and always
     browsing and the advice desk (in the template). */
  var FEW = 3;
  var helpRequest = 0;
  var typedShown = 0; // funding, sectors, ... shown above the courses: the words were understood

  function countText(n) { return n + (n === 1 ? " opleiding" : " opleidingen"); }

  function keptWith(chosen) {
    return items.filter(function (item) {
      return Object.keys(chosen).every(function (key) {
        return chosen[key].some(function (value) { return item.values[key].indexOf(value) !== -1; });
      });
    }).length;
  }

  function filterLabel(key, value) {
    var box = section.querySelector("[data-filter-form] input[name='" + key + "'][value='" + value + "']");
    if (!box || !box.labels || !box.labels.length) return value;
    var label = box.labels[0].cloneNode(true);
    Array.prototype.forEach.call(label.querySelectorAll(".filters__count"), function (el) { el.remove(); });
    return label.textContent.trim();
  }

  /* The one chosen filter value whose removal shows the most courses: {key, value, count}. */
  function filterToRemove() {
    var chosen = filters.selection(), best = null;
    Object.keys(chosen).forEach(function (key) {
      chosen[key].forEach(function (value) {
        var without = {};
        Object.keys(chosen).forEach(function (k) {
          var rest = chosen[k].filter(function (v) { return k !== key || v !== value; });
          if (rest.length) without[k] = rest;
        });
        var count = keptWith(without);
        if (!best || count > best.count) best = { key: key, value: value, count: count };
      });
    });
    return best;
  }

  function courseCount(results) {
    return results.filter(function (result) { return result.kind === "course"; }).length;
  }

  /* Searches that find more: the query with one word left out; for one long word (a Dutch compound such as
     "onderwaterlassen"), its longest tail that finds courses ("lassen"). At most three, each with its count. */
  function relatedSearches(engine, query, found) {
    var words = window.ScholingSearchEngine.tokenize(query);
    var tries;
    if (words.length > 1) {
      tries = Promise.resolve(words.map(function (_, i) { return words.filter(function (w, j) { return j !== i; }).join(" "); }));
    } else if (words.length === 1 && words[0].length >= 8) {
      // tails of four letters or more that are words of the catalogue themselves (exactly, no typo allowed)
      var tails = [];
      for (var i = 3; words[0].length - i >= 4; i++) tails.push(words[0].slice(i));
      tries = Promise.all(tails.map(function (tail) {
        return engine.lunrQuery(function (q) { q.term(tail, { usePipeline: true }); });
      })).then(function (answers) {
        var known = tails.filter(function (_, i) { return answers[i].length > 0; });
        return known.slice(0, 1); // the longest
      });
    } else {
      tries = Promise.resolve([]);
    }
    return tries.then(function (texts) {
      return Promise.all(texts.map(function (text) { return engine.query(text); })).then(function (answers) {
        var better = texts.map(function (text, i) { return { text: text, count: courseCount(answers[i]) }; })
          .filter(function (entry) { return entry.count > found; });
        better.sort(function (a, b) { return b.count - a.count; });
        return better.slice(0, 3);
      });
    });
  }

  function updateHelp(engine, query) {
    var request = ++helpRequest;
    var total = items.length;
    var kept = items.filter(function (item) { return item.kept; }).length;
    if (!query.trim() || kept >= FEW) {
      help.hidden = true;
      return Promise.resolve();
    }
    var title = help.querySelector("[data-help-title]");
    var filterLine = help.querySelector("[data-help-filter]");
    var remove = filterToRemove();
    var filtersToBlame = total > kept && remove && remove.count > kept;
    if (filtersToBlame) {
      title.textContent = kept ? "Maar " + countText(kept) + " met deze filters" : "Geen opleidingen met deze filters";
      help.querySelector("[data-help-filter-text]").textContent =
        "Zonder het filter \u2018" + filterLabel(remove.key, remove.value) + "\u2019 vind je " + countText(remove.count) + ".";
      var button = help.querySelector("[data-help-remove-filter]");
      button.textContent = "Filter \u2018" + filterLabel(remove.key, remove.value) + "\u2019 weghalen";
      button.onclick = function () {
        var box = section.querySelector("[data-filter-form] input[name='" + remove.key + "'][value='" + remove.value + "']");
        box.checked = false;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        var count = section.querySelector("[data-result-count]");
        if (count) { count.setAttribute("tabindex", "-1"); count.focus(); }
      };
    } else {
      title.textContent = kept ? "Maar " + countText(kept) + " gevonden" : "Geen opleidingen gevonden voor \u2018" + query.trim() + "\u2019";
    }
    filterLine.hidden = !filtersToBlame;
    help.querySelector("[data-help-spelling]").hidden = filtersToBlame || total > 0 || typedShown > 0;
    var related = help.querySelector("[data-help-related]");
    var relatedList = help.querySelector("[data-help-related-list]");
    help.hidden = false;
    if (filtersToBlame) {
      related.hidden = true;
      return Promise.resolve();
    }
    return relatedSearches(engine, query, total).then(function (better) {
      if (request !== helpRequest) return;
      relatedList.textContent = "";
      better.forEach(function (entry) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = window.location.pathname + "?q=" + encodeURIComponent(entry.text);
        link.textContent = entry.text;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          pageInput.value = entry.text;
          show(engine, entry.text);
          window.history.pushState(null, "", currentUrl(entry.text));
        });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" (" + countText(entry.count) + ")"));
        relatedList.appendChild(li);
      });
      related.hidden = !better.length;
    });
  }

  function showFailure(error) {
    var count = section.querySelector("[data-result-count]");
    resultsBox.hidden = false;
    count.textContent = "Zoeken lukt nu niet (" + error.message + "). Bekijk de opleidingen per sector.";
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

  if (window.ScholingSkills && window.ScholingSkills.available()) window.ScholingSkills.load().catch(function () {}); // beside the course index
  // Back from a course: as many results as were shown, the same scroll position, the link followed in focus (the
  // browser cannot restore a place in a list made after the page loads); the list pages do the same (filters.js).
  if ("scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
  var place = window.history.state && typeof window.history.state.scrollY === "number" ? window.history.state : null;
  window.ScholingFilters.rememberPlace(section, function () { return { shown: limit }; });
  loadSearch().then(function (engine) {
    // What the visitor typed while the engine loaded stays; the URL gives only the filters here.
    filters.readUrl(new URLSearchParams(window.location.search));
    if (place && pageInput.value === (params.get("q") || "")) {
      show(engine, pageInput.value, place.shown).then(function () { window.ScholingFilters.restorePlace(section); });
    } else {
      show(engine, pageInput.value);
    }
    filters.onchange = function () {
      limit = PAGE_SIZE;
      render(engine, shownRequest).then(function () { return updateHelp(engine, pageInput.value); }).catch(showFailure);
      window.history.replaceState(null, "", currentUrl(pageInput.value)); // filter ticks: Back leaves the page
    };
    more.addEventListener("click", function () {
      var focusAt = limit;
      limit += PAGE_SIZE;
      render(engine, shownRequest).then(function () {
        // Keyboard and screen reader users continue at the first new result.
        var next = list.children[focusAt] && list.children[focusAt].querySelector("a");
        if (next) next.focus();
      }).catch(showFailure);
    });
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
  }).catch(showFailure);
})();
