// Katalog's Decap admin, core: the body the rich-text editor gives back, merged with the old one so
// that only the blocks it changed are new. It needs no schema: one function of the namespace.
(function (ns) {
  'use strict';

  // Decap's rich-text editor writes the whole body anew. Blocks (paragraphs, headings, lists) it
  // only re-spelled keep their text as it was; only the blocks the editor changed are its.
  function blocks(text) {
    var result = [];
    var current = [];
    var fence = null;
    text.split('\n').forEach(function (line) {
      var marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        current.push(line);
        if (marker && marker[1].charAt(0) === fence.charAt(0) && marker[1].length >= fence.length) fence = null;
        return;
      }
      if (marker) fence = marker[1];
      if (!fence && /^\s*$/.test(line)) {
        if (current.length) result.push(current.join('\n'));
        current = [];
        return;
      }
      current.push(line);
    });
    if (current.length) result.push(current.join('\n'));
    // A list stays one block when the editor spreads its items or nested items over blank lines.
    var merged = [];
    result.forEach(function (block) {
      var previous = merged.length ? merged[merged.length - 1] : null;
      if (previous !== null && LIST_ITEM.test(previous) && (/^\s/.test(block) || LIST_ITEM.test(block))) {
        merged[merged.length - 1] = previous + '\n\n' + block;
      } else {
        merged.push(block);
      }
    });
    return merged;
  }

  var LIST_ITEM = /^(\s*)([-+*]|\d+[.)])\s+/;

  // What a block says, without the spelling the editor chooses (bullets, emphasis marks, escapes,
  // spaces, table padding, indentation of nested items as long as their depth is the same).
  function blockKey(block) {
    var lines = block.split('\n').filter(function (line) { return !/^\s*$/.test(line); });
    var indents = [];
    lines.forEach(function (line) {
      var item = LIST_ITEM.exec(line);
      if (item && indents.indexOf(item[1].length) < 0) indents.push(item[1].length);
    });
    indents.sort(function (a, b) { return a - b; });
    var text = lines.map(function (line) {
      var item = LIST_ITEM.exec(line);
      if (item) {
        var marker = /\d/.test(item[2]) ? item[2].replace(/\D/g, '') + '.' : '*';
        return '\u0001' + indents.indexOf(item[1].length) + marker + ' ' + line.slice(item[0].length);
      }
      if (/^\s*\|/.test(line)) {
        return line.trim().replace(/^\||\|$/g, '').split('|').map(function (cell) {
          var trimmed = cell.trim();
          if (/^:?-+:?$/.test(trimmed)) {
            return (trimmed.charAt(0) === ':' ? ':' : '') + '-' + (trimmed.slice(-1) === ':' ? ':' : '');
          }
          return trimmed;
        }).join('|');
      }
      return line.trim();
    }).join('\n');
    return text
      .replace(/\\([\\`*_{}\[\]()#+\-.!|<>~])/g, '$1')
      .replace(/__(?=\S)([\s\S]*?\S)__/g, '**$1**')
      .replace(/(^|[^\w_])_(?=\S)([\s\S]*?\S)_(?![\w_])/g, '$1*$2*')
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?\n ?/g, ' ')
      .trim();
  }

  function mergeBody(oldBody, newBody) {
    var before = blocks(oldBody);
    var after = blocks(newBody);
    var a = before.map(blockKey);
    var b = after.map(blockKey);
    // Longest common subsequence of the blocks' keys: matched blocks keep the old text.
    var n = a.length;
    var m = b.length;
    var table = [];
    for (var i = 0; i <= n; i++) table.push(new Array(m + 1).fill(0));
    for (var x = n - 1; x >= 0; x--) {
      for (var y = m - 1; y >= 0; y--) {
        table[x][y] = a[x] === b[y] ? table[x + 1][y + 1] + 1 : Math.max(table[x + 1][y], table[x][y + 1]);
      }
    }
    var out = [];
    var p = 0;
    var q = 0;
    while (q < m) {
      if (p < n && a[p] === b[q]) {
        out.push(before[p]);
        p++;
        q++;
      } else if (p < n && table[p + 1][q] >= table[p][q + 1]) {
        p++;
      } else {
        out.push(after[q]);
        q++;
      }
    }
    return out.join('\n\n');
  }

  ns.mergeBody = mergeBody;
})(KatalogDecap);
