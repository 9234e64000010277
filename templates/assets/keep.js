/* Keep and compare: a visitor saves courses to a list kept in this browser (localStorage), without an
   account and without sending anything anywhere. The "Bewaar" button on a course page comes hidden and
   cards get theirs from here, so without JavaScript (or without storage) nothing promises what cannot work.
   The list page (/bewaard/) reads what it shows from the search records the site already publishes
   (search-engine.js `records`), finds each course by a search for its title and checks its address.
   A list can be shared as a link with the course ids: /bewaard/?ids=a,b,c. */
(function () {
  "use strict";

  var KEY = "scholingsgids:bewaard";
  var MAX_KEPT = 50;
  var MAX_COMPARE = 3;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var body = document.body;
  var base = body.getAttribute("data-base") || "/";

  function store() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (e) {
      return null; // storage blocked (private mode in some browsers, or switched off)
    }
  }

  function read() {
    var s = store();
    if (!s) return [];
    try {
      var list = JSON.parse(s.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (item) { return item && ID.test(item.id); }) : [];
    } catch (e) {
      return [];
    }
  }

  function write(list) {
    var s = store();
    if (s) s.setItem(KEY, JSON.stringify(list.slice(0, MAX_KEPT)));
  }

  function has(list, id) {
    return list.some(function (item) { return item.id === id; });
  }

  function add(list, id, title) {
    if (has(list, id)) return list;
    return list.concat([title ? { id: id, t: title } : { id: id }]);
  }

  function without(list, id) {
    return list.filter(function (item) { return item.id !== id; });
  }

  /* Spoken (and on /bewaard/ shown) after each change. Pages without a status line of their own get a hidden
     one at the first change, so pages where nobody keeps anything carry no extra live region. */
  function say(text) {
    var status = document.querySelector("[data-keep-page-status]") || document.querySelector("[data-share-status]") ||
      document.querySelector("[data-keep-status]");
    if (!status) {
      status = el("p", "visually-hidden");
      status.setAttribute("role", "status");
      status.setAttribute("data-keep-status", "");
      (document.querySelector("main") || body).appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100); // a change, so screen readers announce it again
  }

  function countText(n) { return n === 1 ? "1 opleiding" : n + " opleidingen"; }

  /* A card (.course-card with data-id) gets its button here, so list pages carry no bytes for it: a star in
     the corner the card keeps free (style.css), so adding it moves nothing (Back restores the scroll). */
  function cardId(card) {
    if (card.hasAttribute("data-id")) return card.getAttribute("data-id");
    /* Cards that filters.js and search.js make from search records carry the course only in their link */
    var link = card.querySelector(".course-card__title a");
    var match = link && /\/opleidingen\/([^\/]+)\/?$/.exec(link.getAttribute("href") || "");
    return match && ID.test(match[1]) ? match[1] : null;
  }

  function addCardButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".course-card"), function (card) {
      if (card.querySelector("[data-keep]")) return;
      var id = cardId(card);
      if (!id) return;
      var title = card.querySelector(".course-card__title a");
      var button = el("button", "keep-button");
      button.type = "button";
      button.setAttribute("data-keep", id);
      button.setAttribute("data-keep-title", title ? title.textContent : "");
      button.setAttribute("data-label-off", "Bewaar");
      button.setAttribute("data-label-on", "Bewaard");
      button.appendChild(el("span", "visually-hidden", "Bewaar")).setAttribute("data-keep-label", "");
      if (title) button.appendChild(el("span", "visually-hidden", " " + title.textContent));
      card.appendChild(button);
    });
  }

  /* Buttons and the header link, on every page */
  function showState() {
    addCardButtons();
    var list = read();
    Array.prototype.forEach.call(document.querySelectorAll("[data-keep]"), function (button) {
      var kept = has(list, button.getAttribute("data-keep"));
      button.setAttribute("aria-pressed", kept ? "true" : "false");
      var label = button.querySelector("[data-keep-label]");
      if (label) label.textContent = button.getAttribute(kept ? "data-label-on" : "data-label-off");
      button.hidden = false;
    });
    var nav = document.querySelector("[data-keep-nav]");
    if (nav) {
      nav.hidden = list.length === 0;
      nav.querySelector("[data-keep-count]").textContent = "(" + list.length + ")";
    }
  }

  function onKeepClick(event) {
    var button = event.target.closest("[data-keep]");
    if (!button) return;
    var id = button.getAttribute("data-keep");
    var list = read();
    if (has(list, id)) {
      write(without(list, id));
      say("Niet meer bewaard. Je lijst heeft nu " + countText(list.length - 1) + ".");
    } else if (list.length >= MAX_KEPT) {
      say("Je lijst is vol (" + MAX_KEPT + " opleidingen). Haal er eerst een weg op de pagina Bewaard.");
      return;
    } else {
      write(add(list, id, button.getAttribute("data-keep-title")));
      say("Bewaard. Je lijst heeft nu " + countText(list.length + 1) + ". Je vindt hem bij 'Bewaard' bovenaan.");
    }
    showState();
  }

  /* Finding a course's published record: search for its title (or the words of its id, together and then
     one by one) and take the result whose address is the course's own. */
  function findRecord(engine, item) {
    var wanted = "opleidingen/" + item.id + "/";
    var words = item.id.split("-");
    var single = words.filter(function (word) { return word.length > 2; }).sort(function (a, b) { return b.length - a.length; });
    var attempts = [item.t, words.join(" ")].concat(single).filter(function (text, i, all) { return text && all.indexOf(text) === i; });
    function attempt(i) {
      if (i >= attempts.length) return Promise.resolve(null);
      return engine.query(attempts[i]).then(function (results) {
        var refs = results.filter(function (r) { return r.kind === "course"; }).slice(0, 48).map(function (r) { return r.ref; });
        if (!refs.length) return attempt(i + 1);
        return engine.records(refs).then(function (records) {
          var hit = records.filter(function (record) { return record.u === wanted; })[0];
          return hit || attempt(i + 1);
        });
      }, function () { return attempt(i + 1); });
    }
    return attempt(0);
  }

  function resolve(items) {
    return window.ScholingSearch.load().then(function (engine) {
      return Promise.all(items.map(function (item) { return findRecord(engine, item); }));
    });
  }

  /* The list page */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function sharedIds() {
    var raw = new URLSearchParams(window.location.search).get("ids");
    if (raw === null) return null;
    var seen = [];
    raw.split(",").forEach(function (id) {
      id = id.trim();
      if (ID.test(id) && seen.indexOf(id) < 0 && seen.length < MAX_KEPT) seen.push(id);
    });
    return seen;
  }

  function ListPage(app) {
    this.app = app;
    this.listNode = app.querySelector("[data-keep-list]");
    this.table = app.querySelector("[data-keep-table]");
    this.compared = null; // ids, in list order
  }

  ListPage.prototype.items = function () {
    var ids = sharedIds();
    if (ids === null) return { shared: false, items: read() };
    var own = read();
    return {
      shared: true,
      items: ids.map(function (id) {
        var known = own.filter(function (item) { return item.id === id; })[0];
        return known || { id: id };
      })
    };
  };

  ListPage.prototype.render = function () {
    var self = this;
    var state = this.items();
    var app = this.app;
    app.querySelector("[data-keep-shared]").hidden = !state.shared;
    app.querySelector("[data-keep-own-intro]").hidden = state.shared;
    app.querySelector("[data-keep-empty]").hidden = state.items.length > 0;
    ["[data-keep-list-section]", "[data-keep-compare-section]", "[data-keep-share-section]"].forEach(function (selector) {
      app.querySelector(selector).hidden = state.items.length === 0;
    });
    document.querySelector("[data-keep-heading]").textContent = state.shared ? "Gedeelde lijst" : "Je bewaarde opleidingen";
    if (!state.items.length) return Promise.resolve();
    app.setAttribute("aria-busy", "true");
    return resolve(state.items).then(function (records) {
      self.shared = state.shared;
      self.entries = state.items.map(function (item, i) { return { item: item, record: records[i] }; });
      var found = self.entries.filter(function (entry) { return entry.record; }).map(function (entry) { return entry.item.id; });
      if (self.compared === null) self.compared = found.slice(0, MAX_COMPARE);
      self.compared = self.compared.filter(function (id) { return found.indexOf(id) >= 0; });
      self.drawList();
      self.drawTable();
      self.drawShare();
    }, function () {
      app.querySelector("[data-keep-page-status]").textContent =
        "De gegevens van de opleidingen konden niet geladen worden. Probeer het later nog eens.";
    }).then(function () { app.removeAttribute("aria-busy"); });
  };

  ListPage.prototype.drawList = function () {
    var self = this;
    this.listNode.textContent = "";
    this.entries.forEach(function (entry) {
      var item = entry.item, record = entry.record;
      var li = el("li", "kept");
      var title = el("h3", "kept__title");
      if (record) {
        var link = el("a", null, record.t);
        link.href = base + record.u;
        title.appendChild(link);
        li.appendChild(title);
        li.appendChild(el("p", "kept__provider", record.a));
        if (record.d) li.appendChild(el("p", "kept__summary", record.d));
        if (record.c) {
          var condition = el("p", "course-card__only-for");
          condition.appendChild(el("strong", null, "Alleen voor"));
          condition.appendChild(document.createTextNode(" " + record.c));
          li.appendChild(condition);
        }
      } else {
        title.textContent = item.t || item.id;
        li.appendChild(title);
        li.appendChild(el("p", "notice", "Deze opleiding staat niet (meer) in de gids."));
      }
      var actions = el("div", "kept__actions");
      if (record) {
        var box = el("input");
        box.type = "checkbox";
        box.id = "vergelijk-" + item.id;
        box.checked = self.compared.indexOf(item.id) >= 0;
        box.addEventListener("change", function () { self.choose(item.id, box); });
        var label = el("label", null, "Vergelijk");
        label.htmlFor = box.id;
        label.appendChild(el("span", "visually-hidden", " " + record.t));
        var choice = el("div", "kept__compare");
        choice.appendChild(box);
        choice.appendChild(label);
        actions.appendChild(choice);
      }
      if (!self.shared) {
        var remove = el("button", "button button--secondary", "Verwijder");
        remove.type = "button";
        remove.appendChild(el("span", "visually-hidden", " " + (record ? record.t : item.id)));
        remove.addEventListener("click", function () { self.remove(item.id, record ? record.t : item.id); });
        actions.appendChild(remove);
      }
      li.appendChild(actions);
      self.listNode.appendChild(li);
    });
  };

  ListPage.prototype.choose = function (id, box) {
    if (box.checked) {
      if (this.compared.length >= MAX_COMPARE) {
        box.checked = false;
        say("Je kunt " + MAX_COMPARE + " opleidingen tegelijk vergelijken. Haal eerst een vinkje weg.");
        return;
      }
      var order = this.entries.map(function (entry) { return entry.item.id; });
      this.compared = this.compared.concat([id]).sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    } else {
      this.compared = this.compared.filter(function (other) { return other !== id; });
    }
    this.drawTable();
    say("De vergelijking toont nu " + countText(this.compared.length) + ".");
  };

  ListPage.prototype.remove = function (id, title) {
    write(without(read(), id));
    this.compared = (this.compared || []).filter(function (other) { return other !== id; });
    showState();
    var self = this;
    this.render().then(function () {
      say(title + " is uit je lijst gehaald.");
      var next = document.querySelector("[data-keep-list] a, [data-keep-heading]");
      if (next) next.focus();
    });
  };

  var ROWS = [
    ["Prijs", function (r) { return r.p; }],
    ["Niveau", function (r) { return r.n; }],
    ["Hoe lang", function (r) { return r.h || "Niet bekend"; }],
    ["Start", function (r) { return r.s; }],
    ["Waar", function (r) { return r.o; }],
    ["Kan (deels) vergoed worden via", function (r) { return r.g && r.g.length ? r.g.join(" of ") : "Geen regeling bekend"; }],
    ["Alleen voor", function (r) { return r.c || "Iedereen"; }],
    ["Aanbieder", function (r) { return r.a; }]
  ];

  ListPage.prototype.drawTable = function () {
    var self = this;
    var chosen = this.entries.filter(function (entry) { return entry.record && self.compared.indexOf(entry.item.id) >= 0; });
    var section = this.app.querySelector("[data-keep-compare-section]");
    var hint = this.app.querySelector("[data-keep-compare-hint]");
    hint.textContent = chosen.length < 2
      ? "Zet een vinkje bij 'Vergelijk' bij twee of drie opleidingen om ze naast elkaar te zien."
      : "Je ziet " + countText(chosen.length) + " naast elkaar. Kies met 'Vergelijk' welke (hoogstens " + MAX_COMPARE + ").";
    var wrapper = section.querySelector("[data-keep-table-wrap]");
    wrapper.hidden = chosen.length === 0;
    var table = this.table;
    table.className = "compare__table compare__table--" + chosen.length;
    /* Each fact is a group of rows: its name across the full width, the values below it, one column per
       course. So three columns fit a phone, and a screen reader still names the fact and the course. */
    var head = table.tHead || table.createTHead();
    head.textContent = "";
    var headRow = head.insertRow();
    chosen.forEach(function (entry) {
      var th = el("th");
      th.scope = "col";
      var link = el("a", null, entry.record.t);
      link.href = base + entry.record.u;
      th.appendChild(link);
      headRow.appendChild(th);
    });
    Array.prototype.slice.call(table.tBodies).forEach(function (tbody) { tbody.remove(); });
    ROWS.forEach(function (row) {
      var tbody = table.createTBody();
      var th = el("th", null, row[0]);
      th.scope = "rowgroup";
      th.colSpan = Math.max(chosen.length, 1);
      tbody.insertRow().appendChild(th);
      var values = tbody.insertRow();
      chosen.forEach(function (entry) { values.appendChild(el("td", null, row[1](entry.record))); });
    });
  };

  ListPage.prototype.drawShare = function () {
    var ids = this.entries.map(function (entry) { return entry.item.id; });
    var url = new URL(base + "bewaard/?ids=" + ids.join(","), window.location.href).href;
    var field = this.app.querySelector("[data-keep-share-link]");
    field.value = url;
    var mail = this.app.querySelector("[data-keep-mail]");
    mail.href = "mailto:?subject=" + encodeURIComponent("Opleidingen om te vergelijken") + "&body=" + encodeURIComponent(url);
  };

  function startListPage(app) {
    var page = new ListPage(app);
    app.hidden = false;
    var notice = document.querySelector("[data-keep-nojs]");
    if (notice) notice.hidden = true;
    if (!store()) {
      app.querySelector("[data-keep-page-status]").textContent =
        "Deze browser bewaart niets (de opslag staat uit). Je kunt een gedeelde lijst wel bekijken.";
    }
    app.querySelector("[data-keep-save-shared]").addEventListener("click", function () {
      var list = read();
      page.entries.forEach(function (entry) { list = add(list, entry.item.id, entry.record ? entry.record.t : null); });
      write(list);
      window.history.replaceState(null, "", base + "bewaard/");
      showState();
      page.compared = null;
      page.render().then(function () {
        say("De lijst is bewaard in deze browser. Je hebt nu " + countText(read().length) + ".");
        document.querySelector("[data-keep-heading]").focus();
      });
    });
    app.querySelector("[data-keep-print]").addEventListener("click", function () { window.print(); });
    var copy = app.querySelector("[data-keep-copy]");
    if (navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(app.querySelector("[data-keep-share-link]").value).then(
          function () { say("De link is gekopieerd. Plak hem in een bericht of mail."); },
          function () { say("Kopiëren lukte niet. Selecteer de link en kopieer hem zelf."); }
        );
      });
    }
    window.addEventListener("storage", function (event) {
      if (event.key === KEY && sharedIds() === null) page.render();
    });
    page.render();
  }

  /* Paged lists, sorting and search draw cards after load: they get their button as they arrive */
  function watchForNewCards() {
    if (!window.MutationObserver) return;
    new MutationObserver(function (mutations) {
      var arrived = mutations.some(function (mutation) {
        return Array.prototype.some.call(mutation.addedNodes, function (node) {
          return node.nodeType === 1 && (node.matches(".course-card") || node.querySelector(".course-card"));
        });
      });
      if (arrived) showState();
    }).observe(document.body, { childList: true, subtree: true });
  }

  function start() {
    if (store()) {
      showState();
      document.addEventListener("click", onKeepClick);
      window.addEventListener("storage", function (event) { if (event.key === KEY) showState(); });
      watchForNewCards();
    }
    var app = document.querySelector("[data-keep-app]");
    if (app) startListPage(app);
  }

  window.ScholingKeep = { resolve: function (ids) { return resolve(ids.map(function (id) { return { id: id }; })); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
