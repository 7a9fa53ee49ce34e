// Katalog: filters and sort on overview pages, sort on term pages. Without JavaScript the page lists
// its entries newest first and links every term to its page; with it, the term lists become checkboxes
// with live counts, a sort control appears, and both live in the address (?themes=aeldre&sort=title),
// so a filtered view can be shared and comes back with Back and Forward.
// Data is inserted as text only (textContent, attributes), never as HTML. Names and keys from the
// page, the address and the data files ("constructor" is a fine term key) are looked up in Maps.
//
// The two data files Python writes for this script (core/search/build.py docs_file, render/listing_data.py).
// This is the one place their format is written down; tests/test_listings.py checks the built files
// against the property names here.
/**
 * katalog/data/docs.<hash>.json: what result lists and overview filters show, in compact arrays.
 * @typedef {{name: string, label: string, filter: boolean, keys: string[], terms: string[]}} Vocabulary
 *   a vocabulary the documents use: its term keys and labels in the same order; filter: offered as a
 *   filter on the whole catalogue's overview
 * @typedef {[string, (string|[number, string]), number, string, number[][]]} DocRow
 *   title, URL (a string, or [prefix number, rest]), type number (-1: a page), summary, and the term
 *   numbers per vocabulary, in the order of `vocabularies`
 * @typedef {{types: [string, string][], prefixes: string[], vocabularies: Vocabulary[], places: string,
 *   docs: DocRow[]}} DocsFile
 *   types: [key, label] in the schema's order; prefixes: shared beginnings of the URLs; places: the
 *   vocabulary overviews sort by place (core/link/taxonomy.py PLACES); docs: every entry newest first,
 *   then the pages
 *
 * katalog/data/cards.json: the rest of each entry's card, by its row in docs (entries only).
 * @typedef {[number, number[], number[], ([string, string, number, number, string]|undefined)]} CardRow
 *   when, badges, themes (numbers of texts; when -1: none), image: [src, srcset, width, height, alt]
 *   with addresses from the site's root
 * @typedef {{name: string, keys: string[], labels: string[], docs: [number, number[]][]}} KeywordField
 *   a free keyword field (expertise, tags): docs are [row, [keyword numbers]]
 * @typedef {{count: number, themes: string, texts: string[], rows: CardRow[], keywords: KeywordField[]}} CardsFile
 *   count: the number of entries; themes: the label of a card's themes line, for screen readers;
 *   texts: every text the rows use, once
 */
(function (common, cardsOf) {
  "use strict";
  var el = common.el;
  var json = common.json;
  var SORTS = ["newest", "title", "municipality"];
  var NARROW = "(max-width: 44.984375em)";  // Material's breakpoint below which the sidebars fold
  var EMPTY = [];

  // The search script knows this build's data files; a page a preview kept may name older ones.
  function dataUrls(root) {
    var known = window.katalogData || {};
    var here = window.location.href;
    var src = root.getAttribute("data-src");  // term pages have none
    return {
      docs: known.docs || (src ? new URL(src, here).href : null),
      cards: known.cards || new URL(root.getAttribute("data-cards"), here).href
    };
  }

  function setup(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var panel = root.querySelector("details.katalog-filter-panel");
    // On a narrow screen the filters start folded; the count and the status stay outside.
    if (panel && window.matchMedia && window.matchMedia(NARROW).matches) panel.open = false;
    var urls = dataUrls(root);
    if (!urls.docs) return;
    Promise.all([
      json(urls.docs),
      json(urls.cards, { cache: "no-cache" })
    ]).then(function (files) { start(root, files[0], files[1]); }).catch(function (error) {
      console.error("katalog filters:", error);  // the plain lists stay usable
    });
  }

  function start(root, data, cards) {
    var typeName = root.getAttribute("data-type");
    var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 50;
    var siteRoot = new URL(root.getAttribute("data-root"), window.location.href);
    var lang = document.documentElement.lang || "da";
    var collator = new Intl.Collator(lang);
    var numbers = new Intl.NumberFormat(lang);
    var results = root.parentNode.querySelector(".katalog-results");
    var status = root.querySelector(".katalog-filter-status");
    var reset = root.querySelector(".katalog-filter-reset");
    var sortBox = root.querySelector(".katalog-sort");
    var sortSelect = root.querySelector(".katalog-sort-select");
    var sortNote = root.querySelector(".katalog-sort-note");
    var entryCount = cards.count === undefined ? -1 : cards.count;
    var cardRows = Array.isArray(cards.rows) ? cards.rows : [];
    if (cardRows.length !== entryCount) cardRows = [];  // from another build: shown without its extras

    // Every way to narrow the rows: { name, termsOf(row number) -> term numbers, keyIndex, labels }.
    var sources = new Map();
    data.vocabularies.forEach(function (vocabulary, v) {
      sources.set(vocabulary.name, {
        name: vocabulary.name, keys: vocabulary.keys, labels: vocabulary.terms,
        termsOf: function (d) { return data.docs[d][4][v]; }
      });
    });
    (Array.isArray(cards.keywords) ? cards.keywords : []).forEach(function (keyword) {
      var byRow = new Map();
      keyword.docs.forEach(function (pair) { byRow.set(pair[0], pair[1]); });
      sources.set(keyword.name, {
        name: keyword.name, keys: keyword.keys, labels: keyword.labels,
        termsOf: function (d) { return byRow.get(d) || EMPTY; }
      });
    });
    sources.set("type", {
      name: "type", keys: data.types.map(function (t) { return t[0]; }), labels: data.types.map(function (t) { return t[1]; }),
      termsOf: function (d) { return [data.docs[d][2]]; }
    });
    sources.forEach(function (source) {
      source.keyIndex = new Map();
      source.keys.forEach(function (key, t) { source.keyIndex.set(String(key), t); });
    });
    var places = sources.get(data.places);  // the vocabulary Python names (core/link/taxonomy.py PLACES)

    var typeIndex = -1;
    data.types.forEach(function (t, i) { if (t[0] === typeName) typeIndex = i; });
    var rows = [];
    for (var d = 0; d < data.docs.length; d++) {
      var type = data.docs[d][2];
      if (typeIndex < 0 ? type >= 0 : type === typeIndex) rows.push(d);
    }
    var fixedName = root.getAttribute("data-fixed-facet");
    if (fixedName) {  // a term page: its entries only
      var fixed = sources.get(fixedName);
      var fixedTerm = fixed ? fixed.keyIndex.get(root.getAttribute("data-fixed-term")) : undefined;
      if (fixedTerm === undefined) return;
      rows = rows.filter(function (row) { return fixed.termsOf(row).indexOf(fixedTerm) >= 0; });
    }

    var facets = [];  // { source, boxes: [{ term, box, count }] }
    root.querySelectorAll("fieldset[data-facet]").forEach(function (fieldset) {
      var source = sources.get(fieldset.getAttribute("data-facet"));
      if (!source) return;
      var facet = { source: source, boxes: [] };
      var list = el("ul", { "class": "katalog-facet-options" });
      fieldset.querySelectorAll("a[data-term]").forEach(function (link) {
        var term = source.keyIndex.get(link.getAttribute("data-term"));
        if (term === undefined) return;
        var id = "f-" + facets.length + "-" + term;
        var box = el("input", { type: "checkbox", id: id, value: String(term) });
        var count = el("span", { "class": "katalog-term-count" });
        var label = el("label", { "for": id });
        label.appendChild(box);
        label.appendChild(el("span", { "class": "katalog-facet-label" }, source.labels[term]));
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        var item = el("li");
        item.appendChild(label);
        list.appendChild(item);
        facet.boxes.push({ term: term, box: box, count: count });
        box.addEventListener("change", function () { update(true); });
      });
      fieldset.querySelector(".katalog-facet-links").hidden = true;
      fieldset.insertBefore(list, fieldset.querySelector(".katalog-facet-more"));
      facets.push(facet);
    });
    if (sortSelect) {
      sortBox.hidden = false;
      if (sortNote) sortNote.hidden = true;
      sortSelect.addEventListener("change", function () { update(true); });
    }
    reset.addEventListener("click", function () {
      facets.forEach(function (facet) { facet.boxes.forEach(function (b) { b.box.checked = false; }); });
      update(true);
    });

    // The address holds the state: each checked term as ?<facet>=<key>, the order as &sort=<name>.
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) {
        var wanted = new Set(params.getAll(facet.source.name));
        facet.boxes.forEach(function (b) { b.box.checked = wanted.has(String(facet.source.keys[b.term])); });
      });
      if (sortSelect) {
        var sort = params.get("sort");
        sortSelect.value = SORTS.indexOf(sort) >= 0 ? sort : SORTS[0];
      }
    }

    function writeAddress() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (facet) { params.delete(facet.source.name); });
      params.delete("sort");
      facets.forEach(function (facet) {
        facet.boxes.forEach(function (b) { if (b.box.checked) params.append(facet.source.name, facet.source.keys[b.term]); });
      });
      if (sortSelect && sortSelect.value !== SORTS[0]) params.set("sort", sortSelect.value);
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }

    var selected = [];  // per facet with checked terms: { source, terms: Set of term numbers }
    function matches(row, skip) {
      for (var s = 0; s < selected.length; s++) {
        if (selected[s].source === skip) continue;
        var terms = selected[s].source.termsOf(row);
        var want = selected[s].terms;
        var hit = false;
        for (var i = 0; i < terms.length; i++) if (want.has(terms[i])) { hit = true; break; }
        if (!hit) return false;
      }
      return true;
    }

    function placeOf(row) {
      var terms = places ? places.termsOf(row) : EMPTY;
      return terms.length ? places.labels[terms[0]] : null;
    }

    function sorted(hits, sort) {
      if (sort === "title") {
        return hits.slice().sort(function (a, b) { return collator.compare(data.docs[a][0], data.docs[b][0]) || a - b; });
      }
      if (sort === "municipality") {
        return hits.slice().sort(function (a, b) {
          var pa = placeOf(a), pb = placeOf(b);
          if (pa === null || pb === null) return (pa === null) - (pb === null) || a - b;  // none last
          return collator.compare(pa, pb) || collator.compare(data.docs[a][0], data.docs[b][0]) || a - b;
        });
      }
      return hits;  // the data lists entries newest first, as the page does
    }

    function update(write) {
      selected = [];
      facets.forEach(function (facet) {
        var terms = new Set();
        facet.boxes.forEach(function (b) { if (b.box.checked) terms.add(b.term); });
        if (terms.size) selected.push({ source: facet.source, terms: terms });
      });
      facets.forEach(function (facet) {
        facet.boxes.forEach(function (b) {
          var n = 0;
          rows.forEach(function (row) { if (facet.source.termsOf(row).indexOf(b.term) >= 0 && matches(row, facet.source)) n++; });
          b.count.textContent = numbers.format(n);
          b.box.disabled = n === 0 && !b.box.checked;
        });
      });
      var filtered = selected.length > 0;
      var sort = sortSelect ? sortSelect.value : SORTS[0];
      var hits = rows.filter(function (row) { return matches(row, null); });
      status.hidden = !filtered;
      reset.hidden = !filtered;
      var template = root.getAttribute(rows.length === 1 ? "data-status-one" : "data-status-other");
      status.textContent = template.replace("{count}", numbers.format(hits.length)).replace("{total}", numbers.format(rows.length));
      if (write) writeAddress();
      if (filtered || sort !== SORTS[0]) render(sorted(hits, sort)); else restore();
    }

    var card = cardsOf.renderer(data, cards, cardRows, places, siteRoot);
    var original = results.cloneNode(true);
    function restore() { results.replaceWith(original); results = original; original = results.cloneNode(true); }

    function render(hits) {
      var fresh = el("div", { "class": "katalog-results" });
      var list = el("ul", { "class": "katalog-cards" });
      fresh.appendChild(list);
      var shown = 0;
      var more = el("button", { type: "button", "class": "md-button katalog-more" }, root.getAttribute("data-more"));
      function page() {
        hits.slice(shown, shown + pageSize).forEach(function (row) { list.appendChild(card(row)); });
        shown += pageSize;
        more.hidden = shown >= hits.length;
      }
      more.addEventListener("click", page);
      fresh.appendChild(more);
      page();
      results.replaceWith(fresh);
      results = fresh;
    }

    readAddress();
    update(false);
    window.addEventListener("popstate", function () { readAddress(); update(false); });
  }

  common.onEveryPage(function () { document.querySelectorAll("[data-katalog-filter]").forEach(setup); });
})(katalogCommon, katalogCards);
