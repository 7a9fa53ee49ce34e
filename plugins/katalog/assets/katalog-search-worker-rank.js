// Katalog search worker: the ranking of a query's documents. Every typed word must match, as with
// lunr's "+word"; "-word" leaves out what matches it. Scores are lunr's BM25 per field, summed with
// the field boosts at build time; here they are multiplied by lunr's idf and by how a word matched
// (katalog-search-worker-match.js). Part of katalog-search-worker.js (see katalog-search-worker-index.js).
(function (worker) {
  "use strict";
  var shard = worker.shard, shardOf = worker.shardOf, shardsFor = worker.shardsFor;
  var match = worker.match, typoNeighbours = worker.typoNeighbours, FEW = worker.FEW;

  // whole: with every matched term's whole postings list (the tails fetched where a head is not
  // enough); else from the shards alone, where `partial` says a tail was not fetched and `trusted` how
  // many of the first results are nevertheless certain (for a query of one word: those above the
  // highest score a document outside the heads could have). signal: the query's, for the tails' downloads.
  function rank(typed, whole, signal) {
    var positive = typed.filter(function (w) { return !w.without; });
    // Each two typed words one after the other: a bonus where a title, keyword, term or role holds them so.
    var words = typed.slice();
    for (var p = 1; p < typed.length; p++) {
      if (!typed[p - 1].without && !typed[p].without) words.push(worker.phrase(typed[p - 1], typed[p]));
    }
    var needed = new Set();
    words.forEach(function (word) { shardsFor(word).forEach(function (s) { needed.add(s); }); });
    var loads = Array.from(needed).map(shard);
    return Promise.all(loads).then(function (loaded) {
      var answers = words.map(function (word) { return match(word, loaded); });
      // A word not in the index that finds few documents: its typos may be in other shards.
      function looksFurther(word, i) { return word.typos && !answers[i].exactHit && answers[i].direct < FEW; }
      var more = new Set();
      words.forEach(function (word, i) {
        if (looksFurther(word, i)) {
          typoNeighbours(word).forEach(function (term) { if (term.length >= 4) more.add(shardOf(term)); });
          needed.forEach(function (s) { more.delete(s); });
        }
      });
      if (!more.size) return answers;
      return Promise.all(Array.from(more).map(shard)).then(function (extra) {
        var all = loaded.concat(extra);
        return words.map(function (word, i) {
          return looksFurther(word, i) ? match(word, all) : answers[i];
        });
      });
    }).then(function (answers) {
      var tails = [], threshold = 0;
      answers.forEach(function (answer) {
        tails = tails.concat(answer.partial);
        threshold = Math.max(threshold, answer.threshold);
      });
      if (whole && tails.length) {
        return worker.loadTails(tails, signal).then(function () { return rank(typed, true, signal); });
      }
      var count = worker.meta.count, hits = [];
      var total = new Float64Array(count), typos = new Uint8Array(count);
      for (var doc = 0; doc < count; doc++) {
        var sum = 0, missed = 0, ok = positive.length > 0;
        for (var i = 0; i < answers.length && ok; i++) {
          var score = answers[i].scores[doc];
          if (words[i].phrase) { sum += score; continue; }
          if (words[i].without) { if (score > 0) ok = false; continue; }
          if (score === 0) { ok = false; continue; }
          sum += score;
          if (!answers[i].clean[doc]) missed++;
        }
        if (ok) { total[doc] = sum; typos[doc] = missed; hits.push(doc); }
      }
      // Documents with fewer typed words matched only through a typo come first, then by score.
      hits.sort(function (a, b) { return typos[a] - typos[b] || total[b] - total[a] || a - b; });
      var matched = [];
      answers.forEach(function (answer, i) {
        if (!words[i].without && !words[i].phrase) matched = matched.concat(answer.matched);
      });
      var trusted = hits.length;
      if (tails.length) {
        trusted = 0;
        while (trusted < hits.length && !typos[hits[trusted]] && total[hits[trusted]] > threshold) trusted++;
      }
      return { ranked: hits, positive: positive, matched: matched, partial: tails.length > 0, trusted: trusted };
    });
  }

  worker.rank = rank;
})(katalogSearchWorker);
