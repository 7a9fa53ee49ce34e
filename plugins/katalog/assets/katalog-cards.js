// Katalog: an entry's card, built in the browser exactly as templates/katalog/cards.html builds it on
// the page, for the rows the overview filters show (katalog-filter.js). The data's format is in that
// file's JSDoc (DocsFile, CardsFile).
/* exported katalogCards */
var katalogCards = (function (common) {
  "use strict";
  var EMPTY = [];
  var el = common.el;
  var pageUrl = common.pageUrl;

  // card(row number) -> <li>, for docs file `data`, cards file `cards`, the vocabulary of places
  // (a filter source: termsOf, labels; or undefined) and the site's root URL.
  function renderer(data, cards, cardRows, places, siteRoot) {
    function card(row) {
      var doc = data.docs[row];
      var extra = cardRows[row] || [-1, EMPTY, EMPTY];
      var item = el("li", { "class": "katalog-card" });
      var image = cardImage(extra[3]);
      if (image) item.appendChild(image);
      var heading = el("h2", { "class": "katalog-card-heading" });
      var title = el("a", { "class": "katalog-card-title" }, doc[0]);
      var href = pageUrl(Array.isArray(doc[1]) ? data.prefixes[doc[1][0]] + doc[1][1] : doc[1], siteRoot);
      if (href) title.setAttribute("href", href);
      heading.appendChild(title);
      item.appendChild(heading);
      var meta = el("p", { "class": "katalog-card-meta" });
      meta.appendChild(el("span", { "class": "katalog-card-type" }, data.types[doc[2]][1]));
      var where = places ? places.termsOf(row).map(function (t) { return places.labels[t]; }) : EMPTY;
      if (where.length) meta.appendChild(document.createTextNode(" · " + where.join(", ")));
      if (extra[0] >= 0) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", { "class": "katalog-card-when" }, cards.texts[extra[0]]));
      }
      extra[1].forEach(function (t) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", { "class": "katalog-card-badge" }, cards.texts[t]));
      });
      item.appendChild(meta);
      item.appendChild(el("p", { "class": "katalog-card-summary" }, doc[3]));
      if (extra[2].length) {
        var themes = el("p", { "class": "katalog-card-themes" });
        themes.appendChild(el("span", { "class": "katalog-hidden" }, cards.themes + ": "));
        themes.appendChild(document.createTextNode(extra[2].map(function (t) { return cards.texts[t]; }).join(", ")));
        item.appendChild(themes);
      }
      return item;
    }

    // The entry's image as cards.html shows it: [src, srcset, width, height, alt], addresses from the site's root.
    function cardImage(image) {
      if (!Array.isArray(image) || image.length !== 5) return null;
      var src = pageUrl(image[0], siteRoot);
      var srcset = String(image[1]).split(", ").map(function (one) {
        var parts = one.split(" ");
        var url = pageUrl(parts[0], siteRoot);
        return url && /^[0-9]+w$/.test(parts[1] || "") ? url + " " + parts[1] : null;
      });
      if (!src || srcset.indexOf(null) >= 0) return null;
      return el("img", {
        "class": "katalog-card-image", src: src, srcset: srcset.join(", "), sizes: "(min-width: 480px) 160px, 120px",
        width: String(image[2]), height: String(image[3]), alt: String(image[4]), loading: "lazy", decoding: "async"
      });
    }

    return card;
  }

  return { renderer: renderer };
})(katalogCommon);
