// Katalog search: the header search box, and the full results page (soeg/?q=...). The index is
// fetched on first use, loaded in a worker, and every result is built with textContent: data never
// becomes HTML, and a result's URL becomes a link only if it is a web address (never javascript: or
// data:). Enter in the header box opens the results page; there the query and the filters live in
// the address, so a search can be shared and comes back with Back and Forward.
(function () {
  "use strict";
  var CONFIG = __KATALOG_SEARCH_CONFIG__;
  var script = document.currentScript;
  var base = new URL("./", script.src);  // .../katalog/
  var root = new URL("../", base);       // the site's root, also under a sub-path
  // This build's data files, for the overview filters (a page a preview kept may name older ones).
  window.katalogData = { docs: new URL(CONFIG.docs, base).href, cards: new URL(CONFIG.cards, base).href };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The address of a result on this site, or null for anything that is not a web page.
  function pageUrl(path) {
    var url;
    try { url = new URL(String(path), root); } catch (error) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === root.protocol ? url.href : null;
  }

  function countText(count) {
    return count === 0 ? CONFIG.texts.none
      : (count === 1 ? CONFIG.texts.one : CONFIG.texts.many.replace("{count}", new Intl.NumberFormat(document.documentElement.lang || "da").format(count)));
  }

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
        type: "setup", base: base.href,
        docs: new URL(CONFIG.docs, base).href, index: new URL(CONFIG.index, base).href
      });
    },
    ask: function (text, all) {
      engine.start();
      engine.lastId += 1;
      engine.worker.postMessage({ type: "search", id: engine.lastId, query: text, all: Boolean(all) });
      return engine.lastId;
    }
  };

  function marked(text, words) {
    // Text with matched words in <mark>, built from text nodes only.
    var fragment = document.createDocumentFragment();
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part) {
      var lower = part.toLowerCase();
      var hit = part && words.some(function (word) { return word.length > 1 && lower.indexOf(word) === 0; });
      fragment.appendChild(hit ? el("mark", {}, part) : document.createTextNode(part));
    });
    return fragment;
  }

  function placesOf(meta) {
    var places = -1;
    meta.vocabularies.forEach(function (vocabulary, v) { if (vocabulary.name === "municipalities") places = v; });
    return places;
  }

  function resultItem(hit, words, meta) {
    var item = el("li", { "class": "katalog-search__result" });
    var link = el("a", { "class": "katalog-search__link" });
    var href = pageUrl(hit[1]);
    if (href) link.setAttribute("href", href);
    var title = el("span", { "class": "katalog-search__title" });
    title.appendChild(marked(String(hit[0]), words));
    link.appendChild(title);
    var kind = hit[2] >= 0 && meta ? meta.types[hit[2]] : "";
    var places = meta ? placesOf(meta) : -1;
    var where = places >= 0 ? hit[4][places].map(function (t) { return meta.vocabularies[places].terms[t]; }) : [];
    var info = [kind, where.join(", ")].filter(Boolean).join(" · ");
    if (info) link.appendChild(el("span", { "class": "katalog-search__meta" }, info));
    var summary = el("span", { "class": "katalog-search__summary" });
    summary.appendChild(marked(String(hit[3]), words));
    link.appendChild(summary);
    item.appendChild(link);
    return item;
  }

  // The type and catalogue filters: [{ name, select, matches(hit) }], named as in the address.
  function makeFilters(meta, into, onChange) {
    var filters = [];
    var groups = [["type", CONFIG.texts.all_types, meta.typeKeys, meta.types, -1]];
    meta.vocabularies.forEach(function (vocabulary, v) {
      if (vocabulary.filter) groups.push([vocabulary.name, vocabulary.label, vocabulary.keys, vocabulary.terms, v]);
    });
    groups.forEach(function (group) {
      var select = el("select", { "class": "katalog-search__filter", "aria-label": group[1] });
      select.appendChild(el("option", { value: "" }, group[1]));
      group[3].forEach(function (label, i) { select.appendChild(el("option", { value: String(group[2][i]) }, label)); });
      var position = new Map();
      group[2].forEach(function (key, i) { position.set(String(key), i); });
      select.addEventListener("change", onChange);
      filters.push({
        name: group[0], select: select,
        matches: function (hit) {
          if (!select.value) return true;
          var want = position.get(select.value);
          return group[4] < 0 ? hit[2] === want : hit[4][group[4]].indexOf(want) >= 0;
        }
      });
      into.appendChild(select);
    });
    return filters;
  }

  function searchPageUrl(text) {
    var url = new URL(CONFIG.page, root);
    url.searchParams.set("q", text);
    return url.href;
  }

  function headerBox() {
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
    var shown = PAGE;
    var more = el("button", { type: "button", "class": "md-button katalog-search__more", hidden: "" }, CONFIG.texts.more);
    more.addEventListener("click", function () { shown += PAGE; render(); });
    panel.appendChild(more);

    engine.listeners.push(function (message) {
      if (message.type === "ready") {
        filters = makeFilters(message, filtersBox, function () { shown = PAGE; render(); });
      } else if (message.type === "error") {
        status.textContent = CONFIG.texts.failed;
      } else if (message.type === "results" && message.id === myId) {
        last = message; shown = PAGE; render();
      }
    });

    function close() { panel.hidden = true; input.setAttribute("aria-expanded", "false"); }

    function query() {
      var text = input.value.trim();
      if (!text) { close(); return; }
      myId = engine.ask(text, false);
    }

    function render() {
      if (!last) return;
      var hits = last.hits.filter(function (hit) { return filters.every(function (f) { return f.matches(hit); }); });
      list.textContent = "";
      hits.slice(0, shown).forEach(function (hit) { list.appendChild(resultItem(hit, last.words, engine.meta)); });
      more.hidden = hits.length <= shown;
      status.textContent = countText(hits.length);
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
      filters.forEach(function (f) { if (f.select.value) url.searchParams.set(f.name, f.select.value); });
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
  }

  function resultsPage(page) {
    var form = page.querySelector("form");
    var input = page.querySelector("input[name=q]");
    var status = page.querySelector(".katalog-search-page__status");
    var filtersBox = page.querySelector(".katalog-search-page__filters");
    var list = page.querySelector(".katalog-search-page__results");
    var more = page.querySelector(".katalog-search-page__more");
    var PAGE = 50;
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
      myId = engine.ask(text, true);
    }

    function render() {
      if (!last) return;
      var hits = last.hits.filter(function (hit) { return filters.every(function (f) { return f.matches(hit); }); });
      list.textContent = "";
      hits.slice(0, shown).forEach(function (hit) { list.appendChild(resultItem(hit, last.words, engine.meta)); });
      more.hidden = hits.length <= shown;
      status.textContent = countText(hits.length);
    }

    engine.listeners.push(function (message) {
      if (message.type === "ready") {
        filters = makeFilters(message, filtersBox, function () { shown = PAGE; toAddress(false); render(); });
        fromAddress();
        render();
      } else if (message.type === "error") {
        status.textContent = CONFIG.texts.failed;
      } else if (message.type === "results" && message.id === myId) {
        last = message; shown = PAGE; render();
      }
    });
    more.addEventListener("click", function () { shown += PAGE; render(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      toAddress(true);
      shown = PAGE;
      query();
    });
    window.addEventListener("popstate", function () { fromAddress(); query(); });
    fromAddress();
    engine.start();
    query();
  }

  function init() {
    headerBox();
    var page = document.querySelector("[data-katalog-search-page]");
    if (page) resultsPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
