/* Mijn vaardigheden: a skills passport that lives only in this browser (localStorage).

   Reads the vocabulary, occupations, courses and funding the build publishes (data/mijn-vaardigheden.json);
   the rules (matching and the file check) are in passport-rules.js. Nothing about the visitor leaves the
   device: an export is a download, a share link carries the passport after the '#', which browsers never
   send to a server.
*/
(function () {
  "use strict";

  var root = document.querySelector("[data-passport]");
  if (!root) return;
  var Rules = window.ScholingPassportRules;
  var app = root.querySelector("[data-passport-app]");
  var storageKey = root.getAttribute("data-storage-key");
  var SHARE_PREFIX = "#delen=";
  var MATCHES_SHOWN = 6, COURSES_SHOWN = 6, COURSES_MAX = 30;

  var data = null;            // what the build published
  var skillsById = new Map();
  var occupationsById = new Map();
  var passport = null;        // the one on screen
  var readOnly = false;       // true while showing a shared link
  var matchesShown = MATCHES_SHOWN;
  var chosenTarget = null;

  function $(selector) { return root.querySelector(selector); }
  // A name in running text: only its first letter small, not in an abbreviation ("verzorgende IG", "ICT-beheer").
  function inSentence(name) {
    return name.length > 1 && name[0] !== name[0].toLowerCase() && name[1] === name[1].toLowerCase() ? name[0].toLowerCase() + name.slice(1) : name;
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function dutchDate(iso) {
    var date = new Date(iso + "T12:00:00Z");
    return isNaN(date) ? iso : date.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function rules() {
    return {
      format: data.format,
      version: data.version,
      levels: data.levels.map(function (l) { return l.value; }),
      learned: data.learned.map(function (l) { return l.value; })
    };
  }

  function emptyPassport() {
    return { format: data.format, version: data.version, occupations: [], skills: [] };
  }

  function say(selector, text) {
    var status = $(selector);
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);  // a changed text is announced again
  }

  function showProblem(lines) {
    var box = $("[data-problem]");
    box.textContent = "";
    if (!lines || !lines.length) { box.hidden = true; return; }
    box.appendChild(el("p", {}, [el("strong", { text: lines[0] })]));
    if (lines.length > 1) {
      box.appendChild(el("ul", {}, lines.slice(1, 11).map(function (line) { return el("li", { text: line }); })));
      if (lines.length > 11) box.appendChild(el("p", { text: "En nog " + (lines.length - 11) + " andere fouten." }));
    }
    box.hidden = false;
  }

  /* Storage ------------------------------------------------------------------------------------- */

  function load() {
    var text = null;
    try { text = window.localStorage.getItem(storageKey); } catch (error) { text = null; }
    if (!text) return emptyPassport();
    var value;
    try { value = JSON.parse(text); } catch (error) { value = null; }
    var problems = value === null ? ["geen geldige JSON"] : Rules.check(value, rules());
    if (problems.length) {
      // Never throw a visitor's list away: keep the unreadable text next to it and start anew.
      try { window.localStorage.setItem(storageKey + ":onleesbaar", text); } catch (error) { /* full: leave it */ }
      showProblem(["De lijst die op dit apparaat bewaard was, kon niet gelezen worden. We zijn opnieuw begonnen; de oude tekst staat nog in de browser onder '" + storageKey + ":onleesbaar'.", ].concat(problems));
      return emptyPassport();
    }
    return Rules.normalise(value);
  }

  function save() {
    passport.updated = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    passport.site = root.getAttribute("data-site");
    passport = Rules.normalise(passport);
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(passport));
      return true;
    } catch (error) {
      showProblem(["Je lijst kon niet bewaard worden in deze browser. Misschien staat opslaan uit (privévenster) of is de opslag vol. Download je lijst als bestand, dan raak je niets kwijt."]);
      return false;
    }
  }

  function change(update) {
    update(passport);
    save();
    render();
  }

  /* Skills in the passport ---------------------------------------------------------------------- */

  function has(id) { return passport.skills.some(function (s) { return s.id === id; }); }

  function newSkill(id, learned) {
    var known = skillsById.get(id);
    var skill = { id: id, label: known.label, level: null, learned: learned || [], evidence: [], added: today() };
    if (known.esco) skill.esco_uri = known.esco;
    return skill;
  }

  function levelOf(value) {
    return data.levels.filter(function (l) { return l.value === value; })[0] || null;
  }

  function learnedLabel(key) {
    var found = data.learned.filter(function (l) { return l.value === key; })[0];
    return found ? found.label : key;
  }

  function evidenceItem(item) {
    var parts = [el("span", { className: "passport-evidence__title", text: item.title })];
    if (item.date) parts.push(", " + dutchDate(item.date));
    if (item.file) parts.push(", bestand: " + item.file);
    if (item.link) {
      parts.push(" ");
      parts.push(el("a", { href: item.link, rel: "noopener noreferrer", className: "passport-evidence__link", "aria-label": "bekijk: " + item.title }, ["bekijk"]));
      parts.push(el("span", { className: "print-only", text: " (" + item.link + ")" }));
    }
    return el("li", {}, parts);
  }

  function skillCard(skill) {
    var known = skillsById.get(skill.id);
    var level = levelOf(skill.level);
    var title = known
      ? el("a", { href: known.url, text: known.label })
      : el("span", { text: skill.label });
    var facts = el("dl", { className: "passport-skill__facts" }, [
      el("div", {}, [el("dt", { text: "Niveau" }), el("dd", {}, level
        ? [el("strong", { text: level.value + " " + level.name }), el("span", { className: "passport-skill__level-text", text: ": " + level.text })]
        : [el("span", { className: "passport-skill__none", text: "Nog niet gekozen" })])]),
      el("div", {}, [el("dt", { text: "Geleerd" }), el("dd", { text: skill.learned.length ? skill.learned.map(learnedLabel).join(", ") : "Nog niet ingevuld" })]),
      skill.evidence.length ? el("div", {}, [el("dt", { text: "Bewijs" }), el("dd", {}, [el("ul", { className: "passport-evidence" }, skill.evidence.map(evidenceItem))])]) : null
    ]);
    var children = [
      el("h3", { className: "passport-skill__title" }, [title]),
      known ? el("p", { className: "passport-skill__group", text: data.groups[known.group] }) : el("p", { className: "passport-skill__unknown", text: "Staat niet (meer) in de vaardighedenlijst van deze gids. We bewaren hem wel; hij telt niet mee bij 'Welk werk past bij je?'." }),
      facts
    ];
    if (!readOnly) {
      children.push(el("button", { type: "button", className: "button button--secondary passport-skill__edit no-print", "data-edit": skill.id, "aria-label": "Aanpassen: " + skill.label }, ["Aanpassen"]));
    }
    return el("li", { className: "passport-skill" + (known ? "" : " passport-skill--unknown"), "data-skill": skill.id }, children);
  }

  function renderList() {
    var list = $("[data-skill-list]");
    list.textContent = "";
    passport.skills.forEach(function (skill) { list.appendChild(skillCard(skill)); });
    var count = passport.skills.length;
    $("[data-count]").textContent = count ? "(" + count + ")" : "";
    var empty = $("[data-empty]");
    empty.hidden = count > 0;
    empty.textContent = readOnly ? "Deze gedeelde lijst heeft geen vaardigheden." : "Je hebt nog geen vaardigheden. Zoek er een of kies een beroep waarin je gewerkt hebt.";
  }

  function renderPrintHead() {
    var head = $("[data-print-head]");
    var who = passport.name ? "Vaardigheden van " + passport.name : "Mijn vaardigheden";
    var when = passport.updated ? dutchDate(passport.updated.slice(0, 10)) : dutchDate(today());
    head.textContent = "";
    head.appendChild(el("strong", { text: who }));
    head.appendChild(document.createTextNode(" · bijgewerkt " + when + " · " + root.getAttribute("data-site") + " · niveaus: " +
      data.levels.map(function (l) { return l.value + " " + inSentence(l.name); }).join(", ") + " (zelf ingeschat)"));
  }

  /* What fits ----------------------------------------------------------------------------------- */

  function ownIds() { return passport.skills.map(function (s) { return s.id; }).filter(function (id) { return skillsById.has(id); }); }

  function coverageBlock(gap, occupation) {
    var count = gap.haveEssential.length + gap.missingEssential.length;
    var share = Math.round(Math.round(Rules.coverage(gap) * 100) / 5) * 5;
    return el("div", { className: "coverage" }, [
      el("p", { className: "coverage__text" }, ["Je hebt al ", el("strong", { text: gap.haveEssential.length + " van de " + count }), " kernvaardigheden van " + inSentence(occupation.name) + "."]),
      el("div", { className: "coverage__bar", "data-share": String(share), "aria-hidden": "true" }, [el("span")])
    ]);
  }

  function labels(ids) {
    return ids.map(function (id) { return inSentence(skillsById.get(id).label); }).join(", ");
  }

  function renderMatches() {
    var section = $("[data-matches-section]");
    if (!section) return;
    var ranked = Rules.rankOccupations(ownIds(), data.occupations);
    section.hidden = passport.skills.length === 0;
    $("[data-no-matches]").hidden = ranked.length > 0;
    var list = $("[data-matches]");
    list.textContent = "";
    ranked.slice(0, matchesShown).forEach(function (item) {
      var occupation = item.occupation, gap = item.gap;
      var action = gap.missingEssential.length ? "Wat mis ik en wat helpt?" : "Bekijk opleidingen en regelingen";
      var todo = gap.missingEssential.length
        ? "Nog te leren: " + gap.missingEssential.length + (gap.missingEssential.length === 1 ? " kernvaardigheid" : " kernvaardigheden") + "."
        : "Je hebt alle kernvaardigheden al.";
      list.appendChild(el("li", { className: "route-card", "data-match": occupation.id }, [
        el("h3", { className: "route-card__title" }, [el("a", { href: occupation.url, text: occupation.name })]),
        el("p", { className: "route-card__sector", text: occupation.sector + (occupation.outlook ? " · " + occupation.outlook : "") }),
        coverageBlock(gap, occupation),
        el("p", { className: "route-card__todo", text: todo }),
        el("button", { type: "button", className: "button button--secondary", "data-gap-for": occupation.id, "aria-expanded": String(chosenTarget === occupation.id),
          "aria-label": action + " (" + occupation.name + ")" }, [action])
      ]));
    });
    var more = $("[data-action='more-matches']");
    more.hidden = ranked.length <= matchesShown;
    more.textContent = "Toon alle " + ranked.length + " beroepen";
    if (chosenTarget) renderGap(chosenTarget, false);
    else $("[data-gap]").textContent = "";
  }

  function courseCard(fit, missingCount) {
    var course = fit.course;
    var closes = null;
    if (fit.closesEssential.length) {
      closes = el("p", { className: "gap-course__closes" }, ["Leert je ", el("strong", { text: fit.closesEssential.length + " van de " + missingCount }),
        " kernvaardigheden die je nog mist: " + labels(fit.closesEssential) + "." + (fit.closesOptional.length ? " En ook: " + labels(fit.closesOptional) + "." : "")]);
    } else {
      closes = el("p", { className: "gap-course__closes", text: "Leert je vaardigheden die vaak gevraagd worden: " + labels(fit.closesOptional) + "." });
    }
    return el("li", { className: "gap-course", "data-course": course.id }, [
      el("h5", { className: "gap-course__title" }, [el("a", { href: course.url, text: course.title })]),
      el("p", { className: "gap-course__provider", text: course.provider }),
      closes,
      el("dl", { className: "gap-course__facts" }, [
        el("div", {}, [el("dt", { text: "Prijs" }), el("dd", { text: course.price })]),
        el("div", {}, [el("dt", { text: "Duur" }), el("dd", { text: course.duration })]),
        el("div", {}, [el("dt", { text: "Start" }), el("dd", { text: course.start })]),
        el("div", {}, [el("dt", { text: "Niveau" }), el("dd", { text: course.level })])
      ])
    ]);
  }

  function skillLinks(ids, className) {
    return el("ul", { className: className }, ids.map(function (id) {
      var skill = skillsById.get(id);
      return el("li", {}, [el("a", { href: skill.url, text: skill.label })]);
    }));
  }

  var coursesLoading = null;

  /* The courses are a separate file: it grows with the catalogue, and only a chosen gap needs it. */
  function withCourses() {
    if (data.courses) return Promise.resolve();
    if (!coursesLoading) {
      coursesLoading = fetch(data.courses_url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (published) { data.courses = published.courses; }, function (error) { coursesLoading = null; throw error; });
    }
    return coursesLoading;
  }

  function renderGap(occupationId, focus) {
    var box = $("[data-gap]");
    if (!data.courses) {
      box.setAttribute("aria-busy", "true");
      withCourses().then(function () {
        box.removeAttribute("aria-busy");
        if (chosenTarget === occupationId) renderGap(occupationId, focus);
      }, function () {
        box.removeAttribute("aria-busy");
        box.textContent = "";
        box.appendChild(el("p", { className: "notice notice--warning", role: "alert", text: "De opleidingen konden niet geladen worden. Controleer je verbinding en probeer het opnieuw." }));
      });
      return;
    }
    var occupation = occupationsById.get(occupationId);
    box.textContent = "";
    if (!occupation) return;
    var gap = Rules.gapBetween(new Set(ownIds()), occupation.essential, occupation.optional);
    var fits = Rules.rankCourses(gap, data.courses);
    var untaught = Rules.stillMissingAfter(gap, fits);
    var heading = el("h3", { id: "naar-beroep", tabindex: "-1", text: "Naar " + inSentence(occupation.name) });
    var parts = [heading, coverageBlock(gap, occupation)];
    if (gap.missingEssential.length) {
      parts.push(el("h4", { text: "Dit leer je nog" }), skillLinks(gap.missingEssential, "todo-list"));
    } else {
      parts.push(el("p", { text: "Je hebt alle kernvaardigheden al." }));
    }
    if (gap.missingOptional.length) parts.push(el("h4", { text: "Ook vaak gevraagd" }), skillLinks(gap.missingOptional, "todo-list"));
    parts.push(el("h4", { text: "Opleidingen die helpen" }));
    if (fits.length) {
      parts.push(el("p", { text: "Bovenaan staan de opleidingen die de meeste kernvaardigheden leren die je nog mist." }));
      parts.push(el("ol", { className: "gap-courses", "data-gap-courses": "" }, fits.slice(0, COURSES_SHOWN).map(function (fit) { return courseCard(fit, gap.missingEssential.length); })));
      if (fits.length > COURSES_SHOWN) {
        var rest = fits.slice(COURSES_SHOWN, COURSES_MAX);
        parts.push(el("details", { className: "more" }, [
          el("summary", { text: "Nog " + rest.length + (rest.length === 1 ? " opleiding" : " opleidingen") }),
          el("ol", { className: "gap-courses", start: String(COURSES_SHOWN + 1) }, rest.map(function (fit) { return courseCard(fit, gap.missingEssential.length); }))
        ]));
      }
    } else {
      parts.push(el("p", { text: "Er staat nu geen opleiding in de gids die deze vaardigheden leert." }));
    }
    if (untaught.length) {
      parts.push(el("p", { className: "notice", text: "Niet alles leer je in een opleiding. Dit leer je meestal op het werk: " + labels(untaught) + ". Vraag een werkgever naar een leerwerkplek." }));
    }
    if (data.funding.length) {
      parts.push(el("h4", { text: "Wie kan de opleiding betalen?" }));
      parts.push(el("p", { text: "Deze regelingen passen bij overstappen. Vraag ook een nieuwe werkgever: die betaalt vaak als je werkt en leert tegelijk." }));
      parts.push(el("ul", { className: "funding-cards" }, data.funding.map(function (f) {
        return el("li", { className: "funding-card" }, [
          el("h5", {}, [el("a", { href: f.url, text: f.name })]),
          el("p", {}, [el("span", { className: "status status--" + f.status, text: f.status_label }), f.until ? " tot en met " + f.until : null]),
          el("p", { text: f.summary })
        ]);
      })));
    }
    var links = [];
    var mine = passport.occupations.map(function (o) { return o.id; });
    occupation.routes_from.forEach(function (source) {
      var from = occupationsById.get(source);
      if (!from) return;
      var url = data.transition_url.replace("VAN", source).replace("NAAR", occupation.id);
      var own = mine.indexOf(source) >= 0;
      links.push({ own: own, node: el("li", {}, [el("a", { href: url, text: "Van " + inSentence(from.name) + " naar " + inSentence(occupation.name) }), own ? " (je werkte als " + inSentence(from.name) + ")" : null]) });
    });
    links.sort(function (a, b) { return Number(b.own) - Number(a.own); });
    parts.push(el("h4", { text: "Lees verder" }));
    parts.push(el("ul", { className: "link-list" }, [el("li", {}, [el("a", { href: occupation.url, text: "Meer over " + inSentence(occupation.name) })])]
      .concat(links.slice(0, 6).map(function (l) { return l.node; }))));
    box.appendChild(el("section", { className: "panel passport-gap__panel", "aria-labelledby": "naar-beroep" }, parts));
    if (focus) { heading.focus(); heading.scrollIntoView({ block: "start" }); }
  }

  /* Dialogs ------------------------------------------------------------------------------------- */

  var dialog = null, dialogReturn = null;

  function openDialog(title, body, opener) {
    dialog = $("[data-dialog]");
    dialog.textContent = "";
    dialogReturn = opener || document.activeElement;
    dialog.appendChild(el("h2", { id: "dialoog-titel", className: "passport-dialog__title", text: title }));
    body.forEach(function (node) { dialog.appendChild(node); });
    dialog.showModal();
  }

  function closeDialog() {
    if (dialog && dialog.open) dialog.close();
  }

  function onDialogClose() {
    var back = dialogReturn;
    dialogReturn = null;
    if (back && document.body.contains(back)) back.focus();
  }

  function occupationDialog(occupationId, opener) {
    var occupation = occupationsById.get(occupationId);
    if (!occupation) return;
    var boxes = occupation.essential.map(function (id, index) {
      var already = has(id);
      var inputId = "beroep-vaardigheid-" + index;
      return el("li", { className: "passport-check" }, [
        el("input", { type: "checkbox", id: inputId, value: id, checked: true, disabled: already, "data-confirm-skill": "" }),
        el("label", { for: inputId }, [skillsById.get(id).label, already ? el("span", { className: "hint", text: " (staat al in je lijst)" }) : null])
      ]);
    });
    var form = el("form", { method: "dialog", className: "passport-dialog__form" }, [
      el("p", { text: "Dit zijn de kernvaardigheden van " + inSentence(occupation.name) + ". Vink uit wat je niet kunt. Daarna kun je per vaardigheid je niveau en bewijs invullen." }),
      el("fieldset", {}, [el("legend", { text: "Wat kun je?" }), el("ul", { className: "passport-checks" }, boxes)]),
      el("div", { className: "passport-dialog__buttons" }, [
        el("button", { type: "submit", className: "button", value: "add" }, ["Voeg toe aan mijn lijst"]),
        el("button", { type: "button", className: "button button--secondary", "data-close": "" }, ["Annuleren"])
      ])
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = Array.prototype.slice.call(form.querySelectorAll("[data-confirm-skill]:checked:not(:disabled)")).map(function (box) { return box.value; });
      change(function (p) {
        chosen.forEach(function (id) { if (!has(id)) p.skills.push(newSkill(id, ["werk"])); });
        if (!p.occupations.some(function (o) { return o.id === occupation.id; })) p.occupations.push({ id: occupation.id, name: occupation.name });
      });
      closeDialog();
      say("[data-search-status]", chosen.length === 1 ? "1 vaardigheid toegevoegd van " + inSentence(occupation.name) + "." : chosen.length + " vaardigheden toegevoegd van " + inSentence(occupation.name) + ".");
    });
    openDialog("Vaardigheden van " + inSentence(occupation.name), [form], opener);
  }

  function field(id, label, input, hint) {
    return el("div", { className: "passport-field" }, [el("label", { for: id, text: label }), hint ? el("span", { className: "hint", id: id + "-uitleg", text: hint }) : null, input]);
  }

  function editDialog(skillId, opener) {
    var skill = passport.skills.filter(function (s) { return s.id === skillId; })[0];
    if (!skill) return;
    var evidence = skill.evidence.slice();
    var levelChoices = [{ value: null, name: "Nog niet gekozen", text: "" }].concat(data.levels).map(function (level, index) {
      var inputId = "niveau-" + index;
      return el("li", { className: "passport-check" }, [
        el("input", { type: "radio", name: "niveau", id: inputId, value: level.value === null ? "" : String(level.value), checked: skill.level === level.value }),
        el("label", { for: inputId }, [el("strong", { text: level.value === null ? level.name : level.value + " " + level.name }), level.text ? ": " + level.text : null])
      ]);
    });
    var learnedChoices = data.learned.map(function (place, index) {
      var inputId = "geleerd-" + index;
      return el("li", { className: "passport-check" }, [
        el("input", { type: "checkbox", name: "geleerd", id: inputId, value: place.value, checked: skill.learned.indexOf(place.value) >= 0 }),
        el("label", { for: inputId, text: place.label })
      ]);
    });
    var evidenceList = el("ul", { className: "passport-evidence passport-evidence--edit" });
    function drawEvidence() {
      evidenceList.textContent = "";
      evidence.forEach(function (item, index) {
        var remove = el("button", { type: "button", className: "button button--secondary button--small", "aria-label": "Verwijder bewijs: " + item.title }, ["Verwijder"]);
        remove.addEventListener("click", function () { evidence.splice(index, 1); drawEvidence(); evidenceList.parentNode.querySelector("#bewijs-titel").focus(); });
        var line = evidenceItem(item);
        line.appendChild(document.createTextNode(" "));
        line.appendChild(remove);
        evidenceList.appendChild(line);
      });
      evidenceList.hidden = evidence.length === 0;
    }
    drawEvidence();
    var errors = el("div", { className: "notice notice--warning", role: "alert", hidden: true });
    var form = el("form", { method: "dialog", className: "passport-dialog__form", novalidate: true }, [
      el("fieldset", {}, [el("legend", { text: "Hoe goed kun je het?" }), el("ul", { className: "passport-checks" }, levelChoices)]),
      el("fieldset", {}, [el("legend", { text: "Waar heb je het geleerd?" }), el("ul", { className: "passport-checks" }, learnedChoices)]),
      el("fieldset", {}, [
        el("legend", { text: "Bewijs (mag leeg blijven)" }),
        el("p", { className: "hint", text: "Bijvoorbeeld een diploma, certificaat of referentie. Het bestand zelf bewaar je zelf; hier zet je alleen de naam of een link." }),
        evidenceList,
        field("bewijs-titel", "Titel van nieuw bewijs", el("input", { id: "bewijs-titel", type: "text", maxlength: "120", className: "passport-input" })),
        field("bewijs-datum", "Datum", el("input", { id: "bewijs-datum", type: "date", className: "passport-input" })),
        field("bewijs-link", "Link", el("input", { id: "bewijs-link", type: "url", inputmode: "url", maxlength: "500", className: "passport-input", "aria-describedby": "bewijs-link-uitleg" }), "Begint met https://"),
        field("bewijs-bestand", "Of: naam van een bestand", el("input", { id: "bewijs-bestand", type: "text", maxlength: "120", className: "passport-input", "aria-describedby": "bewijs-bestand-uitleg" }), "Bijvoorbeeld diploma-vca.pdf")
      ]),
      errors,
      el("div", { className: "passport-dialog__buttons" }, [
        el("button", { type: "submit", className: "button" }, ["Opslaan"]),
        el("button", { type: "button", className: "button button--secondary", "data-close": "" }, ["Annuleren"]),
        el("button", { type: "button", className: "button button--danger", "data-remove": "" }, ["Verwijder uit mijn lijst"])
      ])
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = function (id) { return form.querySelector("#" + id).value.trim(); };
      var item = { title: value("bewijs-titel"), date: value("bewijs-datum"), link: value("bewijs-link"), file: value("bewijs-bestand") };
      var problems = [];
      var filled = item.title || item.date || item.link || item.file;
      if (filled && !item.title) problems.push("Geef het bewijs een titel, bijvoorbeeld 'Diploma VCA'.");
      if (item.link && !/^https?:\/\/\S+$/.test(item.link)) problems.push("De link moet beginnen met https:// (of http://).");
      if (item.date && !/^\d{4}-\d{2}-\d{2}$/.test(item.date)) problems.push("Vul de datum in als dag, maand en jaar.");
      if (problems.length) {
        errors.textContent = "";
        problems.forEach(function (p) { errors.appendChild(el("p", { text: p })); });
        errors.hidden = false;
        return;
      }
      if (filled) evidence.push(Rules.normalise({ format: "", version: 0, skills: [{ id: "x", label: "x", level: null, learned: [], evidence: [item] }] }).skills[0].evidence[0]);
      var chosen = form.querySelector("input[name='niveau']:checked");
      change(function () {
        skill.level = chosen && chosen.value ? Number(chosen.value) : null;
        skill.learned = data.learned.map(function (l) { return l.value; }).filter(function (key) { return form.querySelector("input[name='geleerd'][value='" + key + "']").checked; });
        skill.evidence = evidence;
      });
      closeDialog();
      say("[data-io-status]", "Opgeslagen: " + skill.label + ".");
    });
    form.querySelector("[data-remove]").addEventListener("click", function () {
      change(function (p) { p.skills = p.skills.filter(function (s) { return s.id !== skillId; }); });
      dialogReturn = $("#mijn-lijst");
      closeDialog();
      say("[data-io-status]", "Verwijderd: " + skill.label + ".");
    });
    openDialog(skill.label, [form], opener);
  }

  /* Search -------------------------------------------------------------------------------------- */

  var searchRun = 0;
  var lastIds = [];

  function renderResults(ids, text) {
    lastIds = ids;
    var list = $("[data-search-results]");
    list.textContent = "";
    ids.slice(0, 8).forEach(function (id) {
      var skill = skillsById.get(id);
      if (!skill) return;
      var action = has(id)
        ? el("span", { className: "passport-results__have", text: "Staat in je lijst" })
        : el("button", { type: "button", className: "button button--small", "data-add": id, "aria-label": "Voeg toe: " + skill.label }, ["Voeg toe"]);
      list.appendChild(el("li", {}, [el("span", { className: "passport-results__label" }, [el("strong", { text: skill.label }), el("span", { className: "hint", text: " " + data.groups[skill.group] })]), action]));
    });
    if (!text) { $("[data-search-status]").textContent = ""; return; }
    var shown = Math.min(ids.length, 8);
    say("[data-search-status]", ids.length
      ? (ids.length === 1 ? "1 vaardigheid gevonden." : ids.length + " vaardigheden gevonden" + (ids.length > shown ? ", de beste " + shown + " staan hieronder." : "."))
      : "Geen vaardigheid gevonden voor '" + text + "'. Probeer een ander woord.");
  }

  function runSearch() {
    var text = $("[data-skill-search]").value.trim();
    var run = ++searchRun;
    if (!text) { renderResults([], ""); return; }
    findSkills(text).then(function (ids) {
      if (run === searchRun) renderResults(ids, text);
    }, function () {
      if (run === searchRun) say("[data-search-status]", "Zoeken lukt nu niet. Kies een beroep, of kijk in de lijst met alle vaardigheden.");
    });
  }

  /* The site's skills search (skills-search.js, the same Dutch search as everywhere on the site). */
  function findSkills(text) {
    if (!window.ScholingSkills || !window.ScholingSkills.available()) return Promise.reject(new Error("geen zoekindex"));
    return window.ScholingSkills.find(text, { kinds: ["skill"], limit: 0 }).then(function (hits) {
      return hits.map(function (hit) { return hit.id; });
    });
  }

  /* Export, import, share ----------------------------------------------------------------------- */

  function fileText(value) { return JSON.stringify(value, null, 2) + "\n"; }

  function exportFile() {
    var blob = new Blob([fileText(passport)], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "mijn-vaardigheden-" + today() + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    say("[data-io-status]", "Je lijst is gedownload als " + link.getAttribute("download") + ".");
  }

  function readPassport(text, what) {
    var value;
    try { value = JSON.parse(text); } catch (error) {
      return { problems: [what + " is geen leesbaar JSON-bestand. Kies het .json-bestand dat je eerder downloadde bij 'Download als bestand'."] };
    }
    var problems = Rules.check(value, rules());
    if (problems.length) return { problems: [what + " kon niet gelezen worden:"].concat(problems) };
    return { passport: Rules.normalise(value) };
  }

  function unknownCount(value) {
    return value.skills.filter(function (s) { return !skillsById.has(s.id); }).length;
  }

  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      input.value = "";
      var result = readPassport(text, "Het bestand '" + file.name + "'");
      if (result.problems) { showProblem(result.problems); $("[data-problem]").focus(); return; }
      if (passport.skills.length && !window.confirm("Je lijst op dit apparaat (" + passport.skills.length + " vaardigheden) wordt vervangen door het bestand. Doorgaan?")) return;
      showProblem(null);
      var updated = result.passport.updated;
      passport = result.passport;
      try { window.localStorage.setItem(storageKey, JSON.stringify(passport)); } catch (error) { save(); }
      passport.updated = updated;
      render();
      var unknown = unknownCount(passport);
      say("[data-io-status]", "Bestand geopend: " + passport.skills.length + (passport.skills.length === 1 ? " vaardigheid." : " vaardigheden.") +
        (unknown ? " " + unknown + " daarvan " + (unknown === 1 ? "staat" : "staan") + " niet (meer) in de lijst van deze gids; we bewaren ze wel." : ""));
    });
  }

  function base64url(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(text) {
    var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function throughStream(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  /* "z" + deflate-raw where the browser has CompressionStream, otherwise "j" + the plain JSON. */
  function shareCode(value) {
    var bytes = new TextEncoder().encode(JSON.stringify(value));
    if (typeof CompressionStream === "undefined") return Promise.resolve("j" + base64url(bytes));
    return throughStream(bytes, new CompressionStream("deflate-raw")).then(function (packed) { return "z" + base64url(packed); });
  }

  function readShareCode(code) {
    var kind = code.charAt(0);
    var bytes;
    try { bytes = fromBase64url(code.slice(1)); } catch (error) { return Promise.reject(error); }
    if (kind === "j") return Promise.resolve(new TextDecoder().decode(bytes));
    if (kind !== "z" || typeof DecompressionStream === "undefined") return Promise.reject(new Error("onbekend"));
    return throughStream(bytes, new DecompressionStream("deflate-raw")).then(function (plain) { return new TextDecoder().decode(plain); });
  }

  function makeShareLink() {
    shareCode(passport).then(function (code) {
      var link = window.location.origin + window.location.pathname + SHARE_PREFIX + code;
      var box = $("[data-share-box]");
      box.hidden = false;
      var input = $("[data-share-link]");
      input.value = link;
      input.focus();
      input.select();
      say("[data-io-status]", "Je deellink staat klaar (" + link.length + " tekens). Iedereen met deze link ziet je lijst.");
    });
  }

  function copyLink() {
    var input = $("[data-share-link]");
    var done = function () { say("[data-io-status]", "De link is gekopieerd."); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    else { input.select(); say("[data-io-status]", "Kopieer de geselecteerde link met Ctrl+C (of lang drukken op een telefoon)."); }
  }

  /* Views --------------------------------------------------------------------------------------- */

  function render() {
    root.classList.toggle("passport--read-only", readOnly);
    $("[data-shared]").hidden = !readOnly;
    Array.prototype.forEach.call(root.querySelectorAll("[data-edit-only]"), function (node) { node.hidden = readOnly; });
    $("[data-name]").value = passport.name || "";
    $("[data-list-title]").textContent = readOnly ? (passport.name ? "Vaardigheden van " + passport.name : "Gedeelde vaardigheden") : "Mijn vaardigheden";
    var matchesTitle = $("[data-matches-title]");
    if (matchesTitle) matchesTitle.textContent = readOnly ? "Welk werk past bij deze vaardigheden?" : "Welk werk past bij je?";
    renderList();
    renderMatches();
    renderPrintHead();
  }

  function openShared(code) {
    return readShareCode(code).then(function (text) {
      var result = readPassport(text, "Deze deellink");
      if (result.problems) throw result.problems;
      readOnly = true;
      passport = result.passport;
      chosenTarget = null;
      render();
    }).catch(function (problems) {
      readOnly = false;
      passport = load();
      render();
      showProblem(Array.isArray(problems) ? problems : ["Deze deellink is niet compleet of beschadigd. Vraag de afzender om de link opnieuw te sturen."]);
    });
  }

  function start() {
    showProblem(null);
    var hash = window.location.hash;
    if (hash.indexOf(SHARE_PREFIX) === 0) return openShared(hash.slice(SHARE_PREFIX.length));
    readOnly = false;
    passport = load();
    render();
    addFromAddress();
    return Promise.resolve();
  }

  /* A skill page links here with ?voeg-toe=ID: add that skill once, then take it out of the address. */
  function addFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var id = params.get("voeg-toe");
    if (!id) return;
    params.delete("voeg-toe");
    var rest = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    var skill = skillsById.get(id);
    if (!skill) { say("[data-search-status]", "Deze vaardigheid staat niet in de lijst van de gids. Zoek haar hieronder op."); return; }
    if (has(id)) { say("[data-search-status]", skill.label + " staat al in je lijst."); return; }
    change(function (p) { p.skills.push(newSkill(id, [])); });
    say("[data-search-status]", "Toegevoegd: " + skill.label + ". Kies bij 'Aanpassen' hoe goed je het kunt.");
  }

  function saveCopy() {
    var mine = load();
    if (mine.skills.length && !window.confirm("Op dit apparaat staat al een lijst met " + mine.skills.length + " vaardigheden. Wil je die vervangen door deze gedeelde lijst?")) return;
    var copy = passport;
    readOnly = false;
    passport = copy;
    save();
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    render();
    say("[data-io-status]", "De lijst is bewaard op dit apparaat. Je kunt hem nu aanpassen.");
    $("#mijn-lijst").focus();
  }

  function clearAll() {
    if (!window.confirm("Weet je zeker dat je alles wist? Je lijst is dan weg van dit apparaat. Dit kun je niet ongedaan maken.")) return;
    try { window.localStorage.removeItem(storageKey); } catch (error) { /* nothing stored */ }
    passport = emptyPassport();
    chosenTarget = null;
    $("[data-share-box]").hidden = true;
    render();
    say("[data-io-status]", "Alles is gewist van dit apparaat.");
  }

  function bind() {
    root.addEventListener("click", function (event) {
      var target = event.target.closest("button, a[data-action]");
      if (!target || !root.contains(target)) return;
      var action = target.getAttribute("data-action");
      if (target.hasAttribute("data-add")) {
        var id = target.getAttribute("data-add");
        change(function (p) { if (!has(id)) p.skills.push(newSkill(id, [])); });
        renderResults(lastIds, $("[data-skill-search]").value.trim());
        say("[data-search-status]", "Toegevoegd: " + skillsById.get(id).label + ". Je ziet hem bij 'Mijn vaardigheden'.");
        var next = root.querySelector("[data-search-results] [data-add]");
        (next || $("[data-skill-search]")).focus();
      } else if (target.hasAttribute("data-edit")) editDialog(target.getAttribute("data-edit"), target);
      else if (target.hasAttribute("data-gap-for")) {
        chosenTarget = target.getAttribute("data-gap-for");
        renderMatches();
        renderGap(chosenTarget, true);
      } else if (target.hasAttribute("data-close")) closeDialog();
      else if (action === "more-matches") { matchesShown = Infinity; renderMatches(); }
      else if (action === "export") exportFile();
      else if (action === "print") window.print();
      else if (action === "share") makeShareLink();
      else if (action === "copy-link") copyLink();
      else if (action === "clear") clearAll();
      else if (action === "save-copy") saveCopy();
    });
    var timer = null;
    $("[data-skill-search]").addEventListener("focus", function () {
      if (window.ScholingSkills && window.ScholingSkills.available()) window.ScholingSkills.load().catch(function () {});
    });
    $("[data-skill-search]").addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(runSearch, 150);
    });
    $("[data-occupation-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = $("[data-occupation-choice]");
      if (!choice.value) { say("[data-search-status]", "Kies eerst een beroep."); choice.focus(); return; }
      occupationDialog(choice.value, event.submitter || choice);
    });
    $("[data-import]").addEventListener("change", function (event) { importFile(event.target); });
    $("[data-name]").addEventListener("change", function (event) {
      change(function (p) { p.name = event.target.value.trim(); });
    });
    $("[data-dialog]").addEventListener("close", onDialogClose);
    window.addEventListener("hashchange", start);
    window.addEventListener("storage", function (event) {
      if (event.key === storageKey && !readOnly) { passport = load(); render(); }
    });
  }

  /* After one visit the page works without a network (templates/skills/passport-offline.js). */
  function workOffline() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register(root.getAttribute("data-offline")).catch(function () { /* only online then */ });
  }

  function begin() {
    $("[data-passport-nojs]").hidden = true;
    app.hidden = false;
    workOffline();
    fetch(root.getAttribute("data-source")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (published) {
      data = published;
      data.skills.forEach(function (s) { skillsById.set(s.id, s); });
      data.occupations.forEach(function (o) { occupationsById.set(o.id, o); });
      bind();
      return start();
    }).then(function () {
      root.setAttribute("data-ready", "");
    }, function () {
      showProblem(["De lijst met vaardigheden kon niet geladen worden. Controleer je verbinding en laad de pagina opnieuw."]);
    });
  }

  begin();
})();
