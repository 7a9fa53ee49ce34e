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
  // many of the first results are nevertheless certain (Bounds: those whose scores no tail can change,
  // above the most any other document could score). signal: the query's, for the tails' downloads.
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
      return further(words, loaded, needed);
    }).then(function (answers) {
      var tails = [];
      answers.forEach(function (answer) { tails = tails.concat(answer.partial); });
      if (whole && tails.length) {
        return worker.loadTails(tails, signal).then(function () { return rank(typed, true, signal); });
      }
      var count = worker.meta.count, hits = [];
      var total = new Float64Array(count), typos = new Uint8Array(count);
      var bounds = tails.length ? new Bounds(words, answers) : null;
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
        if (bounds) bounds.add(doc, ok && !missed);
      }
      // Documents with fewer typed words matched only through a typo come first, then by score.
      hits.sort(function (a, b) { return typos[a] - typos[b] || total[b] - total[a] || a - b; });
      var matched = [];
      answers.forEach(function (answer, i) {
        if (!words[i].without && !words[i].phrase) matched = matched.concat(answer.matched);
      });
      var trusted = hits.length;
      if (bounds) {
        trusted = 0;
        while (trusted < hits.length && bounds.certain(hits[trusted]) && total[hits[trusted]] > bounds.highest) trusted++;
      }
      return { ranked: hits, positive: positive, matched: matched, partial: tails.length > 0, trusted: trusted };
    });
  }

  // The words' answers over the shards loaded, and where a word needs more, over more shards: a word not
  // in the index that finds few documents may be a typo of a word in another shard; a word that finds
  // nothing itself may end words the catalogue uses, listed under its end's key (postings.py), whose
  // shards come after that key's.
  var ENDS_LETTERS = 5;  // an end is that long at least (compounds.py ENDS_TAIL): a shorter word is none

  function further(words, loaded, needed) {
    var answers = words.map(function (word) { return match(word, loaded); });
    function typo(i) { return words[i].typos && !answers[i].exactHit && answers[i].direct < FEW; }
    function unknown(i) {
      var word = words[i];
      return !word.phrase && word.ends === undefined && word.text.length >= ENDS_LETTERS && answers[i].direct === 0;
    }
    var more = new Set();
    words.forEach(function (word, i) {
      if (typo(i)) typoNeighbours(word).forEach(function (term) { if (term.length >= 4) more.add(shardOf(term)); });
      if (unknown(i)) more.add(shardOf(worker.ENDS_MARK + word.stem));
    });
    needed.forEach(function (s) { more.delete(s); });
    var again = words.map(function (word, i) { return typo(i) || unknown(i); });
    if (again.indexOf(true) < 0) return answers;
    return Promise.all(Array.from(more).map(shard)).then(function (extra) {
      var all = loaded.concat(extra), endShards = new Set();
      words.forEach(function (word, i) {
        if (!unknown(i)) return;
        word.ends = endsOf(all, worker.ENDS_MARK + word.stem);
        word.ends.forEach(function (term) { endShards.add(shardOf(term)); });
      });
      needed.forEach(function (s) { endShards.delete(s); });
      more.forEach(function (s) { endShards.delete(s); });
      return Promise.all(Array.from(endShards).map(shard)).then(function (last) {
        var every = all.concat(last);
        return words.map(function (word, i) { return again[i] ? match(word, every) : answers[i]; });
      });
    });
  }

  function endsOf(loaded, key) {
    for (var k = 0; k < loaded.length; k++) {
      var t = loaded[k].index.get(key);
      if (t !== undefined) return loaded[k].postings[t];
    }
    return [];
  }

  // What the tails not fetched yet can change (for the first results from the heads): a word's document
  // outside its terms' heads scores at most the word's threshold there. A document's score is certain
  // when each word's known score is at least that word's threshold (a score is its best term's); highest
  // is the most any other document (not yet a hit, or not certain) could score once the tails are in.
  function Bounds(words, answers) {
    this.words = words;
    this.answers = answers;
    var unseen = 0, possible = true;
    words.forEach(function (word, i) {
      if (word.without) return;
      var answer = answers[i];
      if (answer.partial.length) unseen += answer.threshold;
      else if (!word.phrase) possible = false;  // a word with no tail matches no document it has not named
    });
    this.highest = possible ? unseen : 0;
    this.uncertain = new Uint8Array(answers[0].scores.length);
  }

  Bounds.prototype.add = function (doc, hit) {
    var most = 0, certain = true;
    for (var i = 0; i < this.words.length; i++) {
      var word = this.words[i], answer = this.answers[i], score = answer.scores[doc];
      if (word.without) {
        if (answer.partial.length && score === 0) certain = false;  // its tail may leave the document out
        continue;
      }
      if (answer.partial.length && score < answer.threshold) {
        certain = false;
        score = answer.threshold;
      } else if (score === 0 && !word.phrase) {
        return;  // no tail can add this word to the document
      }
      most += score;
    }
    if (!hit || !certain) {
      this.uncertain[doc] = 1;
      if (most > this.highest) this.highest = most;
    }
  };

  Bounds.prototype.certain = function (doc) { return !this.uncertain[doc]; };

  worker.rank = rank;
})(katalogSearchWorker);
