// Katalog search: the full results page (soeg/?q=...), where the query and the filters live in the
// address, so a search can be shared and comes back with Back and Forward; and the start of the
// search on each page: the header box everywhere, the results page where it is. Last part of
// katalog-search.js (see katalog-search-engine.js).
(function (search) {
  "use strict";
  var CONFIG = search.config;
  var engine = search.engine;
  var makeFilters = search.makeFilters, chosenFilters = search.chosenFilters;
  var showList = search.showList, busy = search.busy;

  function resultsPage(page) {
    var form = page.querySelector("form");
    var input = page.querySelector("input[name=q]");
    var status = page.querySelector(".katalog-search-page__status");
    var filtersBox = page.querySelector(".katalog-search-page__filters");
    var list = page.querySelector(".katalog-search-page__results");
    var more = page.querySelector(".katalog-search-page__more");
    var PAGE = 50;
    // Shown while the others' result files still arrive; not when "more" asks again (the list would
    // shrink to them first).
    var EARLY = 5;
    var shown = PAGE;
    var last = null;
    var myId = 0;
    var filters = [];
    var wanted = new URLSearchParams(window.location.search);

    function fromAddress() {
      wanted = new URLSearchParams(window.location.search);
      input.value = wanted.get("q") || "";
      filters.forEach(function (f) {
        var value = wanted.get(f.name) || "";
        var known = Array.prototype.some.call(f.select.options, function (o) { return o.value === value; });
        f.select.value = known ? value : "";
      });
    }

    function toAddress(push) {
      var params = new URLSearchParams(window.location.search);
      params.set("q", input.value.trim());
      filters.forEach(function (f) { if (f.select.value) params.set(f.name, f.select.value); else params.delete(f.name); });
      var url = window.location.pathname + "?" + params.toString();
      if (url === window.location.pathname + window.location.search) return;
      if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    }

    function query() {
      var text = input.value.trim();
      last = null;
      list.textContent = "";
      more.hidden = true;
      if (!text) { status.textContent = CONFIG.texts.page_empty; return; }
      if (!engine.meta) return;  // asked again when the filters exist (they may come from the address)
      myId = engine.ask("page", text, chosenFilters(filters), shown, shown === PAGE ? EARLY : 0);
      busy(list, true);
    }

    function render() {
      if (!last) return;
      showList(last, list, more, status, filters);
    }

    search.listen({
      id: function () { return myId; }, list: list, status: status,
      filters: function () { return filters; }, last: function () { return last; },
      ready: function (message) {
        filters = makeFilters(message, filtersBox, function () { shown = PAGE; toAddress(false); query(); });
        fromAddress();
        query();
      },
      results: function (message) { last = message; render(); }
    });
    more.addEventListener("click", function () { shown += PAGE; query(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      toAddress(true);
      shown = PAGE;
      query();
    });
    window.addEventListener("popstate", function () { fromAddress(); shown = PAGE; query(); });
    fromAddress();
    engine.start();
    query();
  }

  function init() {
    search.headerBox();
    var page = document.querySelector("[data-katalog-search-page]");
    if (page) resultsPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(katalogSearch);
