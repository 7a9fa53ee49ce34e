// Katalog's Decap admin, page: every entry of every type, read through Decap's own search, for the
// link picker, the preview's titles and unique ids; an entry's page address and title by its id.
(function (ns) {
  'use strict';

  ns.page.entries = function (app) {
    var core = app.core;
    var siteRoot = app.siteRoot;

    // Entries of every type, for the link picker, the preview's titles and unique ids. They come
    // through Decap's own search, which the id widget hands over (any backend, drafts excluded):
    // app.query, set by the widgets; app.entriesKnown, by id, once they are read.
    app.query = null;
    app.entriesKnown = null;
    var entriesPromise = null;
    var loads = 0;

    function loadEntries() {
      if (entriesPromise) return entriesPromise;
      var query = app.query;
      if (!query) return Promise.resolve([]);
      entriesPromise = Promise.all(Object.keys(core.types).map(function (typeName) {
        // Decap answers a query it was asked in the last 10 s from memory; the limit keeps ours new.
        loads += 1;
        return Promise.resolve(query('katalog-entries', typeName, ['title'], '', undefined, 1e9 + loads)).then(function (action) {
          var hits = action && action.payload && action.payload.hits;
          if (!Array.isArray(hits)) throw new Error('no entries');
          return hits.map(function (hit) {
            var hitData = hit.data && typeof hit.data.toJS === 'function' ? hit.data.toJS() : hit.data || {};
            return {
              id: typeof hitData.id === 'string' && hitData.id ? hitData.id : hit.slug,
              title: hitData.title || hit.slug,
              type: typeName,
              path: hit.path,
            };
          });
        });
      })).then(function (lists) {
        var all = [].concat.apply([], lists);
        app.entriesKnown = Object.create(null);
        all.forEach(function (one) { app.entriesKnown[one.id] = one; });
        return all;
      }, function () {
        // One type could not be read: no list rather than one that would call its entries unknown.
        entriesPromise = null;
        return [];
      });
      return entriesPromise;
    }

    function forgetEntries() {
      entriesPromise = null;
    }

    function pageUrl(id) {
      var known = app.entriesKnown && app.entriesKnown[id];
      var type = known && core.types[known.type];
      return type ? new URL(type.url + '/' + id + '/', siteRoot).href : '#';
    }

    function titleOf(id) {
      var known = app.entriesKnown && app.entriesKnown[id.trim()];
      return known ? known.title : '';
    }

    app.loadEntries = loadEntries;
    app.forgetEntries = forgetEntries;
    app.pageUrl = pageUrl;
    app.titleOf = titleOf;
  };
})(KatalogDecap);
