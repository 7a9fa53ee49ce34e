// Katalog: facet filters on overview pages. Without JavaScript the page lists entries and
// links every term to its page; with it, the term lists become checkboxes with live counts.
// Data is inserted as text only (textContent, attributes), never as HTML. Names and keys from the
// page and the data file ("constructor" is a fine term key) are looked up in Maps, not in objects.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The address of an entry on this site, or null for anything that is not a web page.
  function pageUrl(path, base) {
    var url;
    try { url = new URL(String(path), base); } catch (error) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === base.protocol ? url.href : null;
  }

  function setup(root) {
    var src = root.getAttribute("data-src");
    var typeName = root.getAttribute("data-type");
    var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 50;
    var siteRoot = new URL(root.getAttribute("data-root"), window.location.href);
    var results = root.parentNode.querySelector(".katalog-results");
    var status = root.querySelector(".katalog-filter-status");
    var reset = root.querySelector(".katalog-filter-reset");
    fetch(new URL(src, window.location.href)).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) { start(data); }).catch(function (error) {
      console.error("katalog filters:", error);  // the plain lists stay usable
    });

    function start(data) {
      // Rows: [title, url, type, summary, [terms of each vocabulary]]; ordinary pages have type -1.
      var typeIndex = -1;
      data.types.forEach(function (t, i) { if (t[0] === typeName) typeIndex = i; });
      var rows = data.docs.filter(function (row) { return typeIndex < 0 ? row[2] >= 0 : row[2] === typeIndex; });
      var facetIndex = new Map();
      data.vocabularies.forEach(function (f, i) { facetIndex.set(f.name, i); });
      var places = facetIndex.get("municipalities");
      function urlOf(row) { return Array.isArray(row[1]) ? data.prefixes[row[1][0]] + row[1][1] : row[1]; }
      var selected = [];  // per facet with checked terms: { facet: number, terms: Set of term numbers }
      var boxes = [];
      root.querySelectorAll("fieldset[data-facet]").forEach(function (details) {
        var name = details.getAttribute("data-facet");
        var fi = facetIndex.get(name);
        if (fi === undefined) return;
        var facet = data.vocabularies[fi];
        var keyIndex = new Map();
        facet.keys.forEach(function (key, ti) { keyIndex.set(key, ti); });
        var list = el("ul", { "class": "katalog-facet-options" });
        details.querySelectorAll("a[data-term]").forEach(function (link) {
          var ti = keyIndex.get(link.getAttribute("data-term"));
          if (ti === undefined) return;
          var id = "f-" + name + "-" + ti;
          var box = el("input", { type: "checkbox", id: id, value: String(ti) });
          var count = el("span", { "class": "katalog-term-count" });
          var label = el("label", { "for": id });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + facet.terms[ti] + " "));
          label.appendChild(count);
          var item = el("li");
          item.appendChild(label);
          list.appendChild(item);
          boxes.push({ facet: fi, term: ti, box: box, count: count });
          box.addEventListener("change", update);
        });
        var links = details.querySelector(".katalog-facet-links");
        links.hidden = true;
        details.appendChild(list);
      });
      reset.addEventListener("click", function () {
        boxes.forEach(function (b) { b.box.checked = false; });
        update();
      });

      function matches(row, skipFacet) {
        for (var s = 0; s < selected.length; s++) {
          if (selected[s].facet === skipFacet) continue;
          var terms = row[4][selected[s].facet];
          var want = selected[s].terms;
          var hit = false;
          for (var i = 0; i < terms.length; i++) if (want.has(terms[i])) { hit = true; break; }
          if (!hit) return false;
        }
        return true;
      }

      function update() {
        var byFacet = new Map();
        var active = false;
        boxes.forEach(function (b) {
          if (!b.box.checked) return;
          if (!byFacet.has(b.facet)) byFacet.set(b.facet, new Set());
          byFacet.get(b.facet).add(b.term);
          active = true;
        });
        selected = [];
        byFacet.forEach(function (terms, facet) { selected.push({ facet: facet, terms: terms }); });
        boxes.forEach(function (b) {
          var n = 0;
          rows.forEach(function (row) { if (row[4][b.facet].indexOf(b.term) >= 0 && matches(row, b.facet)) n++; });
          b.count.textContent = String(n);
          b.box.disabled = n === 0 && !b.box.checked;
        });
        var hits = rows.filter(function (row) { return matches(row, -1); });
        status.hidden = !active;
        reset.hidden = !active;
        status.textContent = root.getAttribute("data-status").replace("{count}", hits.length).replace("{total}", rows.length);
        if (active) render(hits); else restore();
      }

      var original = results.cloneNode(true);
      function restore() { results.replaceWith(original); results = original; original = results.cloneNode(true); }

      function render(hits) {
        var fresh = el("div", { "class": "katalog-results" });
        var list = el("ul", { "class": "katalog-cards" });
        fresh.appendChild(list);
        var shown = 0;
        var more = el("button", { type: "button", "class": "md-button katalog-more" }, root.getAttribute("data-more"));
        function page() {
          hits.slice(shown, shown + pageSize).forEach(function (row) {
            var item = el("li", { "class": "katalog-card" });
            var title = el("a", { "class": "katalog-card-title" }, row[0]);
            var href = pageUrl(urlOf(row), siteRoot);
            if (href) title.setAttribute("href", href);
            item.appendChild(title);
            var meta = el("p", { "class": "katalog-card-meta" });
            meta.appendChild(el("span", { "class": "katalog-card-type" }, data.types[row[2]][1]));
            var where = places === undefined ? [] : row[4][places].map(function (t) { return data.vocabularies[places].terms[t]; });
            if (where.length) meta.appendChild(document.createTextNode(" · " + where.join(", ")));
            item.appendChild(meta);
            item.appendChild(el("p", { "class": "katalog-card-summary" }, row[3]));
            list.appendChild(item);
          });
          shown += pageSize;
          more.hidden = shown >= hits.length;
        }
        more.addEventListener("click", page);
        fresh.appendChild(more);
        page();
        results.replaceWith(fresh);
        results = fresh;
      }
      update();
    }
  }

  function init() { document.querySelectorAll("[data-katalog-filter]").forEach(setup); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
