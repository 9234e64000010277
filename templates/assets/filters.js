/* Course lists: filter, sort and "in de buurt van", with the choice in the URL (replaced, not pushed: Back
   leaves the page). On narrow screens the results come first and the filters open in a full-screen <dialog>
   with a "Toon N opleidingen" button; chosen filters show as removable chips above the results at any width.
   Without JavaScript none of this shows: visitors browse by sector, level, region and place pages.
   A list spread over pages (data-list-pages) is filtered and sorted as a whole: its courses come from the
   search data (ScholingSearch in search.js: facet sets and sort orders), scoped by data-list-scope.
   The search page (search.js) hands its results in with setItems() and draws them itself. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var SHOWN_AT_ONCE = 100; // cards added per "Toon meer", as many as a page of the list
  var START_WINDOWS = { "1-maand": 31, "3-maanden": 92 };
  var WIDE = "(min-width: 60rem)";
  var FEW = 3; // at most this many results: offer to take away the filter that holds back the most
  var RADII = ["10", "25", "50"];
  var DEFAULT_KM = "25";
  var EARTH_RADIUS_KM = 6371.0088;

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

  /* Sorting by first start, as the build's "start" order: 'doorlopend' now, then the first date, then none. */
  function startValue(starts, today) {
    if (starts.indexOf("doorlopend") !== -1) return -1;
    var times = starts.map(function (iso) { return Date.parse(iso + "T00:00:00"); }).filter(function (time) {
      return time >= today.getTime();
    });
    if (!times.length) times = starts.map(function (iso) { return Date.parse(iso + "T00:00:00"); });
    return times.length ? Math.min.apply(null, times) : Infinity;
  }

  /* As the crow flies, like builder/model.py distance_km. */
  function distanceKm(a, b) {
    var rad = Math.PI / 180;
    var lat1 = a.lat * rad, lat2 = b.lat * rad, dlat = lat2 - lat1, dlon = (b.lon - a.lon) * rad;
    var h = Math.pow(Math.sin(dlat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function words(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function itemFromCard(card, keys, position, today) {
    var values = {};
    keys.forEach(function (key) {
      var raw = key === "start" ? "" : card.getAttribute("data-" + key) || "";
      values[key] = raw ? raw.split(" ") : [];
    });
    var starts = (card.getAttribute("data-start") || "").split(" ").filter(Boolean);
    values.start = starts;
    var price = card.getAttribute("data-price");
    var form = (card.getAttribute("data-vorm") || "").split(" ");
    return {
      el: card,
      values: values,
      places: (card.getAttribute("data-plaats") || "").split(" ").filter(Boolean),
      online: form.indexOf("online") !== -1,
      sort: { title: position, start: startValue(starts, today), price: price ? Number(price) : Infinity }
    };
  }

  function searchReady() {
    if (window.ScholingSearch) return Promise.resolve(window.ScholingSearch);
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", function () { resolve(window.ScholingSearch); });
    });
  }

  function FilterController(section, options) {
    var self = this;
    this.section = section;
    this.external = !options.manageUrl; // the search page draws its own cards
    this.form = section.querySelector("[data-filter-form]");
    this.sidebar = section.querySelector("[data-filter-sidebar]");
    this.dialog = section.querySelector("[data-filter-dialog]");
    this.slot = section.querySelector("[data-filter-slot]");
    this.openButton = section.querySelector("[data-filter-open]");
    this.doneButton = section.querySelector("[data-filter-done]");
    this.chipsBox = section.querySelector("[data-filter-chips]");
    this.chipList = section.querySelector("[data-chip-list]");
    this.sortSelect = section.querySelector("[data-sort]");
    this.countEl = section.querySelector("[data-result-count]");
    this.chosenEl = section.querySelector("[data-filter-chosen]");
    this.list = section.querySelector("[data-course-cards]");
    this.noResults = section.querySelector("[data-no-results]");
    this.few = section.querySelector("[data-few-results]");
    this.nearBox = section.querySelector("[data-near]");
    this.nearInput = section.querySelector("[data-near-place]");
    this.nearList = section.querySelector("[data-near-list]");
    this.nearKm = section.querySelector("[data-near-km]");
    this.nearOnline = section.querySelector("[data-near-online]");
    this.nearMessage = section.querySelector("[data-near-message]");
    this.boxes = Array.prototype.slice.call(this.form.querySelectorAll("input[type=checkbox][name]"));
    this.keys = [];
    var seen = {};
    this.boxes.forEach(function (box) {
      if (!seen[box.name]) { seen[box.name] = true; self.keys.push(box.name); }
      var label = box.labels && box.labels[0];
      box.chipLabel = label ? label.firstChild.textContent.trim() : box.value;
      var group = box.closest("fieldset").querySelector("legend");
      box.groupLabel = group ? group.textContent.trim() : "";
    });
    var today = new Date();
    today.setHours(0, 0, 0, 0);
    this.today = today;
    this.near = null; // {id, name, lat, lon, own}
    this.sort = "";
    this.hasQuery = false;
    this.items = [];
    this.onchange = null;
    if (this.list && !this.external) {
      this.setItems(Array.prototype.map.call(this.list.children, function (card, position) {
        return itemFromCard(card, self.keys, position, today);
      }));
    }
    if (this.external) {
      // Search results: best match first unless the visitor sorts; no places on them (yet), so no distance.
      this.nearBox.hidden = true;
      this.hasQuery = true;
      this.defaultSort = this.sort = "relevantie";
      Array.prototype.forEach.call(this.sortSelect.options, function (o) {
        if (o.value === "" || o.value === "afstand") o.hidden = o.disabled = true;
      });
      this.sortOptionsFit();
    } else {
      this.defaultSort = "";
    }
    section.querySelector("[data-list-tools]").hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll("[data-needs-filters]"), function (el) { el.hidden = false; });
    this.setUpLayout();
    this.setUpChips();
    this.setUpSort();
    this.setUpNear();
    this.form.addEventListener("change", function (event) {
      if (event.target.name) self.update(true);
    });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () {
        self.setNear(null, false);
        self.update(true);
      }, 0);
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (section.hasAttribute("data-list-pages")) this.setUpPaged();
  }

  /* Wide screens: the form in a sidebar beside the results. Narrow: in a full-screen dialog behind a button. */
  FilterController.prototype.setUpLayout = function () {
    var self = this;
    var canDialog = typeof this.dialog.showModal === "function";
    var wide = window.matchMedia ? window.matchMedia(WIDE) : { matches: true };
    var place = function () {
      var inSidebar = wide.matches || !canDialog;
      if (inSidebar) {
        if (self.dialog.open) self.dialog.close();
        if (self.form.parentNode !== self.sidebar) self.sidebar.appendChild(self.form);
      } else if (self.form.parentNode !== self.slot) {
        self.slot.appendChild(self.form);
      }
      self.sidebar.hidden = !inSidebar;
      self.openButton.hidden = inSidebar;
      self.section.classList.toggle("course-list--sidebar", inSidebar);
      if (inSidebar && self.paged) self.loadCatalogue().then(function () { self.update(false); }, function () {});
    };
    this.placeForm = place;
    if (wide.addEventListener) wide.addEventListener("change", place);
    place();
    this.openButton.addEventListener("click", function () {
      self.dialog.showModal();
      if (self.paged) self.loadCatalogue().then(function () { self.update(false); }, function () {});
    });
    var close = function () { self.dialog.close(); };
    this.section.querySelector("[data-filter-close]").addEventListener("click", close);
    this.doneButton.addEventListener("click", close);
    this.dialog.addEventListener("close", function () {
      if (!self.openButton.hidden) self.openButton.focus();
    });
  };

  FilterController.prototype.setUpChips = function () {
    var self = this;
    this.section.querySelector("[data-filter-clear]").addEventListener("click", function () {
      self.form.reset();
      self.openButton.hidden ? self.sortSelect.focus() : self.openButton.focus();
    });
    this.chipList.addEventListener("click", function (event) {
      var chip = event.target.closest("button");
      if (!chip) return;
      var next = chip.parentNode.nextElementSibling || chip.parentNode.previousElementSibling;
      var nextKey = next ? next.firstElementChild.getAttribute("data-chip") : null;
      self.remove(chip.getAttribute("data-chip"));
      // Keyboard users stay among the chips; after the last one, at the list's tools.
      var target = nextKey && self.chipList.querySelector('[data-chip="' + nextKey + '"]');
      if (target) target.focus(); else (self.openButton.hidden ? self.sortSelect : self.openButton).focus();
    });
  };

  /* Take one choice away: "near" or "key=value". */
  FilterController.prototype.remove = function (chip) {
    if (chip === "near") {
      this.setNear(null, true);
      return;
    }
    this.boxes.forEach(function (box) {
      if (box.name + "=" + box.value === chip) box.checked = false;
    });
    this.update(true);
  };

  FilterController.prototype.setUpSort = function () {
    var self = this;
    this.sortSelect.addEventListener("change", function () {
      self.sort = self.sortSelect.value;
      self.sortChosen = true;
      self.update(true);
    });
  };

  FilterController.prototype.sortOptionsFit = function () {
    var self = this;
    Array.prototype.forEach.call(this.sortSelect.options, function (option) {
      var needs = option.getAttribute("data-needs");
      // offered once it can work: after a place (or a search) is given; short, so every choice fits a phone's box
      if (needs === "place") option.hidden = option.disabled = !self.near;
      if (needs === "query") option.hidden = option.disabled = !self.hasQuery;
    });
    var current = Array.prototype.filter.call(this.sortSelect.options, function (o) { return o.value === self.sort; })[0];
    if (!current || current.disabled) this.sort = this.defaultSort;
    this.sortSelect.value = this.sort;
  };

  /* "In de buurt van": a place from the published list (data/plaatsen.json), or the visitor's own location. */
  FilterController.prototype.setUpNear = function () {
    var self = this;
    if (this.external) return;
    var loadList = function () { self.loadPlaces().catch(function () {}); };
    this.nearInput.addEventListener("focus", loadList);
    this.nearInput.addEventListener("input", function () {
      var value = self.nearInput.value;
      if (!value.trim()) {
        if (self.near && !self.near.own) self.setNear(null, true);
        return;
      }
      // A pick from the suggestions arrives as the full name: take it at once.
      self.loadPlaces().then(function (places) {
        var exact = places.filter(function (p) { return fold(p.name) === fold(value); });
        if (exact.length === 1 && self.nearInput.value === value) self.choosePlaceNamed(value, false);
      });
    });
    this.nearInput.addEventListener("change", function () {
      if (self.nearInput.value.trim()) self.choosePlaceNamed(self.nearInput.value, true);
    });
    this.nearInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        self.choosePlaceNamed(self.nearInput.value, true);
      }
    });
    this.nearKm.addEventListener("change", function () { if (self.near) self.update(true); });
    this.nearOnline.addEventListener("change", function () { if (self.near) self.update(true); });
    this.section.querySelector("[data-near-me]").addEventListener("click", function () { self.useOwnLocation(); });
  };

  FilterController.prototype.loadPlaces = function () {
    var self = this;
    if (!this.placesLoading) {
      this.placesLoading = fetch(this.section.getAttribute("data-places")).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        self.places = data.places;
        self.placeById = {};
        data.places.forEach(function (p) { self.placeById[p.id] = p; });
        var options = document.createDocumentFragment();
        data.places.forEach(function (p) {
          var option = document.createElement("option");
          option.value = p.name;
          option.textContent = p.name + " (" + p.province + ")";
          options.appendChild(option);
        });
        self.nearList.replaceChildren(options);
        return data.places;
      });
      this.placesLoading.catch(function () {
        self.placesLoading = null;
        self.say("De lijst met plaatsen laadt nu niet. Probeer het later nog eens, of kies een regio.");
      });
    }
    return this.placesLoading;
  };

  FilterController.prototype.say = function (text) {
    if (this.nearMessage.textContent !== text) this.nearMessage.textContent = text;
  };

  FilterController.prototype.choosePlaceNamed = function (name, explain) {
    var self = this;
    return this.loadPlaces().then(function (places) {
      var wanted = fold(name);
      if (!wanted) return self.setNear(null, true);
      var exact = places.filter(function (p) { return fold(p.name) === wanted; });
      var starting = places.filter(function (p) { return fold(p.name).indexOf(wanted) === 0; });
      var found = exact.length ? exact : starting;
      if (found.length === 1) {
        self.say("");
        return self.setNear(found[0], true);
      }
      if (!explain) return;
      if (found.length > 1) {
        self.say("Welke plaats bedoel je: " + found.slice(0, 5).map(function (p) { return p.name; }).join(", ") + "?");
        return;
      }
      var inside = places.filter(function (p) { return fold(p.name).indexOf(wanted) !== -1 || fold(p.municipality) === wanted; });
      self.say("We kennen de plaats \u2018" + name.trim() + "\u2019 niet." +
        (inside.length ? " Bedoel je " + inside.slice(0, 3).map(function (p) { return p.name; }).join(" of ") + "?" :
          " Kies een plaats uit de lijst, bijvoorbeeld de grootste plaats bij jou in de buurt."));
    }, function () {});
  };

  FilterController.prototype.useOwnLocation = function () {
    var self = this;
    if (!navigator.geolocation) {
      this.say("Je browser kan je locatie niet doorgeven. Typ je plaats in het vak hierboven.");
      return;
    }
    this.say("Even zoeken waar je bent\u2026");
    navigator.geolocation.getCurrentPosition(function (position) {
      self.loadPlaces().catch(function () { return []; }).then(function (places) {
        var here = { own: true, id: "", name: "je locatie", lat: position.coords.latitude, lon: position.coords.longitude };
        var closest = (places || []).reduce(function (best, p) {
          var km = distanceKm(here, p);
          return !best || km < best.km ? { place: p, km: km } : best;
        }, null);
        self.nearInput.value = "";
        self.say("We gebruiken je locatie" + (closest ? " (bij " + closest.place.name + ")" : "") +
          ". Die bewaren we niet en staat niet in de link.");
        self.setNear(here, true);
      });
    }, function (error) {
      if (error.code === 1) {
        self.say("Je hebt geen toestemming gegeven om je locatie te gebruiken. Dat is goed: typ dan je plaats in het vak hierboven.");
      } else {
        self.say("We konden je locatie niet vinden. Typ je plaats in het vak hierboven.");
      }
    }, { timeout: 15000, maximumAge: 10 * 60 * 1000 });
  };

  FilterController.prototype.setNear = function (place, fromVisitor) {
    var had = !!this.near;
    this.near = place;
    if (place && !place.own) this.nearInput.value = place.name;
    if (!place) {
      this.nearInput.value = "";
      if (had) this.say("");
    }
    if (place && !had && (this.sort === "" || !this.sortChosen)) this.sort = "afstand";
    if (!place && this.sort === "afstand") this.sort = "";
    if (place && this.paged && !this.catalogue) {
      var self = this;
      this.loadCatalogue().then(function () { self.update(fromVisitor); }, function () {});
      return;
    }
    this.update(fromVisitor);
  };

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
    this.more.addEventListener("click", function () {
      var focusAt = self.shownLimit;
      self.shownLimit += SHOWN_AT_ONCE;
      self.update(false).then(function () {
        var next = self.list.children[focusAt] && self.list.children[focusAt].querySelector("a");
        if (next) next.focus();
      });
    });
    if (!this.sidebar.hidden) this.loadCatalogue().then(function () { self.update(false); }, function () {});
  };

  /* Every course of this list (all pages), as items: facet values from the engine's facet sets, sort ranks
     from its sort orders (the same for every page), records only for the cards shown. */
  FilterController.prototype.loadCatalogue = function () {
    if (this.loading) return this.loading;
    var self = this;
    var scope = (this.section.getAttribute("data-list-scope") || "").split("=");
    var keys = this.keys.slice();
    var wanted = (scope[0] ? [scope[0]] : []).concat(keys, ["plaats", "vorm"]);
    this.loading = searchReady().then(function (search) { return search.load(); }).then(function (engine) {
      self.engine = engine;
      return Promise.all([engine.courseCount(), engine.sortKeys("title"), engine.sortKeys("start"), engine.sortKeys("price")]
        .concat(wanted.map(function (key) { return engine.facet(key); })))
        .then(function (answers) {
          var count = answers[0], ranks = { title: answers[1], start: answers[2], price: answers[3] };
          var byKey = {};
          wanted.forEach(function (key, i) { byKey[key] = answers[i + 4]; });
          var inScope = scope[0] ? (byKey[scope[0]][scope[1]] || new Set()) : null;
          var items = [];
          var byOrdinal = {};
          for (var n = 0; n < count; n += 1) {
            if (inScope && !inScope.has(n)) continue;
            var values = {};
            keys.forEach(function (key) { values[key] = []; });
            byOrdinal[n] = {
              el: null, ordinal: n, values: values, places: [], online: false,
              sort: { title: ranks.title[n], start: ranks.start[n], price: ranks.price[n] }
            };
            items.push(byOrdinal[n]);
          }
          keys.forEach(function (key) {
            Object.keys(byKey[key]).forEach(function (value) {
              byKey[key][value].forEach(function (n) { if (byOrdinal[n]) byOrdinal[n].values[key].push(value); });
            });
          });
          Object.keys(byKey.plaats).forEach(function (id) {
            byKey.plaats[id].forEach(function (n) { if (byOrdinal[n]) byOrdinal[n].places.push(id); });
          });
          (byKey.vorm.online || new Set()).forEach(function (n) { if (byOrdinal[n]) byOrdinal[n].online = true; });
          items.forEach(function (item) { item.values.start = startBands(item.values.start, self.today); });
          self.catalogue = items;
        });
    });
    this.loading.catch(function () { self.failed(); });
    return this.loading;
  };

  /* The search data did not load: say which filters from the link could not be used, and where to look instead. */
  FilterController.prototype.failed = function () {
    var box = this.section.querySelector("[data-filters-failed]");
    var links = box.querySelector("[data-filters-failed-links]");
    var chosen = this.boxes.filter(function (b) { return b.checked; });
    links.textContent = "";
    chosen.forEach(function (b) {
      if (!b.getAttribute("data-browse")) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = b.getAttribute("data-browse");
      a.textContent = "Alle opleidingen: " + b.chipLabel;
      li.appendChild(a);
      links.appendChild(li);
    });
    var text = "Filteren lukt nu niet.";
    if (chosen.length || this.near) {
      text += " Deze keuzes zijn niet gebruikt: " + chosen.map(function (b) { return b.chipLabel; })
        .concat(this.near ? ["in de buurt van " + this.near.name] : []).join(", ") + ". Je ziet de opleidingen per pagina.";
    }
    box.querySelector("[data-filters-failed-text]").textContent = text;
    box.hidden = false;
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

  FilterController.prototype.setItems = function (items) {
    var today = this.today;
    items.forEach(function (item) { item.values.start = startBands(item.values.start, today); });
    this.items = items;
  };

  FilterController.prototype.selection = function () {
    var chosen = {};
    this.boxes.forEach(function (box) {
      if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  };

  FilterController.prototype.readUrl = function (params) {
    var wanted = params.getAll.bind(params);
    var legacyOnline = params.getAll("regio").indexOf("online") !== -1; // 'Online' moved from Regio to Vorm
    this.boxes.forEach(function (box) {
      box.checked = wanted(box.name).indexOf(box.value) !== -1 || (legacyOnline && box.name === "vorm" && box.value === "online");
    });
    var sort = params.get("sorteer") || this.defaultSort;
    this.sort = Array.prototype.some.call(this.sortSelect.options, function (o) { return o.value === sort && !o.hidden; }) ? sort : this.defaultSort;
    this.sortChosen = !!params.get("sorteer");
    if (this.external) {
      this.sortSelect.value = this.sort;
      return;
    }
    var km = params.get("km");
    this.nearKm.value = RADII.indexOf(km) !== -1 ? km : DEFAULT_KM;
    this.nearOnline.checked = params.get("online") !== "nee";
    var placeId = params.get("bij");
    var own = window.history.state && window.history.state.ownLocation;
    var self = this;
    if (own && !placeId) {
      this.near = { own: true, id: "", name: "je locatie", lat: own.lat, lon: own.lon };
    } else if (placeId) {
      this.near = null;
      this.pendingNear = this.loadPlaces().then(function () {
        var place = self.placeById[placeId];
        if (!place) return;
        self.near = place;
        self.nearInput.value = place.name;
        if (!self.sortChosen) self.sort = "afstand";
      }, function () {});
    } else {
      this.near = null;
      this.nearInput.value = "";
    }
  };

  FilterController.prototype.writeUrl = function (params) {
    this.keys.forEach(function (key) { params.delete(key); });
    var chosen = this.selection();
    this.keys.forEach(function (key) {
      (chosen[key] || []).forEach(function (value) { params.append(key, value); });
    });
    params.delete("sorteer");
    if (this.external) {
      if (this.sort !== this.defaultSort) params.set("sorteer", this.sort);
      return;
    }
    ["bij", "km", "online"].forEach(function (key) { params.delete(key); });
    if (this.near && !this.near.own) params.set("bij", this.near.id);
    if (this.near && this.nearKm.value !== DEFAULT_KM) params.set("km", this.nearKm.value);
    if (this.near && !this.nearOnline.checked) params.set("online", "nee");
    if (this.sort && !(this.sort === "afstand" && this.near && !this.sortChosen)) params.set("sorteer", this.sort);
  };

  function matches(item, chosen, except) {
    return Object.keys(chosen).every(function (key) {
      if (key === except) return true;
      return chosen[key].some(function (value) { return item.values[key].indexOf(value) !== -1; });
    });
  }

  /* Distance of each item to the chosen place (its nearest location); null for courses without a place. */
  FilterController.prototype.measure = function (items) {
    var near = this.near, byId = this.placeById || {};
    items.forEach(function (item) {
      item.km = null;
      item.nearest = null;
      if (!near || !item.places) return;
      item.places.forEach(function (id) {
        var place = byId[id];
        if (!place) return;
        var km = place.id === near.id ? 0 : distanceKm(near, place);
        if (item.km === null || km < item.km) { item.km = km; item.nearest = place; }
      });
    });
  };

  FilterController.prototype.nearOk = function (item) {
    if (!this.near || this.external) return true;
    if (item.km !== null) return item.km <= Number(this.nearKm.value);
    return item.online && this.nearOnline.checked;
  };

  FilterController.prototype.ordered = function (items) {
    var sort = this.sort;
    var key = sort === "start" ? "start" : sort === "prijs" ? "price" : "title";
    return items.slice().sort(function (a, b) {
      if (sort === "afstand") {
        var da = a.km === null ? Infinity : a.km, db = b.km === null ? Infinity : b.km;
        if (da !== db) return da - db;
      }
      return (a.sort[key] - b.sort[key]) || (a.sort.title - b.sort.title);
    });
  };

  /* The search page's kept results in the chosen order: as ranked, or by the search data's sort orders. */
  FilterController.prototype.arrange = function (items, engine) {
    var key = this.sort === "start" ? "start" : this.sort === "prijs" ? "price" : null;
    if (!key) return Promise.resolve(items);
    return engine.sortKeys(key).then(function (ranks) {
      return items.map(function (item, i) { return { item: item, rank: ranks[engine.ordinal(item.ref)], i: i }; })
        .sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
        .map(function (entry) { return entry.item; });
    });
  };

  FilterController.prototype.distanceText = function (item) {
    var near = this.near;
    if (item.km === null) return item.online ? "Online: volg je waar je ook woont" : "";
    var where = near.own ? "van je locatie" : "van " + near.name;
    if (item.nearest && item.nearest.id === near.id) return "In " + near.name;
    var km = Math.round(item.km);
    return (km < 1 ? "Minder dan 1 km " : km + " km ") + where + (near.own ? " (" + item.nearest.name + ")" : " (in " + item.nearest.name + ")");
  };

  FilterController.prototype.decorate = function (item) {
    if (!item.el) return;
    var old = item.el.querySelector(".course-card__distance");
    var text = this.near ? this.distanceText(item) : "";
    if (!text) {
      if (old) old.remove();
      return;
    }
    if (!old) {
      old = document.createElement("p");
      old.className = "course-card__distance";
      var provider = item.el.querySelector(".course-card__provider");
      provider.parentNode.insertBefore(old, provider.nextSibling);
    }
    if (old.textContent !== text) old.textContent = text;
  };

  /* Apply the choice: which items are kept, in what order; cards, counts, chips, URL. A promise for paged lists. */
  FilterController.prototype.update = function (fromVisitor) {
    var self = this;
    var chosen = this.selection();
    var choosing = Object.keys(chosen).length > 0 || !!this.near;
    if (this.paged) {
      if (fromVisitor) this.shownLimit = SHOWN_AT_ONCE;
      if (!this.catalogue && (choosing || this.sort)) {
        this.loadCatalogue().then(function () { self.update(false); }, function () {});
      }
      if (this.catalogue) this.items = this.catalogue;
    }
    this.measure(this.items);
    var kept = [];
    this.items.forEach(function (item) {
      item.kept = matches(item, chosen, null) && self.nearOk(item);
      if (item.kept) kept.push(item);
    });
    var hits = this.external ? kept : this.ordered(kept);
    this.sortOptionsFit();
    this.updateCounts(chosen);
    this.showChips();
    var drawn;
    if (this.paged) {
      drawn = this.drawPaged(hits, choosing || !!this.sort);
    } else {
      if (!this.external) {
        var hidden = this.items.filter(function (item) { return !item.kept; });
        var order = hits.concat(hidden);
        var same = order.every(function (item, i) { return self.list.children[i] === item.el; });
        if (!same) this.list.replaceChildren.apply(this.list, order.map(function (item) { return item.el; }));
      }
      this.items.forEach(function (item) {
        if (item.el) item.el.hidden = !item.kept;
        self.decorate(item);
      });
      this.showCount(hits.length);
      drawn = Promise.resolve();
    }
    this.showFew(hits.length, chosen);
    if (fromVisitor && this.onchange) this.onchange();
    return drawn;
  };

  FilterController.prototype.countText = function (count) {
    var text = words(count, "opleiding", "opleidingen");
    if (this.near && !this.external) {
      var online = this.items.filter(function (item) { return item.kept && item.km === null; }).length;
      var where = this.near.own ? "je locatie" : this.near.name;
      text += online ? ": " + (count - online) + " tot " + this.nearKm.value + " km van " + where + ", " + online + " online" :
        " tot " + this.nearKm.value + " km van " + where;
    }
    return text;
  };

  FilterController.prototype.showCount = function (count) {
    var text = this.countText(count);
    if (this.countEl.textContent !== text) this.countEl.textContent = text;
    var done = "Toon " + words(count, "opleiding", "opleidingen");
    if (this.doneButton.textContent !== done) this.doneButton.textContent = done;
    if (this.noResults) this.noResults.hidden = count !== 0;
  };

  /* A paged list: no choice and the usual order show the page as it came; otherwise the whole list. */
  FilterController.prototype.drawPaged = function (hits, whole) {
    var self = this;
    if (!whole || !this.catalogue) {
      this.request = (this.request || 0) + 1;
      this.list.replaceChildren.apply(this.list, this.pageCards);
      this.pageCards.forEach(function (card) { card.hidden = false; });
      this.countEl.innerHTML = this.pageCountHtml;
      var done = "Toon " + (this.catalogue ? words(hits.length, "opleiding", "opleidingen") : "opleidingen");
      if (this.doneButton.textContent !== done) this.doneButton.textContent = done;
      if (this.pager) this.pager.hidden = false;
      this.more.hidden = true;
      if (this.noResults) this.noResults.hidden = this.pageCards.length !== 0;
      return Promise.resolve();
    }
    var request = this.request = (this.request || 0) + 1;
    var shown = hits.slice(0, this.shownLimit);
    this.showCount(hits.length);
    if (this.pager) this.pager.hidden = true;
    this.more.hidden = hits.length <= this.shownLimit;
    return this.cardsFor(shown).then(function (cards) {
      if (request !== self.request) return; // the visitor chose again meanwhile
      shown.forEach(function (item) { item.el.hidden = false; self.decorate(item); });
      self.list.replaceChildren.apply(self.list, cards);
    });
  };

  /* The number beside each option: courses it would show, given the other groups' choices. */
  FilterController.prototype.updateCounts = function (chosen) {
    var self = this;
    var items = this.items;
    var counting = !this.paged || this.catalogue;
    this.boxes.forEach(function (box) {
      var label = box.parentNode;
      var countEl = label.querySelector(".filters__count");
      if (!counting) {
        countEl.textContent = "";
        return;
      }
      var count = 0;
      items.forEach(function (item) {
        if (item.values[box.name].indexOf(box.value) !== -1 && matches(item, chosen, box.name) && self.nearOk(item)) count += 1;
      });
      countEl.textContent = "(" + count + ")";
      box.disabled = count === 0 && !box.checked;
      label.classList.toggle("filters__option--empty", count === 0 && !box.checked);
    });
  };

  /* The chosen filters as buttons that take them away, above the results; the count on the Filters button. */
  FilterController.prototype.showChips = function () {
    var chips = [];
    if (this.near && !this.external) {
      chips.push({ key: "near", text: "Tot " + this.nearKm.value + " km van " + this.near.name, group: "In de buurt" });
    }
    this.boxes.forEach(function (box) {
      if (box.checked) chips.push({ key: box.name + "=" + box.value, text: box.chipLabel, group: box.groupLabel });
    });
    var signature = chips.map(function (c) { return c.key + c.text; }).join("|");
    if (signature !== this.chipSignature) {
      this.chipSignature = signature;
      var items = chips.map(function (chip) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.setAttribute("data-chip", chip.key);
        var text = document.createElement("span");
        text.textContent = chip.text;
        var hint = document.createElement("span");
        hint.className = "visually-hidden";
        hint.textContent = " (" + chip.group + "): weghalen";
        var cross = document.createElement("span");
        cross.className = "chip__cross";
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "\u00d7";
        button.append(text, hint, cross);
        li.appendChild(button);
        return li;
      });
      this.chipList.replaceChildren.apply(this.chipList, items);
      this.chipsBox.hidden = chips.length === 0;
    }
    // A small number on the button (room for the sort beside it on a phone); read out as "(2 gekozen)".
    var total = chips.length;
    if (this.chosenTotal !== total) {
      this.chosenTotal = total;
      this.chosenEl.textContent = "";
      if (total) {
        var badge = document.createElement("span");
        badge.className = "list-tools__badge";
        badge.setAttribute("aria-hidden", "true");
        badge.textContent = total;
        var spoken = document.createElement("span");
        spoken.className = "visually-hidden";
        spoken.textContent = " (" + total + " gekozen)";
        this.chosenEl.append(badge, spoken);
      }
    }
  };

  /* Few or no results: offer to take away the one choice that brings back the most courses. */
  FilterController.prototype.showFew = function (count, chosen) {
    var self = this;
    if (!this.few) return;
    var choices = [];
    Object.keys(chosen).forEach(function (key) {
      chosen[key].forEach(function (value) { choices.push({ key: key, value: value }); });
    });
    if (this.near && !this.external) choices.push({ key: "near" });
    var counting = !this.paged || this.catalogue;
    if (count > FEW || !choices.length || !counting) {
      this.few.hidden = true;
      return;
    }
    var best = null;
    var near = this.near;
    choices.forEach(function (choice) {
      var without = {};
      Object.keys(chosen).forEach(function (key) {
        var values = chosen[key].filter(function (v) { return !(key === choice.key && v === choice.value); });
        if (values.length) without[key] = values;
      });
      if (choice.key === "near") self.near = null;
      var n = self.items.filter(function (item) { return matches(item, without, null) && self.nearOk(item); }).length;
      self.near = near;
      if (n > count && (!best || n > best.count)) best = { choice: choice, count: n };
    });
    var button = this.few.querySelector("[data-remove-best]");
    var text = this.few.querySelector("[data-few-results-text]");
    if (best) {
      var label = best.choice.key === "near" ? "tot " + this.nearKm.value + " km van " + this.near.name :
        this.boxes.filter(function (b) { return b.name === best.choice.key && b.value === best.choice.value; })[0].chipLabel;
      text.textContent = (count ? "Weinig opleidingen gevonden." : "Geen opleidingen gevonden met deze filters.") +
        " Zonder \u2018" + label + "\u2019 zijn het er " + best.count + ".";
      button.textContent = "Haal \u2018" + label + "\u2019 weg (" + words(best.count, "opleiding", "opleidingen") + ")";
      button.setAttribute("data-chip", best.choice.key === "near" ? "near" : best.choice.key + "=" + best.choice.value);
      button.parentNode.hidden = false;
    } else {
      text.textContent = count ? "Weinig opleidingen gevonden." : "Geen opleidingen gevonden met deze filters.";
      button.parentNode.hidden = true;
    }
    if (!this.fewWired) {
      this.fewWired = true;
      button.addEventListener("click", function () {
        self.remove(button.getAttribute("data-chip"));
        self.countEl.setAttribute("tabindex", "-1");
        self.countEl.focus();
      });
    }
    this.few.hidden = false;
    // No results: this box says it all (the filter to take away, the advice); the general tips stay for the search page.
    if (count === 0 && best && this.noResults && !this.external) this.noResults.hidden = true;
  };

  /* Back into the page (from a course): the same scroll position and the link followed in focus. `more()`: what
     else the page needs to make the same list again (the search page: how many results were shown). */
  function rememberPlace(section, more) {
    var save = function (extra) {
      var state = Object.assign({}, window.history.state || {}, { scrollY: window.scrollY }, more ? more() : {}, extra || {});
      window.history.replaceState(state, "", window.location.href);
    };
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (link && section.querySelector("[data-course-cards]").contains(link)) save({ focusHref: link.getAttribute("href") });
    });
    window.addEventListener("pagehide", function () { save(); });
  }

  function restorePlace(section) {
    var state = window.history.state;
    if (!state || typeof state.scrollY !== "number") return;
    window.scrollTo({ top: state.scrollY, behavior: "instant" }); // not smooth: the visitor left from here
    if (state.focusHref) {
      var links = section.querySelectorAll("[data-course-cards] a[href]");
      for (var i = 0; i < links.length; i += 1) {
        if (links[i].getAttribute("href") === state.focusHref) {
          links[i].focus({ preventScroll: true });
          break;
        }
      }
    }
  }

  function attach(section, options) {
    options = options || {};
    var controller = new FilterController(section, options);
    if (!options.manageUrl) return controller;
    if ("scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
    controller.readUrl(new URLSearchParams(window.location.search));
    var first = controller.update(false);
    var settled = [first];
    if (controller.pendingNear) {
      settled.push(controller.pendingNear.then(function () {
        if (controller.near && controller.paged) return controller.loadCatalogue().then(function () { return controller.update(false); });
        return controller.update(false);
      }));
    }
    if (controller.paged && (controller.sort || Object.keys(controller.selection()).length)) {
      settled.push(controller.loadCatalogue().then(function () { return controller.update(false); }, function () {}));
    }
    Promise.all(settled).then(function () { restorePlace(section); }, function () { restorePlace(section); });
    rememberPlace(section);
    controller.onchange = function () {
      var params = new URLSearchParams(window.location.search);
      controller.writeUrl(params);
      var query = params.toString();
      var state = Object.assign({}, window.history.state || {});
      delete state.scrollY;
      delete state.focusHref;
      state.ownLocation = controller.near && controller.near.own ? { lat: controller.near.lat, lon: controller.near.lon } : null;
      // Replace, not push: a visitor's Back leaves the page instead of undoing one tick at a time.
      window.history.replaceState(state, "", window.location.pathname + (query ? "?" + query : ""));
    };
    return controller;
  }

  window.ScholingFilters = {
    attach: attach, startBands: startBands, distanceKm: distanceKm, rememberPlace: rememberPlace, restorePlace: restorePlace
  };

  document.documentElement.classList.add("js");
  Array.prototype.forEach.call(document.querySelectorAll(".course-list"), function (section) {
    if (section.querySelector("[data-filter-form]") && !section.closest("[data-search-results]")) {
      attach(section, { manageUrl: true });
    }
  });
})();
