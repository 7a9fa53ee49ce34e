// Katalog: facet filters on overview pages. Without JavaScript the page lists entries and
// links every term to its page; with it, the term lists become checkboxes with live counts.
// Data is inserted as text only (textContent, attributes), never as HTML.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
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
      var facetIndex = {};
      data.vocabularies.forEach(function (f, i) { facetIndex[f.name] = i; });
      var places = facetIndex.municipalities;
      function urlOf(row) { return Array.isArray(row[1]) ? data.prefixes[row[1][0]] + row[1][1] : row[1]; }
      var selected = {};
      var boxes = [];
      root.querySelectorAll("fieldset[data-facet]").forEach(function (details) {
        var name = details.getAttribute("data-facet");
        var fi = facetIndex[name];
        if (fi === undefined) return;
        var facet = data.vocabularies[fi];
        var keyIndex = {};
        facet.keys.forEach(function (key, ti) { keyIndex[key] = ti; });
        var list = el("ul", { "class": "katalog-facet-options" });
        details.querySelectorAll("a[data-term]").forEach(function (link) {
          var ti = keyIndex[link.getAttribute("data-term")];
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
        for (var f in selected) {
          if (Number(f) === skipFacet) continue;
          var terms = row[4][Number(f)];
          var want = selected[f];
          var hit = false;
          for (var i = 0; i < terms.length; i++) if (want[terms[i]]) { hit = true; break; }
          if (!hit) return false;
        }
        return true;
      }

      function update() {
        selected = {};
        var active = false;
        boxes.forEach(function (b) {
          if (!b.box.checked) return;
          (selected[b.facet] = selected[b.facet] || {})[b.term] = true;
          active = true;
        });
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
            item.appendChild(el("a", { "class": "katalog-card-title", href: new URL(urlOf(row), siteRoot).href }, row[0]));
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
