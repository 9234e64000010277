/* Facet filters for course lists: narrow the list in place, keep the choice in the URL.
   Without JavaScript the filter panel stays hidden and visitors browse by sector, level and region.
   A list spread over pages (data-list-pages) is filtered as a whole: its courses come from the search
   data (ScholingSearch, search.js), scoped by data-list-scope, once the visitor opens the filters. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var SHOWN_AT_ONCE = 100; // cards added per "Toon meer", as many as a page of the list
  var START_WINDOWS = { "1-maand": 31, "3-maanden": 92 };

  function startBands(starts, today) {
    var bands = [];
    if (starts.indexOf("doorlopend") !== -1) {
      return ["doorlopend", "1-maand", "3-maanden"];
    }
    Object.keys(START_WINDOWS).forEach(function (band) {
      var limit = today.getTime() + START_WINDOWS[band] * DAY;
      var hit = starts.some(function (iso) {
        var time = Date.parse(iso + "T00:00:00");
        return time >= today.getTime() && time <= limit;
      });
      if (hit) bands.push(band);
    });
    return bands;
  }

  function itemFromCard(card, keys) {
    var values = {};
    keys.forEach(function (key) {
      var raw = key === "start" ? "" : card.getAttribute("data-" + key) || "";
      values[key] = raw ? raw.split(" ") : [];
    });
    values.start = (card.getAttribute("data-start") || "").split(" ").filter(Boolean);
    return { el: card, values: values };
  }

  function FilterController(section) {
    this.section = section;
    this.form = section.querySelector("[data-filter-form]");
    this.panel = section.querySelector("[data-filter-panel]");
    this.countEl = section.querySelector("[data-result-count]");
    this.chosenEl = section.querySelector("[data-filter-chosen]");
    this.list = section.querySelector("[data-course-cards]");
    this.noResults = section.querySelector("[data-no-results]");
    this.keys = [];
    var seen = {};
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]"), function (box) {
      if (!seen[box.name]) { seen[box.name] = true; this.keys.push(box.name); }
    }, this);
    var today = new Date();
    today.setHours(0, 0, 0, 0);
    this.today = today;
    this.items = [];
    if (this.list) {
      this.setItems(Array.prototype.map.call(this.list.children, function (card) {
        return itemFromCard(card, this.keys);
      }, this));
    }
    this.panel.hidden = false;
    if (window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) this.panel.open = true;
    var self = this;
    this.form.addEventListener("change", function () { self.update(true); });
    this.form.addEventListener("reset", function () { window.setTimeout(function () { self.update(true); }, 0); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.onchange = null;
    if (section.hasAttribute("data-list-pages")) this.setUpPaged();
  }

  FilterController.prototype.setUpPaged = function () {
    var self = this;
    this.paged = true;
    this.pageCards = Array.prototype.slice.call(this.list.children);
    this.pageCountHtml = this.countEl.innerHTML;
    this.pager = this.section.querySelector("[data-pager]");
    this.more = this.section.querySelector("[data-show-more]");
    this.cardTemplate = this.section.querySelector("[data-list-card-template]");
    this.base = document.body.getAttribute("data-base") || "/";
    this.catalogue = null;
    this.shownLimit = SHOWN_AT_ONCE;
    this.panel.addEventListener("toggle", function () {
      if (self.panel.open) self.loadCatalogue().then(function () { self.update(false); }, function () {});
    });
    this.more.addEventListener("click", function () {
      self.shownLimit += SHOWN_AT_ONCE;
      self.update(false);
    });
    if (this.panel.open) this.loadCatalogue().then(function () { self.update(false); }, function () {});
  };

  function searchReady() {
    if (window.ScholingSearch) return Promise.resolve(window.ScholingSearch);
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", function () { resolve(window.ScholingSearch); });
    });
  }

  /* Every course of this list (all pages), as filter items: their facet values come from the engine's
     facet sets (compact), the records a card shows only for the cards shown. */
  FilterController.prototype.loadCatalogue = function () {
    if (this.loading) return this.loading;
    var self = this;
    var scope = (this.section.getAttribute("data-list-scope") || "").split("=");
    var keys = this.keys.slice();
    this.loading = searchReady().then(function (search) { return search.load(); }).then(function (engine) {
      self.engine = engine;
      var wanted = scope[0] ? [scope[0]].concat(keys) : keys;
      return Promise.all([engine.courseCount()].concat(wanted.map(function (key) { return engine.facet(key); })))
        .then(function (answers) {
          var count = answers[0];
          var byKey = {};
          wanted.forEach(function (key, i) { byKey[key] = answers[i + 1]; });
          var inScope = scope[0] ? (byKey[scope[0]][scope[1]] || new Set()) : null;
          var items = [];
          var byOrdinal = {};
          for (var n = 0; n < count; n += 1) {
            if (inScope && !inScope.has(n)) continue;
            var values = {};
            keys.forEach(function (key) { values[key] = []; });
            byOrdinal[n] = { el: null, ordinal: n, values: values };
            items.push(byOrdinal[n]);
          }
          keys.forEach(function (key) {
            Object.keys(byKey[key]).forEach(function (value) {
              byKey[key][value].forEach(function (n) { if (byOrdinal[n]) byOrdinal[n].values[key].push(value); });
            });
          });
          items.forEach(function (item) { item.values.start = startBands(item.values.start, self.today); });
          self.catalogue = items;
        });
    });
    this.loading.catch(function () {
      self.countEl.textContent = "Filteren lukt nu niet. Bekijk de opleidingen per pagina, sector of regio.";
    });
    return this.loading;
  };

  /* Cards for these items, in their order; records are fetched for those not made before. */
  FilterController.prototype.cardsFor = function (items) {
    var self = this;
    var missing = items.filter(function (item) { return !item.el; });
    var refs = missing.map(function (item) { return self.engine.ref(item.ordinal); });
    return this.engine.records(refs).then(function (records) {
      records.forEach(function (record, i) { missing[i].el = self.card(record); });
      return items.map(function (item) { return item.el; });
    });
  };

  FilterController.prototype.card = function (record) {
    var node = this.cardTemplate.content.firstElementChild.cloneNode(true);
    var link = node.querySelector("[data-field=link]");
    link.href = this.base + record.u;
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
    return node;
  };

  /* A paged list: no choice shows the page as it came; any choice shows the matches of the whole list. */
  FilterController.prototype.updatePaged = function (fromVisitor) {
    var self = this;
    var chosen = this.selection();
    var choosing = Object.keys(chosen).length > 0;
    if (fromVisitor) this.shownLimit = SHOWN_AT_ONCE;
    if (!this.catalogue) {
      if (choosing || this.panel.open) this.loadCatalogue().then(function () { self.updatePaged(false); }, function () {});
      if (fromVisitor && this.onchange) this.onchange();
      return;
    }
    this.items = this.catalogue;
    this.updateCounts(chosen);
    if (!choosing) {
      this.request = (this.request || 0) + 1;
      this.list.replaceChildren.apply(this.list, this.pageCards);
      this.countEl.innerHTML = this.pageCountHtml;
      this.pager.hidden = false;
      this.more.hidden = true;
      if (this.noResults) this.noResults.hidden = this.pageCards.length !== 0;
    } else {
      var hits = this.catalogue.filter(function (item) { return matches(item, chosen, null); });
      var request = this.request = (this.request || 0) + 1;
      this.cardsFor(hits.slice(0, this.shownLimit)).then(function (cards) {
        if (request !== self.request) return; // the visitor chose again meanwhile
        self.list.replaceChildren.apply(self.list, cards);
      });
      var text = hits.length + (hits.length === 1 ? " opleiding" : " opleidingen");
      if (this.countEl.textContent !== text) this.countEl.textContent = text;
      this.pager.hidden = true;
      this.more.hidden = hits.length <= this.shownLimit;
      if (this.noResults) this.noResults.hidden = hits.length !== 0;
    }
    if (fromVisitor && this.onchange) this.onchange();
  };

  FilterController.prototype.setItems = function (items) {
    var today = this.today;
    items.forEach(function (item) { item.values.start = startBands(item.values.start, today); });
    this.items = items;
  };

  FilterController.prototype.selection = function () {
    var chosen = {};
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  };

  FilterController.prototype.readUrl = function (params) {
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
  };

  FilterController.prototype.writeUrl = function (params) {
    this.keys.forEach(function (key) { params.delete(key); });
    var chosen = this.selection();
    this.keys.forEach(function (key) {
      (chosen[key] || []).forEach(function (value) { params.append(key, value); });
    });
  };

  function matches(item, chosen, except) {
    return Object.keys(chosen).every(function (key) {
      if (key === except) return true;
      return chosen[key].some(function (value) { return item.values[key].indexOf(value) !== -1; });
    });
  }

  FilterController.prototype.update = function (fromVisitor) {
    if (this.paged) return this.updatePaged(fromVisitor);
    var chosen = this.selection();
    var shown = 0;
    this.items.forEach(function (item) {
      var keep = matches(item, chosen, null);
      item.kept = keep; // items without an element (search results not yet shown as cards) are drawn by their owner
      if (item.el) item.el.hidden = !keep;
      if (keep) shown += 1;
    });
    this.updateCounts(chosen);
    var total = Object.keys(chosen).reduce(function (sum, key) { return sum + chosen[key].length; }, 0);
    if (this.chosenEl) this.chosenEl.textContent = total ? "(" + total + " gekozen)" : "";
    var text = shown + (shown === 1 ? " opleiding" : " opleidingen");
    if (this.countEl.textContent !== text) this.countEl.textContent = text;
    if (this.noResults) this.noResults.hidden = shown !== 0;
    if (fromVisitor && this.onchange) this.onchange();
  };

  /* The number beside each option: courses it would show, given the other groups' choices. */
  FilterController.prototype.updateCounts = function (chosen) {
    var items = this.items;
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]"), function (box) {
      var count = 0;
      items.forEach(function (item) {
        if (item.values[box.name].indexOf(box.value) !== -1 && matches(item, chosen, box.name)) count += 1;
      });
      var label = box.parentNode;
      var countEl = label.querySelector(".filters__count");
      countEl.textContent = "(" + count + ")";
      box.disabled = count === 0 && !box.checked;
      label.classList.toggle("filters__option--empty", count === 0 && !box.checked);
    });
    var total = Object.keys(chosen).reduce(function (sum, key) { return sum + chosen[key].length; }, 0);
    if (this.chosenEl) this.chosenEl.textContent = total ? "(" + total + " gekozen)" : "";
  };

  function attach(section, options) {
    var controller = new FilterController(section);
    options = options || {};
    if (!options.manageUrl) return controller;
    controller.readUrl(new URLSearchParams(window.location.search));
    controller.update(false);
    controller.onchange = function () {
      var params = new URLSearchParams(window.location.search);
      controller.writeUrl(params);
      var query = params.toString();
      window.history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
    };
    window.addEventListener("popstate", function () {
      controller.readUrl(new URLSearchParams(window.location.search));
      controller.update(false);
    });
    return controller;
  }

  window.ScholingFilters = { attach: attach, startBands: startBands };

  document.documentElement.classList.add("js");
  Array.prototype.forEach.call(document.querySelectorAll(".course-list"), function (section) {
    if (section.querySelector("[data-filter-form]") && !section.closest("[data-search-results]")) {
      attach(section, { manageUrl: true });
    }
  });
})();
