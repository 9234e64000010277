/* Mijn vaardigheden without a network: a service worker for /mijn-vaardigheden/ only (its folder is its scope).

   Network first, so a visitor online always gets today's site; what came in is kept, and used when the
   network is gone. On install it fetches what the page may need later (its scripts and styles, the skills
   data, the courses file, the search scripts and the skills index meta), so a gap or a search works
   offline too after one visit. The build writes this file with a version line: a new build with other
   data installs it again and starts a fresh cache. Nothing here talks to any other site.
*/
"use strict";

var VERSION = "{{ version }}";
var CACHE = "mijn-vaardigheden-" + VERSION;
var PAGE = new URL("./", self.location.href).href;

function sameSite(url) { return new URL(url, PAGE).origin === self.location.origin; }

function pageFiles(html) {
  var found = [PAGE];
  var pattern = /\s(?:src|href|data-source|data-search-skills|data-search-scripts)="([^"]+)"/g;
  var match;
  while ((match = pattern.exec(html))) {
    match[1].split(" ").forEach(function (url) {
      var absolute = new URL(url.replace(/&amp;/g, "&"), PAGE).href;
      if (sameSite(absolute) && /\.(js|css|json|svg)$/.test(new URL(absolute).pathname) && found.indexOf(absolute) < 0) found.push(absolute);
    });
  }
  return found;
}

function warm() {
  return caches.open(CACHE).then(function (cache) {
    return fetch(PAGE).then(function (response) { return response.text(); }).then(function (html) {
      return cache.addAll(pageFiles(html)).then(function () {
        var source = /data-source="([^"]+)"/.exec(html);
        if (!source) return null;
        return cache.match(new URL(source[1], PAGE).href).then(function (hit) { return hit && hit.json(); }).then(function (data) {
          return data && data.courses_url ? cache.add(new URL(data.courses_url, PAGE).href) : null;
        });
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(warm().catch(function () { /* offline while installing: the next visit tries again */ }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("mijn-vaardigheden-") === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameSite(request.url)) return;
  var key = request.mode === "navigate" ? PAGE : request.url;  // a share link (#...) or ?query is the same page
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(key, copy); });
    }
    return response;
  }).catch(function (error) {
    return caches.match(key).then(function (hit) { if (hit) return hit; throw error; });
  }));
});
