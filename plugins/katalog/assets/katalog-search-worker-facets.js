// Katalog search worker: the type and catalogue filters. Their data (each document's type and terms)
// is fetched once a first result is out or a filter is chosen; a document passes when it has every
// chosen one, and each option is counted among the results with the other filters as chosen.
// Part of katalog-search-worker.js (see katalog-search-worker-index.js).
(function (worker) {
  "use strict";
  var facets = null;          // promise of the filters' data
  var facetData = null;       // the data, also as worker.facetData once it is in
  worker.facetData = null;

  function loadFacets() {
    if (!facets) {
      facets = katalogCommon.json(new URL(worker.meta.facets, worker.base).href).then(function (data) {
        facetData = worker.facetData = data;
        return data;
      });
    }
    return facets;
  }

  // filters: {type: key, <vocabulary>: key}; a document passes when it has every chosen one.
  function chosen(filters) {
    var meta = worker.meta;
    var out = [];
    if (filters.type) {
      var t = meta.types.findIndex(function (pair) { return pair[0] === filters.type; });
      out.push({ group: -1, value: t });
    }
    meta.filters.forEach(function (f, v) {
      var key = filters[f.name];
      if (key) out.push({ group: v, value: f.keys.indexOf(key) });
    });
    return out;
  }

  function passes(doc, want, skip) {
    for (var i = 0; i < want.length; i++) {
      if (want[i].group === skip) continue;
      var ok = want[i].group < 0 ? facetData.type[doc] === want[i].value
        : facetData.v[want[i].group][doc].indexOf(want[i].value) >= 0;
      if (!ok) return false;
    }
    return true;
  }

  // Per filter, per option: how many of the results have it, with the other filters as chosen.
  function counts(ranked, want) {
    var meta = worker.meta;
    var types = meta.types.map(function () { return 0; });
    var vocab = meta.filters.map(function (f) { return f.keys.map(function () { return 0; }); });
    ranked.forEach(function (doc) {
      if (facetData.type[doc] >= 0 && passes(doc, want, -1)) types[facetData.type[doc]]++;
      meta.filters.forEach(function (f, v) {
        if (!passes(doc, want, v)) return;
        facetData.v[v][doc].forEach(function (t) { vocab[v][t]++; });
      });
    });
    var out = { type: types };
    meta.filters.forEach(function (f, v) { out[f.name] = vocab[v]; });
    return out;
  }

  worker.loadFacets = loadFacets;
  worker.chosen = chosen;
  worker.passes = passes;
  worker.counts = counts;
})(katalogSearchWorker);
