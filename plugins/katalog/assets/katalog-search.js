// Katalog search: the header search box, and the full results page (soeg/?q=...). The worker fetches
// the index's pieces on first use (katalog-search-worker.js), and every result is built with
// textContent: data never becomes HTML, and a result's URL becomes a link only if it is a web address
// (never javascript: or data:). Enter in the header box opens the results page; there the query and the filters live in
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

  function marked(parts) {
    // [[text, matched?], ...] as text nodes, the matched ones in <mark>: data never becomes HTML.
    var fragment = document.createDocumentFragment();
    (Array.isArray(parts) ? parts : []).forEach(function (part) {
      var text = String(part[0]);
      fragment.appendChild(part[1] ? el("mark", {}, text) : document.createTextNode(text));
    });
    return fragment;
  }

  function resultItem(hit) {
    var item = el("li", { "class": "katalog-search__result" });
    var link = el("a", { "class": "katalog-search__link" });
    var href = pageUrl(hit.url);
    if (href) link.setAttribute("href", href);
    var title = el("span", { "class": "katalog-search__title" });
    title.appendChild(marked(hit.title));
    link.appendChild(title);
    if (hit.info) link.appendChild(el("span", { "class": "katalog-search__meta" }, String(hit.info)));
    var summary = el("span", { "class": "katalog-search__summary" });
    summary.appendChild(marked(hit.passage));
    link.appendChild(summary);
    item.appendChild(link);
    var section = sectionLink(hit);
    if (section) item.appendChild(section);
    return item;
  }

  // The heading the passage is under: a link to that part of the page.
  function sectionLink(hit) {
    var href = hit.heading ? pageUrl(String(hit.url) + "#" + encodeURIComponent(String(hit.anchor))) : null;
    return href && pageUrl(hit.url) ? el("a", { "class": "katalog-search__section", href: href },
      CONFIG.texts.section.replace("{heading}", String(hit.heading))) : null;
  }

  // The passages arrive after the list: each replaces its result's summary where it is (a link the
  // keyboard is on keeps its focus).
  function addPassages(list, hits, passages) {
    passages.forEach(function (found) {
      var item = list.children[found.index], hit = hits[found.index];
      if (!item || !hit) return;
      hit.passage = found.passage; hit.heading = found.heading; hit.anchor = found.anchor;
      var summary = item.querySelector(".katalog-search__summary");
      summary.textContent = "";
      summary.appendChild(marked(found.passage));
      var old = item.querySelector(".katalog-search__section");
      if (old) item.removeChild(old);
      var section = sectionLink(hit);
      if (section) item.appendChild(section);
    });
  }

  // The type and catalogue filters: [{ name, select, labels }], named as in the address. The worker
  // filters; counts (per option, with the other filters as chosen) arrive with the results.
  function makeFilters(meta, into, onChange) {
    var filters = [];
    var groups = [["type", CONFIG.texts.all_types, meta.typeKeys, meta.types]];
    meta.vocabularies.forEach(function (vocabulary) {
      if (vocabulary.filter) groups.push([vocabulary.name, vocabulary.label, vocabulary.keys, vocabulary.terms]);
    });
    groups.forEach(function (group) {
      var select = el("select", { "class": "katalog-search__filter", "aria-label": group[1] });
      select.appendChild(el("option", { value: "" }, group[1]));
      group[3].forEach(function (label, i) { select.appendChild(el("option", { value: String(group[2][i]) }, label)); });
      select.addEventListener("change", onChange);
      filters.push({ name: group[0], select: select, labels: group[3] });
      into.appendChild(select);
    });
    return filters;
  }

  function chosenFilters(filters) {
    var out = {};
    filters.forEach(function (f) { if (f.select.value) out[f.name] = f.select.value; });
    return out;
  }

  // "Aarhus (12)": each option with its count (0 too: an option stays where it was, and selectable).
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "da");
  function showCounts(filters, counts) {
    if (!counts) return;
    filters.forEach(function (f) {
      var per = counts[f.name];
      if (!per) return;
      Array.prototype.forEach.call(f.select.options, function (option, i) {
        if (i === 0) return;
        var n = per[i - 1] || 0;
        option.textContent = f.labels[i - 1] + " (" + numbers.format(n) + ")";
      });
    });
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
    var EARLY = 5;  // shown while the others' result files still arrive
    var shown = PAGE;
    var more = el("button", { type: "button", "class": "md-button katalog-search__more", hidden: "" }, CONFIG.texts.more);
    more.addEventListener("click", function () { shown += PAGE; ask(); });
    panel.appendChild(more);

    engine.listeners.push(function (message) {
      if (message.type === "ready") {
        filters = makeFilters(message, filtersBox, function () { shown = PAGE; ask(); });
      } else if (message.type === "error") {
        status.textContent = CONFIG.texts.failed;
      } else if (message.type === "results" && message.id === myId) {
        last = message; render();
      } else if (message.type === "passages" && message.id === myId && last) {
        addPassages(list, last.hits, message.passages);
      } else if (message.type === "counts" && message.id === myId) {
        showCounts(filters, message.counts);
      }
    });

    function close() { panel.hidden = true; input.setAttribute("aria-expanded", "false"); }

    function ask() {
      var text = input.value.trim();
      if (!text) { close(); return; }
      myId = engine.ask("box", text, chosenFilters(filters), shown, EARLY);
    }

    function query() { shown = PAGE; ask(); }

    function render() {
      if (!last) return;
      list.textContent = "";
      last.hits.forEach(function (hit) { list.appendChild(resultItem(hit)); });
      more.hidden = Boolean(last.partial) || last.total <= last.hits.length;
      status.textContent = countText(last.total);
      showCounts(filters, last.counts);
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
      if (!engine.meta) return;  // asked again when the filters exist (they may come from the address)
      myId = engine.ask("page", text, chosenFilters(filters), shown);
    }

    function render() {
      if (!last) return;
      list.textContent = "";
      last.hits.forEach(function (hit) { list.appendChild(resultItem(hit)); });
      more.hidden = last.total <= last.hits.length;
      status.textContent = countText(last.total);
      showCounts(filters, last.counts);
    }

    engine.listeners.push(function (message) {
      if (message.type === "ready") {
        filters = makeFilters(message, filtersBox, function () { shown = PAGE; toAddress(false); query(); });
        fromAddress();
        query();
      } else if (message.type === "error") {
        status.textContent = CONFIG.texts.failed;
      } else if (message.type === "results" && message.id === myId) {
        last = message; render();
      } else if (message.type === "passages" && message.id === myId && last) {
        addPassages(list, last.hits, message.passages);
      } else if (message.type === "counts" && message.id === myId) {
        showCounts(filters, message.counts);
      }
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
    headerBox();
    var page = document.querySelector("[data-katalog-search-page]");
    if (page) resultsPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
