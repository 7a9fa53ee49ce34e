// Katalog search: the header search box. Results show under it as one types; arrow keys move through
// them, Escape closes them. Enter opens the results page with the query and the filters chosen here.
// Part of katalog-search.js (see katalog-search-engine.js).
(function (search) {
  "use strict";
  var el = katalogCommon.el;
  var CONFIG = search.config;
  var root = search.root;
  var engine = search.engine;
  var makeFilters = search.makeFilters, chosenFilters = search.chosenFilters;
  var showList = search.showList, busy = search.busy;

  function searchPageUrl(text) {
    var url = new URL(CONFIG.page, root);
    url.searchParams.set("q", text);
    return url.href;
  }

  search.headerBox = function () {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".katalog-search")) return;
    var box = el("div", { "class": "katalog-search", role: "search" });
    var form = el("form", { "class": "katalog-search__form", action: new URL(CONFIG.page, root).href, method: "get" });
    var input = el("input", {
      type: "search", "class": "katalog-search__input", name: "q", autocomplete: "off", spellcheck: "false",
      placeholder: CONFIG.texts.placeholder, "aria-label": CONFIG.texts.placeholder, role: "combobox",
      "aria-autocomplete": "list", "aria-controls": "katalog-search-results", "aria-expanded": "false"
    });
    form.appendChild(input);
    var panel = el("div", { "class": "katalog-search__panel", id: "katalog-search-results", hidden: "" });
    var status = el("p", { "class": "katalog-search__status", role: "status", "aria-live": "polite" });
    var filtersBox = el("div", { "class": "katalog-search__filters" });
    var list = el("ol", { "class": "katalog-search__list" });
    panel.appendChild(status);
    panel.appendChild(filtersBox);
    panel.appendChild(list);
    box.appendChild(form);
    box.appendChild(panel);
    header.insertBefore(box, header.querySelector(".md-header__source"));

    var last = null;
    var myId = 0;
    var filters = [];
    var PAGE = 20;  // results shown at once: rendering hundreds per keystroke would be slow
    var EARLY = 5;  // shown while the others' result files still arrive; not after "more" (the list would shrink)
    var shown = PAGE;
    var more = el("button", { type: "button", "class": "md-button katalog-search__more", hidden: "" }, CONFIG.texts.more);
    more.addEventListener("click", function () { shown += PAGE; ask(); });
    panel.appendChild(more);

    search.listen({
      id: function () { return myId; }, list: list, status: status,
      filters: function () { return filters; }, last: function () { return last; },
      ready: function (message) { filters = makeFilters(message, filtersBox, function () { shown = PAGE; ask(); }); },
      results: function (message) { last = message; render(); }
    });

    function close() { panel.hidden = true; input.setAttribute("aria-expanded", "false"); }

    function ask() {
      var text = input.value.trim();
      if (!text) { close(); return; }
      myId = engine.ask("box", text, chosenFilters(filters), shown, shown === PAGE ? EARLY : 0);
      busy(list, true);
    }

    function query() { shown = PAGE; ask(); }

    function render() {
      if (!last) return;
      showList(last, list, more, status, filters);
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    input.addEventListener("focus", engine.start, { once: true });
    input.addEventListener("input", query);
    // Enter: every result on a page of its own, with the filters chosen here.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      var url = new URL(searchPageUrl(text));
      var chosen = chosenFilters(filters);
      Object.keys(chosen).forEach(function (name) { url.searchParams.set(name, chosen[name]); });
      window.location.assign(url.href);
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a[href]"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.focus(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    // A tap or click elsewhere closes the list (on a phone it covers the page).
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) close(); });
  };
})(katalogSearch);
