// Katalog search, the page's side: the header search box (katalog-search-box.js) and the full results
// page, soeg/?q=... (katalog-search-page.js), both asking one worker that fetches the index's pieces on
// first use (katalog-search-worker.js). Every result is built with textContent: data never becomes
// HTML, and a result's URL becomes a link only if it is a web address (never javascript: or data:).
// The build serves katalog-common.js, this file, katalog-search-results.js, katalog-search-box.js and
// katalog-search-page.js as one file, katalog-search.js (render/site_search.py), in that order.
//
// This file: the search's settings and addresses, and the worker client (engine), in katalogSearch,
// the one object the search's files share.
/* exported katalogSearch */
var katalogSearch = (function () {
  "use strict";
  var CONFIG = __KATALOG_SEARCH_CONFIG__;
  var script = document.currentScript;
  var base = new URL("./", script.src);  // .../katalog/
  var root = new URL("../", base);       // the site's root, also under a sub-path
  // This build's data files, for the overview filters (a page a preview kept may name older ones).
  window.katalogData = { docs: new URL(CONFIG.docs, base).href, cards: new URL(CONFIG.cards, base).href };

  // One worker for the page: the header box and the results page ask it, each with its own ids.
  var engine = {
    worker: null, meta: null, lastId: 0, listeners: [],
    start: function () {
      if (engine.worker) return;
      engine.worker = new Worker(new URL("katalog-search-worker.js", base));
      engine.worker.onmessage = function (event) {
        var message = event.data;
        if (message.type === "ready") engine.meta = message;
        engine.listeners.forEach(function (listener) { listener(message); });
      };
      engine.worker.postMessage({
        type: "setup", base: base.href, index: new URL(CONFIG.index, base).href, lang: document.documentElement.lang
      });
    },
    // filters: {name: key} of the chosen ones; limit: how many results to show (the worker counts all).
    // early: how many results to show before the rest have arrived (0: all at once).
    // channel: the part of the page asking; the worker drops a query of it once a newer one comes.
    ask: function (channel, text, filters, limit, early) {
      engine.start();
      engine.lastId += 1;
      engine.worker.postMessage({
        type: "search", id: engine.lastId, channel: channel, query: text, filters: filters, limit: limit,
        early: early || 0
      });
      return engine.lastId;
    }
  };

  // The other files add what they make to this object (resultItem, headerBox, resultsPage, ...).
  return { config: CONFIG, base: base, root: root, engine: engine };
})();
