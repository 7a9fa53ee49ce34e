// Katalog's Decap admin, page: start(), run on the admin page once Decap and js-yaml are there: it
// reads the page's data, gives the page's parts (in this order) what they share, registers the site's
// stylesheets for the preview and starts Decap. Under node (the tests) the namespace is exported instead.
(function (ns) {
  'use strict';

  ns.start = function start() {
    var element = document.getElementById('katalog-decap-data');
    var failed = document.getElementById('katalog-load-failed');
    var CMS = window.CMS;
    if (!element || !CMS || !window.jsyaml) {
      if (failed) failed.hidden = false;
      return;
    }
    var data = JSON.parse(element.textContent);
    var core = ns.create(data, window.jsyaml);
    var siteRoot = new URL('../', window.location.href);
    var app = {
      data: data,
      core: core,
      texts: core.texts,
      CMS: CMS,
      h: window.h,
      createClass: window.createClass,
      siteRoot: siteRoot,
    };
    [
      ns.page.entries, ns.page.picker, ns.page.styles, ns.page.saving, ns.page.ruleWidgets,
      ns.page.entryWidgets, ns.page.linkEditor, ns.page.preview,
    ].forEach(function (part) { part(app); });

    // The site's own stylesheets, from its front page (their names carry content hashes).
    function siteStyles() {
      return fetch(siteRoot.href, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      }).then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        Array.prototype.forEach.call(page.querySelectorAll('link[rel~="stylesheet"][href]'), function (link) {
          CMS.registerPreviewStyle(new URL(link.getAttribute('href'), siteRoot).href);
        });
        CMS.registerPreviewStyle('body{margin:0;background:var(--md-default-bg-color,#fff)}.katalog-preview{margin:0 auto;padding:1.2rem 1.6rem;max-width:61rem}', { raw: true });
      }).catch(function () { return undefined; });
    }

    var started = false;
    function init() {
      if (started) return;
      started = true;
      CMS.init();
    }
    siteStyles().then(init, init);
    window.setTimeout(init, 4000);
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = ns;
  } else if (typeof document !== 'undefined' && document.getElementById('katalog-decap-data')) {
    ns.start();
  }
})(KatalogDecap);
