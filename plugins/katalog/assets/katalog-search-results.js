// Katalog search: what a list of results shows, the same in the header box and on the results page:
// each result (title, type and places, passage, the heading it is under), the count, and the type and
// catalogue filters with their counts. Text only: the worker's [[text, matched?], ...] become text
// nodes, the matched ones in <mark>. Part of katalog-search.js (see katalog-search-engine.js).
(function (search) {
  "use strict";
  var el = katalogCommon.el;
  var CONFIG = search.config;

  // The address of a result on this site, or null for anything that is not a web page.
  function pageUrl(path) {
    return katalogCommon.pageUrl(path, search.root);
  }

  search.countText = function (count) {
    return count === 0 ? CONFIG.texts.none
      : (count === 1 ? CONFIG.texts.one : CONFIG.texts.many.replace("{count}", new Intl.NumberFormat(document.documentElement.lang || "da").format(count)));
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

  search.resultItem = function (hit) {
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
    if (hit.reason) item.appendChild(reasonLine(hit.reason));
    return item;
  };

  // Why a result was found where only its vocabulary terms or keywords matched: "Tema: Ældre (seniorer)".
  function reasonLine(parts) {
    var line = el("span", { "class": "katalog-search__reason" });
    line.appendChild(marked(parts));
    return line;
  }

  // The heading the passage is under: a link to that part of the page.
  function sectionLink(hit) {
    var href = hit.heading ? pageUrl(String(hit.url) + "#" + encodeURIComponent(String(hit.anchor))) : null;
    return href && pageUrl(hit.url) ? el("a", { "class": "katalog-search__section", href: href },
      CONFIG.texts.section.replace("{heading}", String(hit.heading))) : null;
  }

  // A list the worker posted, in place of the one shown: its results, whether "more" can add to it, its
  // count (none yet for the first results of a word, whose total is null), the filters' counts.
  search.showList = function (message, list, more, status, filters) {
    list.textContent = "";
    message.hits.forEach(function (hit) { list.appendChild(search.resultItem(hit)); });
    more.hidden = Boolean(message.partial) || message.total <= message.hits.length;
    status.textContent = message.total === null ? "" : search.countText(message.total);
    search.showCounts(filters, message.counts);
  };

  // The worker's answers for one part of the page (the header box, the results page). view: id() its
  // newest query's id; list, status, filters() and last() (the list shown) of that part; ready(message)
  // makes its filters once the index is in; results(message) shows a list.
  search.listen = function (view) {
    search.engine.listeners.push(function (message) {
      if (message.type === "ready") {
        view.ready(message);
      } else if (message.type === "error") {
        view.status.textContent = CONFIG.texts.failed;
        search.busy(view.list, false);
      } else if (message.id !== view.id()) {
        return;  // an older query's, or the other part's
      } else if (message.type === "results") {
        view.results(message);
      } else if (message.type === "passages" && view.last()) {
        search.addPassages(view.list, view.last().hits, message.passages);
      } else if (message.type === "counts") {
        search.showCounts(view.filters(), message.counts);
      } else if (message.type === "done") {
        search.busy(view.list, false);
      }
    });
  };

  // A list whose query may still change it (the rest of the list, the passages) says so: assistive
  // technology waits before reading it out.
  search.busy = function (list, busy) { list.setAttribute("aria-busy", busy ? "true" : "false"); };

  // The passages arrive after the list: each replaces its result's summary where it is (a link the
  // keyboard is on keeps its focus); a reason is added under the summary.
  search.addPassages = function (list, hits, passages) {
    passages.forEach(function (found) {
      var item = list.children[found.index], hit = hits[found.index];
      if (!item || !hit) return;
      if (found.reason) {
        hit.reason = found.reason;
        item.appendChild(reasonLine(found.reason));
        return;
      }
      hit.passage = found.passage; hit.heading = found.heading; hit.anchor = found.anchor;
      var summary = item.querySelector(".katalog-search__summary");
      summary.textContent = "";
      summary.appendChild(marked(found.passage));
      var old = item.querySelector(".katalog-search__section");
      if (old) item.removeChild(old);
      var section = sectionLink(hit);
      if (section) item.appendChild(section);
    });
  };

  // The type and catalogue filters: [{ name, select, labels }], named as in the address. The worker
  // filters; counts (per option, with the other filters as chosen) arrive with the results.
  search.makeFilters = function (meta, into, onChange) {
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
  };

  search.chosenFilters = function (filters) {
    var out = {};
    filters.forEach(function (f) { if (f.select.value) out[f.name] = f.select.value; });
    return out;
  };

  // "Aarhus (12)": each option with its count (0 too: an option stays where it was, and selectable).
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "da");
  search.showCounts = function (filters, counts) {
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
  };
})(katalogSearch);
