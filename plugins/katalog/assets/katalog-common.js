// Katalog: what the browser scripts share. The build puts this file in front of each script that uses
// it (render/site_files.py, bundle()), so each script still arrives as one file and runs alone.
// Data becomes text or attributes only (textContent, setAttribute), never HTML.
/* exported katalogCommon */
var katalogCommon = (function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The address of a page of this site, or null for anything that is not a web page
  // (never javascript: or data:).
  function pageUrl(path, base) {
    var url;
    try { url = new URL(String(path), base); } catch (error) { return null; }
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === base.protocol ? url.href : null;
  }

  function json(url, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  // Runs init on this page and, under Material's instant navigation, on every page it swaps in.
  function onEveryPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  return { el: el, pageUrl: pageUrl, json: json, onEveryPage: onEveryPage };
})();
