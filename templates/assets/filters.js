/* Facet filters for course lists: narrow the list in place, keep the choice in the URL.
   Without JavaScript the filter panel stays hidden and visitors browse by sector, level and region. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
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
  }

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
    var chosen = this.selection();
    var shown = 0;
    this.items.forEach(function (item) {
      var keep = matches(item, chosen, null);
      item.kept = keep; // items without an element (search results not yet shown as cards) are drawn by their owner
      if (item.el) item.el.hidden = !keep;
      if (keep) shown += 1;
    });
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
    var text = shown + (shown === 1 ? " opleiding" : " opleidingen");
    if (this.countEl.textContent !== text) this.countEl.textContent = text;
    if (this.noResults) this.noResults.hidden = shown !== 0;
    if (fromVisitor && this.onchange) this.onchange();
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
