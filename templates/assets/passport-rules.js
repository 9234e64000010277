/* Skills passport: the rules without the page, so Node can test them against Python.

   Matching follows builder/skills/matching.py step for step (tests/test_skills_passport.py compares the
   answers on the same data): coverage counts essential skills only; occupations rank by coverage, then
   fewer essential skills to learn, then name order; courses rank by missing essential skills they teach,
   then missing optional ones, then the share of the course spent on the gap, then title order.
   The check of a passport file follows schemas/passport.schema.json, with Dutch messages.

   API: ScholingPassportRules (browser global) or require() in Node:
     gapBetween(haveSet, essentialIds, optionalIds) -> {haveEssential, missingEssential, haveOptional, missingOptional}
     coverage(gap) -> 0..1
     rankOccupations(haveIds, occupations) -> [{occupation, gap}]   occupations as in data/mijn-vaardigheden.json
     rankCourses(gap, courses) -> [{course, closesEssential, closesOptional, focus}]
     stillMissingAfter(gap, fits) -> [ids]
     check(value, rules) -> [Dutch problems]   rules: {format, version, levels: [n], learned: [keys]}
     normalise(value) -> the passport with its fields in the stored order
*/
(function (root) {
  "use strict";

  function gapBetween(have, essential, optional) {
    return {
      haveEssential: essential.filter(function (s) { return have.has(s); }),
      missingEssential: essential.filter(function (s) { return !have.has(s); }),
      haveOptional: optional.filter(function (s) { return have.has(s); }),
      missingOptional: optional.filter(function (s) { return !have.has(s); })
    };
  }

  function coverage(gap) {
    var count = gap.haveEssential.length + gap.missingEssential.length;
    return count ? gap.haveEssential.length / count : 0;
  }

  /* matching.fitting_occupations: occupations arrive in name order, which is the last tie-break. */
  function rankOccupations(haveIds, occupations) {
    var have = new Set(haveIds);
    var ranked = [];
    occupations.forEach(function (occupation, index) {
      var gap = gapBetween(have, occupation.essential, occupation.optional);
      if (gap.haveEssential.length) ranked.push({ occupation: occupation, gap: gap, index: index, share: coverage(gap) });
    });
    ranked.sort(function (a, b) {
      return (b.share - a.share) || (a.gap.missingEssential.length - b.gap.missingEssential.length) || (a.index - b.index);
    });
    return ranked.map(function (item) { return { occupation: item.occupation, gap: item.gap }; });
  }

  /* matching.rank_courses; `order` is the course's place in title order (Python's casefold sort). */
  function rankCourses(gap, courses) {
    var fits = [];
    courses.forEach(function (course) {
      var taught = new Set(course.skills);
      if (!taught.size) return;
      var essential = gap.missingEssential.filter(function (s) { return taught.has(s); });
      var optional = gap.missingOptional.filter(function (s) { return taught.has(s); });
      if (!essential.length && !optional.length) return;
      fits.push({ course: course, closesEssential: essential, closesOptional: optional, focus: (essential.length + optional.length) / taught.size });
    });
    fits.sort(function (a, b) {
      return (b.closesEssential.length - a.closesEssential.length) || (b.closesOptional.length - a.closesOptional.length) ||
        (b.focus - a.focus) || (a.course.order - b.course.order);
    });
    return fits;
  }

  function stillMissingAfter(gap, fits) {
    var taught = new Set();
    fits.forEach(function (fit) { fit.closesEssential.forEach(function (s) { taught.add(s); }); });
    return gap.missingEssential.filter(function (s) { return !taught.has(s); });
  }

  /* The file check -------------------------------------------------------------------------------- */

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var LINK = /^https?:\/\/\S+$/;
  var ESCO = /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]+$/;
  var MAX_SKILLS = 500, MAX_EVIDENCE = 10, MAX_OCCUPATIONS = 50;

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isText(value, max) { return typeof value === "string" && value.length >= 1 && value.length <= max; }
  function realDate(text) {
    if (typeof text !== "string" || !DATE.test(text)) return false;
    var date = new Date(text + "T00:00:00Z");
    return !isNaN(date) && date.toISOString().slice(0, 10) === text;
  }
  function unknownFields(value, allowed, where, problems) {
    Object.keys(value).forEach(function (key) {
      if (allowed.indexOf(key) < 0) problems.push(where + "onbekend veld '" + key + "'. Toegestaan: " + allowed.join(", ") + ".");
    });
  }

  function checkEvidence(item, where, problems) {
    if (!isObject(item)) { problems.push(where + "moet een groep velden zijn (title, date, link, file)."); return; }
    unknownFields(item, ["title", "date", "link", "file"], where, problems);
    if (!isText(item.title, 120)) problems.push(where + "'title' ontbreekt of is langer dan 120 tekens.");
    if ("date" in item && !realDate(item.date)) problems.push(where + "'date' moet een datum zijn als 2024-03-31.");
    if ("link" in item && !(typeof item.link === "string" && LINK.test(item.link) && item.link.length <= 500)) {
      problems.push(where + "'link' moet beginnen met http:// of https://.");
    }
    if ("file" in item && !isText(item.file, 120)) problems.push(where + "'file' moet een bestandsnaam zijn van hoogstens 120 tekens.");
  }

  function checkSkill(skill, where, rules, problems, seen) {
    if (!isObject(skill)) { problems.push(where + "moet een groep velden zijn."); return; }
    unknownFields(skill, ["id", "label", "esco_uri", "level", "learned", "evidence", "added"], where, problems);
    if (typeof skill.id !== "string" || !ID.test(skill.id)) problems.push(where + "'id' ontbreekt of is geen geldige id (kleine letters, cijfers en streepjes).");
    else if (seen.has(skill.id)) problems.push(where + "de vaardigheid '" + skill.id + "' staat er twee keer in.");
    else seen.add(skill.id);
    if (!isText(skill.label, 200)) problems.push(where + "'label' (de naam van de vaardigheid) ontbreekt.");
    if ("esco_uri" in skill && !(typeof skill.esco_uri === "string" && ESCO.test(skill.esco_uri))) problems.push(where + "'esco_uri' is geen ESCO-adres van een vaardigheid.");
    if (!("level" in skill) || (skill.level !== null && rules.levels.indexOf(skill.level) < 0)) {
      problems.push(where + "'level' moet " + rules.levels.join(", ") + " of null (nog niet gekozen) zijn.");
    }
    if (!Array.isArray(skill.learned)) problems.push(where + "'learned' moet een lijst zijn (" + rules.learned.join(", ") + ").");
    else {
      skill.learned.forEach(function (place) {
        if (rules.learned.indexOf(place) < 0) problems.push(where + "'learned' kent '" + place + "' niet. Toegestaan: " + rules.learned.join(", ") + ".");
      });
      if (new Set(skill.learned).size !== skill.learned.length) problems.push(where + "'learned' noemt iets twee keer.");
    }
    if (!Array.isArray(skill.evidence)) problems.push(where + "'evidence' moet een lijst zijn (mag leeg zijn).");
    else {
      if (skill.evidence.length > MAX_EVIDENCE) problems.push(where + "hoogstens " + MAX_EVIDENCE + " bewijzen per vaardigheid.");
      skill.evidence.forEach(function (item, index) { checkEvidence(item, where + "bewijs " + (index + 1) + ": ", problems); });
    }
    if ("added" in skill && !realDate(skill.added)) problems.push(where + "'added' moet een datum zijn als 2024-03-31.");
  }

  /* Every problem at once, in Dutch; an empty list means the value is a passport this page can keep. */
  function check(value, rules) {
    var problems = [];
    if (!isObject(value)) return ["Dit bestand is geen vaardighedenlijst: er staat geen groep velden in."];
    if (value.format !== rules.format) {
      return ["Dit bestand is geen vaardighedenlijst van deze gids: het veld 'format' moet '" + rules.format + "' zijn."];
    }
    if (typeof value.version === "number" && value.version > rules.version) {
      return ["Dit bestand is gemaakt met een nieuwere versie (versie " + value.version + "). Deze pagina kent versie " + rules.version + ". Maak het bestand opnieuw op de site waar je het maakte, of vraag de beheerder van deze site."];
    }
    if (value.version !== rules.version) problems.push("'version' moet " + rules.version + " zijn.");
    unknownFields(value, ["format", "version", "updated", "site", "name", "occupations", "skills"], "", problems);
    if ("updated" in value && !(typeof value.updated === "string" && !isNaN(Date.parse(value.updated)))) problems.push("'updated' moet een tijdstip zijn als 2026-11-23T10:00:00Z.");
    if ("site" in value && typeof value.site !== "string") problems.push("'site' moet een tekst zijn.");
    if ("name" in value && !(typeof value.name === "string" && value.name.length <= 100)) problems.push("'name' moet een tekst van hoogstens 100 tekens zijn.");
    if ("occupations" in value) {
      if (!Array.isArray(value.occupations) || value.occupations.length > MAX_OCCUPATIONS) problems.push("'occupations' moet een lijst van hoogstens " + MAX_OCCUPATIONS + " beroepen zijn.");
      else value.occupations.forEach(function (o, index) {
        var where = "Beroep " + (index + 1) + ": ";
        if (!isObject(o)) { problems.push(where + "moet een groep velden zijn (id, name)."); return; }
        unknownFields(o, ["id", "name"], where, problems);
        if (typeof o.id !== "string" || !ID.test(o.id)) problems.push(where + "'id' ontbreekt of is geen geldige id.");
        if (!isText(o.name, 200)) problems.push(where + "'name' ontbreekt.");
      });
    }
    if (!Array.isArray(value.skills)) problems.push("'skills' (de lijst met vaardigheden) ontbreekt.");
    else if (value.skills.length > MAX_SKILLS) problems.push("Hoogstens " + MAX_SKILLS + " vaardigheden; dit bestand heeft er " + value.skills.length + ".");
    else {
      var seen = new Set();
      value.skills.forEach(function (skill, index) {
        var label = isObject(skill) && typeof skill.label === "string" ? " (" + skill.label + ")" : "";
        checkSkill(skill, "Vaardigheid " + (index + 1) + label + ": ", rules, problems, seen);
      });
    }
    return problems;
  }

  /* Fields in one fixed order: an exported file read back and exported again gives the same bytes. */
  function normalise(value) {
    var result = { format: value.format, version: value.version };
    if (value.updated) result.updated = value.updated;
    if (value.site) result.site = value.site;
    if (value.name) result.name = value.name;
    result.occupations = (value.occupations || []).map(function (o) { return { id: o.id, name: o.name }; });
    result.skills = value.skills.map(function (s) {
      var skill = { id: s.id, label: s.label };
      if (s.esco_uri) skill.esco_uri = s.esco_uri;
      skill.level = s.level;
      skill.learned = s.learned.slice();
      skill.evidence = s.evidence.map(function (e) {
        var item = { title: e.title };
        ["date", "link", "file"].forEach(function (key) { if (e[key]) item[key] = e[key]; });
        return item;
      });
      if (s.added) skill.added = s.added;
      return skill;
    });
    return result;
  }

  var api = {
    gapBetween: gapBetween, coverage: coverage, rankOccupations: rankOccupations, rankCourses: rankCourses,
    stillMissingAfter: stillMissingAfter, check: check, normalise: normalise
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ScholingPassportRules = api;
})(this);
