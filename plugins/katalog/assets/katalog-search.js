// Katalog search: the header search box. The index is fetched on first use (focus), loaded in a
// worker, and every result is built with textContent: data never becomes HTML, and a result's URL
// becomes a link only if it is a web address (never javascript: or data:).
(function () {
  "use strict";
  var CONFIG = __KATALOG_SEARCH_CONFIG__;
  var script = document.currentScript;
  var base = new URL("./", script.src);  // .../katalog/
  var root = new URL("../", base);       // the site's root, also under a sub-path

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

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".katalog-search")) return;
    var box = el("div", { "class": "katalog-search", role: "search" });
    var form = el("form", { "class": "katalog-search__form" });
    var input = el("input", {
      type: "search", "class": "katalog-search__input", name: "q", autocomplete: "off", spellcheck: "false",
      placeholder: CONFIG.texts.placeholder, "aria-label": CONFIG.texts.placeholder, role: "combobox",
      "aria-autocomplete": "list", "aria-controls": "katalog-search-results", "aria-expanded": "false"
    });
    form.appendChild(input);
    var panel = el("div", { "class": "katalog-search__panel", id: "katalog-search-results", hidden: "" });
    var status = el("p", { "class": "katalog-search__status", role: "status", "aria-live": "polite" });
    var filters = el("div", { "class": "katalog-search__filters" });
    var list = el("ol", { "class": "katalog-search__list" });
    panel.appendChild(status);
    panel.appendChild(filters);
    panel.appendChild(list);
    box.appendChild(form);
    box.appendChild(panel);
    var anchor = header.querySelector(".md-header__source");
    header.insertBefore(box, anchor);

    var worker = null;
    var meta = null;
    var lastId = 0;
    var last = null;
    var selects = [];
    var places = -1;
    var PAGE = 20;  // results shown at once: rendering hundreds per keystroke would be slow
    var shown = PAGE;
    var more = el("button", { type: "button", "class": "md-button katalog-search__more", hidden: "" }, CONFIG.texts.more);
    more.addEventListener("click", function () { shown += PAGE; render(); });
    panel.appendChild(more);

    function start() {
      if (worker) return;
      worker = new Worker(new URL("katalog-search-worker.js", base));
      worker.onmessage = receive;
      worker.postMessage({
        type: "setup", base: base.href,
        docs: new URL(CONFIG.docs, base).href, index: new URL(CONFIG.index, base).href
      });
    }

    function receive(event) {
      var message = event.data;
      if (message.type === "ready") { meta = message; buildFilters(); }
      else if (message.type === "error") { status.textContent = CONFIG.texts.failed; }
      else if (message.type === "results" && message.id === lastId) { last = message; shown = PAGE; render(); }
    }

    function buildFilters() {
      var groups = [[CONFIG.texts.all_types, meta.types, -1]];
      meta.vocabularies.forEach(function (vocabulary, v) {
        if (vocabulary.filter) groups.push([vocabulary.label, vocabulary.terms, v]);
        if (vocabulary.name === "municipalities") places = v;
      });
      groups.forEach(function (group) {
        var select = el("select", { "class": "katalog-search__filter", "aria-label": group[0] });
        select.appendChild(el("option", { value: "" }, group[0]));
        group[1].forEach(function (label, i) { select.appendChild(el("option", { value: String(i) }, label)); });
        select.addEventListener("change", function () { shown = PAGE; render(); });
        select.dataset.vocabulary = String(group[2]);
        selects.push(select);
        filters.appendChild(select);
      });
    }

    function query() {
      var text = input.value.trim();
      if (!text) { panel.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      start();
      lastId += 1;
      worker.postMessage({ type: "search", id: lastId, query: text });
    }

    function matches(hit) {
      return selects.every(function (select) {
        if (!select.value) return true;
        var v = Number(select.dataset.vocabulary);
        var want = Number(select.value);
        return v < 0 ? hit[2] === want : hit[4][v].indexOf(want) >= 0;
      });
    }

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

    function render() {
      if (!last) return;
      var hits = last.hits.filter(matches);
      list.textContent = "";
      hits.slice(0, shown).forEach(function (hit) {
        var item = el("li", { "class": "katalog-search__result" });
        var link = el("a", { "class": "katalog-search__link" });
        var href = pageUrl(hit[1]);
        if (href) link.setAttribute("href", href);
        var title = el("span", { "class": "katalog-search__title" });
        title.appendChild(marked(String(hit[0]), last.words));
        link.appendChild(title);
        var kind = hit[2] >= 0 && meta ? meta.types[hit[2]] : "";
        var where = places >= 0 ? hit[4][places].map(function (t) { return meta.vocabularies[places].terms[t]; }) : [];
        var info = [kind, where.join(", ")].filter(Boolean).join(" · ");
        if (info) link.appendChild(el("span", { "class": "katalog-search__meta" }, info));
        var summary = el("span", { "class": "katalog-search__summary" });
        summary.appendChild(marked(String(hit[3]), last.words));
        link.appendChild(summary);
        item.appendChild(link);
        list.appendChild(item);
      });
      more.hidden = hits.length <= shown;
      var count = hits.length;
      status.textContent = count === 0 ? CONFIG.texts.none
        : (count === 1 ? CONFIG.texts.one : CONFIG.texts.many.replace("{count}", String(count)));
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    input.addEventListener("focus", start, { once: true });
    input.addEventListener("input", query);
    form.addEventListener("submit", function (event) { event.preventDefault(); query(); });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a[href]"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { panel.hidden = true; input.setAttribute("aria-expanded", "false"); input.focus(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
