// Katalog search worker: answers queries off the main thread from the index in pieces
// (core/search/index.py describes the files). It fetches the small first file, then per query only
// the shards that hold the typed words' terms (all at once; a common term's best documents are in its
// shard, the rest of its list in a file fetched after the first results, where the best documents can
// tell them), then the files of result rows the shown results are in (a few, kept; a shard has its
// terms' best documents' rows, so a one-word query's first results need none), and posts the list;
// then the passages of the shown results, and the filters' data once a first result is out. Downloads
// that can wait start once no newer query has come for a moment. A newer query of the same page part
// makes an older one stop where it is, and its downloads of rows and passages are cancelled.
// The build joins katalog-common.js and the worker's files into this one, in this order
// (render/site_files.py): -index (the index's pieces; it makes katalogSearchWorker, the object they
// share), -match (the words and how each matches), -rank, -passages (what a result shows), -facets
// (the filters), and this file last: the messages from the page, and the answers.
(function (worker) {
  "use strict";
  var parse = worker.parse, rank = worker.rank, chosen = worker.chosen, passes = worker.passes;
  var loadFacets = worker.loadFacets, counts = worker.counts, rowOf = worker.rowOf;
  var marker = worker.marker, shown = worker.shown, withPassage = worker.withPassage;
  var latest = new Map();     // channel (a part of the page) -> the id of its newest query
  var cancel = new Map();     // channel -> AbortController of its passages' downloads
  var last = null;            // the last query's ranking, for "more" and for filters: {key, ranked}
  var SETTLE_MS = 150;

  function search(message) {
    var channel = String(message.channel || "");
    latest.set(channel, message.id);
    if (cancel.has(channel)) cancel.get(channel).abort();
    var control = new AbortController();
    cancel.set(channel, control);
    function stale() { return latest.get(channel) !== message.id; }
    // What can wait (the whole list after a word's first results, the passages) starts once no newer
    // query has come for SETTLE_MS: while a visitor types, each keystroke's downloads would hold the
    // connections the next keystroke's shards need, and most would be thrown away.
    var calm = new Promise(function (resolve) { setTimeout(resolve, SETTLE_MS); });
    var finished = false;
    worker.ready.then(function () {
      var words = parse(message.query);
      var key = JSON.stringify(words.map(function (w) { return [w.text, w.without]; }));
      var want = chosen(message.filters || {});
      function finish(value) {
        finished = true;
        last = { key: key, value: value };
        return (want.length > 0 && !worker.facetData ? loadFacets() : Promise.resolve()).then(function () {
          return stale() ? null : answer(message, value, want, control.signal, stale, calm);
        });
      }
      if (last && last.key === key) return finish(last.value);
      // A query in the search box shows its first results from the shards' heads of common terms, when
      // they can tell them, and the whole list once the rest of those terms' lists is in.
      var early = Number(message.early) || 0;
      var quick = early > 0 && want.length === 0 && words.every(function (w) { return !w.without; });
      return rank(words, !quick, control.signal).then(function (value) {
        if (stale()) return null;
        if (!value.partial) return finish(value);
        function whole() {
          return rank(words, true, control.signal).then(function (ranked) { return stale() ? null : finish(ranked); });
        }
        // Where the heads cannot tell a first result, the tails are what the first results wait for.
        var first = value.ranked.slice(0, Math.min(early, value.trusted));
        if (!first.length) return whole();
        // Else the tails after the first results: they would hold the connections the rows need, and a
        // newer keystroke cancels them before they are fetched at all.
        var firstShown = showFirst(message, value, first, control.signal, function () { return finished || stale(); });
        return Promise.all([firstShown, calm]).then(function () { return stale() ? null : whole(); });
      });
    }).catch(function (error) {
      if (error && error.name === "AbortError") return;
      postMessage({ type: "error", id: message.id, message: String(error) });
    });
  }

  // The first results of a ranking from the heads: their number is not known yet (total null).
  function showFirst(message, value, docs, signal, late) {
    var isHit = marker(value.positive, value.matched);
    return Promise.all(docs.map(function (doc) {
      return rowOf(doc, signal).then(function (row) { return shown(doc, row, isHit); });
    })).then(function (hits) {
      if (!late()) postMessage({ type: "results", id: message.id, total: null, hits: hits, partial: true, counts: null });
    }, function () { return null; });  // cancelled: a newer query is on its way
  }

  // The list from the rows (the first `early` of them posted as soon as they are in), then, once calm, the
  // passages of the shown results; the filters' counts once their data is in. "done" when all is shown.
  function answer(message, value, want, signal, stale, calm) {
    var hits = want.length ? value.ranked.filter(function (doc) { return passes(doc, want, null); }) : value.ranked;
    var limit = Math.max(1, Math.min(Number(message.limit) || 20, 1000));
    var isHit = marker(value.positive, value.matched);
    var docs = hits.slice(0, limit);
    var early = Math.min(Number(message.early) || 0, docs.length);
    // The first results' rows first: a browser opens few connections to one host over HTTP/1.1, and
    // the rest would queue the first ones behind them. For the same reason a newer query cancels the
    // downloads this one still waits for.
    var firstRows = docs.slice(0, early || docs.length).map(function (doc) { return rowOf(doc, signal); });
    var firstIn = Promise.all(firstRows);
    firstIn.catch(function () { return null; });  // cancelled: each row's own promise says so
    var rows = firstRows.concat(docs.slice(firstRows.length).map(function (doc) {
      return firstIn.then(function () { return rowOf(doc, signal); });
    }));
    var items = rows.map(function (row, i) { return row.then(function (r) { return shown(docs[i], r, isHit); }); });
    if (early > 0 && early < items.length) {
      Promise.all(items.slice(0, early)).then(function (first) {
        if (!stale()) postMessage({ type: "results", id: message.id, total: hits.length, hits: first, partial: true, counts: null });
      }, function () { return null; });  // cancelled: the whole list's promise says so
    }
    return Promise.all(items).then(function (list) {
      if (stale()) return null;
      postMessage({
        type: "results", id: message.id, total: hits.length, hits: list,
        counts: worker.facetData ? counts(value.ranked, want) : null
      });
      if (!worker.facetData && value.ranked.length) {
        loadFacets().then(function () {
          if (!stale()) postMessage({ type: "counts", id: message.id, counts: counts(value.ranked, want) });
        });
      }
      return Promise.all([Promise.all(rows), calm]).then(function (both) {
        var loaded = both[0], asked = [];
        if (stale()) return asked;
        loaded.forEach(function (row, i) {
          if (!row[4]) return;
          var url = new URL(worker.meta.passages + docs[i] + ".json", worker.base).href;
          asked.push(katalogCommon.json(url, { signal: signal }).then(function (sections) {
            var found = withPassage(sections, isHit, row);
            return found && { index: i, passage: found.passage, heading: found.heading, anchor: found.anchor, reason: found.reason || null };
          }).catch(function () { return null; }));  // cancelled, or missing: the summary stays
        });
        return Promise.all(asked);
      }).then(function (found) {
        var passages = found.filter(Boolean);
        if (stale()) return;
        if (passages.length) postMessage({ type: "passages", id: message.id, passages: passages });
        postMessage({ type: "done", id: message.id });
      });
    });
  }

  onmessage = function (event) {
    var message = event.data;
    if (message.type === "setup") worker.setup(message);
    else if (message.type === "search") search(message);
  };
})(katalogSearchWorker);
