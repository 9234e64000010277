/* Skills and occupations search: the small second index (builder/search/skills_index.py), queried with the
   same engine as the course search (search-engine.js: lunr.js parity, Dutch stemming, prefixes, one typo,
   the editors' synonyms). Loaded lazily: the engine scripts and the index's meta file come in only with the
   first call, in parallel with the course index on the search page. Needs search.js (every page has it).

   API (window.ScholingSkills):

     ScholingSkills.available()  -> boolean (sync): this site has skills or occupations to search.
     ScholingSkills.load()       -> Promise: scripts and index meta fetched (call on focus to save time).
     ScholingSkills.find(text, options) -> Promise of [hit], best first, exact names first:
         options.kinds  ["skill"], ["occupation"] or both (default both)
         options.limit  at most this many hits (default 10; 0 = no limit)
         options.all    true: every hit that matches; false (default): weak side matches dropped, as the
                        search page shows them (pick in builder/search/skills_index.py, same numbers)
       hit = {kind: "skill"|"occupation", id (as in content/), label: "Vaardigheid"|"Beroep", title,
              text (description), meta ("Vaardigheid · Logistiek en vervoer", "Techniek · Grote kans op werk"),
              path (site-relative, "vaardigheden/heftruck-rijden/"), url (with the site's base path),
              score, exact (true when the text is the name or another name)}
       An empty text, or one of stopwords only, gives []. Fails (rejects) when the index cannot be fetched.

   Example (the skills passport adds skills by typing):
     ScholingSkills.find("heftruk", {kinds: ["skill"], limit: 8}).then(function (hits) { ... hits[0].id ... });

   A page that uses the API includes this file (base.html's search.js loads lunr and the engine):
     {% if search_files.skills is defined %}<script src="{{ asset('skills-search.js') }}" defer></script>{% endif %}

   Also: on a page with [data-skill-filter] (/vaardigheden/) it filters the list of skills as a visitor types
   (every skill that matches, by the same search; the filter is kept in the address as ?q=).
*/
(function () {
  "use strict";

  var body = document.body;
  var metaUrl = body.getAttribute("data-search-skills");
  var base = body.getAttribute("data-base") || "/";
  var opening = null;
  var MIN_SHARE_OF_BEST = 0.4;
  var RECORD_WINDOW = 50; // records fetched to find exact names among the best hits (all of them for limit 0)

  /* search.js loads lunr and the engine for every index; a page may list this file before search.js, so
     wait until every deferred script has run. */
  var pageReady = new Promise(function (resolve) {
    if (document.readyState === "complete") return resolve();
    document.addEventListener("DOMContentLoaded", resolve);
    window.addEventListener("load", resolve);
  });
  function scripts() {
    return pageReady.then(function () {
      if (!window.ScholingSearch) throw new Error("search.js ontbreekt op deze pagina");
      return window.ScholingSearch.scripts();
    });
  }

  function load() {
    if (!metaUrl) return Promise.reject(new Error("deze site heeft geen vaardigheden om te zoeken"));
    if (!opening) {
      opening = scripts().then(function () {
        var engine = window.ScholingSearchEngine.open({ meta: metaUrl });
        return engine.ready().then(function () { return engine; });
      });
      opening.catch(function () { opening = null; });
    }
    return opening;
  }

  /* The words, lower case, without accents: exact_key in builder/search/vocabulary.py. */
  function exactKey(text) {
    var engine = window.ScholingSearchEngine;
    return engine.tokenize(text).map(engine.fold).join(" ");
  }

  function isExact(key, record) {
    return exactKey(record.t) === key || (record.e || []).indexOf(key) !== -1;
  }

  function find(text, options) {
    options = options || {};
    var kinds = options.kinds || ["occupation", "skill"];
    var limit = options.limit === undefined ? 10 : options.limit;
    return load().then(function (engine) {
      return engine.query(text || "").then(function (results) {
        results = results.filter(function (result) { return kinds.indexOf(result.kind) !== -1; });
        var head = limit ? results.slice(0, Math.max(RECORD_WINDOW, limit)) : results;
        return engine.records(head.map(function (result) { return result.ref; })).then(function (records) {
          var key = exactKey(text || "");
          var hits = head.map(function (result, i) {
            var record = records[i];
            return {
              kind: result.kind,
              id: record.i,
              label: record.k,
              title: record.t,
              text: record.d,
              meta: record.m || "",
              path: record.u,
              url: base + record.u,
              score: result.score,
              exact: isExact(key, record)
            };
          });
          var best = hits.reduce(function (top, hit) { return Math.max(top, hit.score); }, 0);
          var exact = hits.filter(function (hit) { return hit.exact; });
          var rest = hits.filter(function (hit) { return !hit.exact && (options.all || hit.score >= MIN_SHARE_OF_BEST * best); });
          var shown = exact.concat(rest);
          return limit ? shown.slice(0, limit) : shown;
        });
      });
    });
  }

  window.ScholingSkills = {
    available: function () { return Boolean(metaUrl); },
    load: load,
    find: find
  };

  /* /vaardigheden/: the list stays complete without JavaScript; with it, a box filters the list. */
  var filter = document.querySelector("[data-skill-filter]");
  if (!filter || !metaUrl) return;
  var input = filter.querySelector("input");
  var status = filter.querySelector("[data-skill-filter-status]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-skill-group]"));
  var jumps = document.querySelector("[data-skill-jumps]");
  var noJs = document.querySelector("[data-skill-filter-no-js]");
  var request = 0, timer = null;
  filter.hidden = false;
  if (noJs) noJs.hidden = true;

  function showAll() {
    groups.forEach(function (group) {
      group.hidden = false;
      Array.prototype.forEach.call(group.querySelectorAll("[data-skill-id]"), function (item) { item.hidden = false; });
    });
    if (jumps) jumps.hidden = false;
    status.textContent = "";
  }

  function apply(text) {
    var mine = ++request;
    if (!text.trim()) { showAll(); return; }
    find(text, { kinds: ["skill"], limit: 0, all: true }).then(function (hits) {
      if (mine !== request) return;
      var found = {};
      hits.forEach(function (hit) { found[hit.id] = true; });
      var count = 0;
      groups.forEach(function (group) {
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("[data-skill-id]"), function (item) {
          item.hidden = !found[item.getAttribute("data-skill-id")];
          if (!item.hidden) visible++;
        });
        group.hidden = visible === 0;
        count += visible;
      });
      if (jumps) jumps.hidden = true; // links to groups that may be hidden would lead nowhere
      status.textContent = count === 0
        ? "Geen vaardigheid gevonden voor \u2018" + text.trim() + "\u2019. Probeer een ander woord, of wis het zoekvak om alles te zien."
        : (count === 1 ? "1 vaardigheid" : count + " vaardigheden") + " gevonden voor \u2018" + text.trim() + "\u2019.";
    }).catch(function () {
      if (mine !== request) return;
      showAll();
      status.textContent = "Zoeken lukt nu niet. Hieronder staan alle vaardigheden per groep.";
    });
  }

  /* The filter lives in the address (?q=heftruck), so a filtered list can be shared and survives a reload. */
  function remember(text) {
    var params = new URLSearchParams(window.location.search);
    if (text.trim()) params.set("q", text.trim()); else params.delete("q");
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { apply(input.value); remember(input.value); }, 120);
  });
  filter.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    apply(input.value);
    remember(input.value);
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) input.value = asked;
  if (input.value) apply(input.value); // from the address, or restored by the browser on "back"
})();
