// Katalog's Decap admin, core: writing an entry's file back, every key the editor did not change
// exactly as it stood, a changed key in one canonical form, an emptied optional key left out.
(function (ns) {
  'use strict';
  var RAW = ns.RAW;
  var SKIP = ns.SKIP;
  var fill = ns.fill;
  var deepEqual = ns.deepEqual;
  var mergeBody = ns.mergeBody;

  ns.core.fileWriter = function (k) {
    var texts = k.texts;
    var fieldsOf = k.fieldsOf;
    var forFile = k.forFile;
    var emitKey = k.emitKey;
    var readFile = k.readFile;
    var fromFile = k.fromFile;
    var keyRegions = k.keyRegions;
    var bodyForDecap = k.bodyForDecap;

    function keyOrder(typeName) {
      return ['type', 'id'].concat(Object.keys(fieldsOf(typeName)).filter(function (key) { return key !== 'id'; }));
    }

    function fileValues(typeName, data) {
      var fields = fieldsOf(typeName);
      var values = {};
      Object.keys(data).forEach(function (key) {
        if (key === 'body' || key.indexOf(SKIP) === 0) return;
        var value = forFile(data[key], fields[key]);
        if (value !== undefined) values[key] = value;
      });
      return values;
    }

    function unreadableError(reason) {
      var message = fill(texts.unreadable, { reason: reason });
      var error = new Error(message);
      error.toString = function () { return message; };
      return error;
    }

    function toFile(typeName, data) {
      if (data[SKIP + 'unreadable']) throw unreadableError(data[SKIP + 'unreadable']);
      var values = fileValues(typeName, data);
      var body = typeof data.body === 'string' ? data.body.replace(/\s+$/, '') : '';
      var raw = data[RAW];
      if (typeof raw !== 'string') return newFile(typeName, values, body);
      var file = readFile(raw);
      if (file.error) throw unreadableError(file.error);
      var parts = file.parts;
      var oldData = fromFile(typeName, raw);
      var oldValues = fileValues(typeName, oldData);
      var head = parts.head === null ? [] : parts.head;
      var regions = parts.head === null ? [] : keyRegions(head, file.values);
      var fields = fieldsOf(typeName);
      var newHead;
      if (regions === null) {
        newHead = emitValues(typeName, values);
      } else {
        newHead = mergeHead(typeName, head, regions, oldValues, values, fields);
      }
      var oldBody = bodyForDecap(file.body);
      var bodyText;
      if (body === oldBody) {
        bodyText = file.body;
      } else if (!body) {
        bodyText = '';
      } else {
        var lead = /^\n*/.exec(file.body)[0] || '\n';
        bodyText = lead + mergeBody(oldBody, body) + '\n';
      }
      var text = [parts.open || '---'].concat(newHead, [parts.close || '---']).join('\n') + '\n' + bodyText;
      if (parts.head === null) {
        // A file without front-matter gets one; its text stays the body.
        text = ['---'].concat(newHead, ['---']).join('\n') + '\n' + (body === oldBody ? '\n' + parts.body.replace(/^\n+/, '') : bodyText);
      }
      if (parts.eol !== '\n') text = text.replace(/\n/g, parts.eol);
      return parts.bom + text;
    }

    function emitValues(typeName, values) {
      var fields = fieldsOf(typeName);
      var lines = [];
      var order = keyOrder(typeName);
      var keys = order.filter(function (key) { return key in values; })
        .concat(Object.keys(values).filter(function (key) { return order.indexOf(key) < 0; }));
      keys.forEach(function (key) {
        lines.push.apply(lines, emitKey(key, values[key], fields[key], ''));
      });
      return lines;
    }

    function newFile(typeName, values, body) {
      var text = ['---'].concat(emitValues(typeName, values), ['---']).join('\n') + '\n';
      return body ? text + '\n' + body + '\n' : text;
    }

    function mergeHead(typeName, head, regions, oldValues, values, fields) {
      var order = keyOrder(typeName);
      var byStart = {};
      regions.forEach(function (region) { byStart[region.start] = region; });
      var present = regions.map(function (region) { return region.key; });
      // New keys go after the last present key that comes before them in the schema's order.
      var inserts = {};
      order.forEach(function (key) {
        if (!(key in values) || present.indexOf(key) >= 0) return;
        var rank = order.indexOf(key);
        var after = -1;
        regions.forEach(function (region, index) {
          var other = order.indexOf(region.key);
          if (other >= 0 && other < rank) after = index;
        });
        (inserts[after] = inserts[after] || []).push(key);
      });
      var lines = [];
      function insert(index) {
        (inserts[index] || []).forEach(function (key) {
          lines.push.apply(lines, emitKey(key, values[key], fields[key], ''));
        });
      }
      insert(-1);
      var i = 0;
      var regionIndex = 0;
      while (i < head.length) {
        var region = byStart[i];
        if (!region) {
          lines.push(head[i]);
          i++;
          continue;
        }
        var key = region.key;
        var had = key in oldValues;
        if (!(key in values) && had) {
          // emptied: the key goes, with its lines
        } else if (!(key in values) || (had && deepEqual(oldValues[key], values[key]))) {
          // untouched (or empty before and after, as `katalog new` leaves a key): as it stood
          lines.push.apply(lines, head.slice(region.start, region.end));
        } else {
          lines.push.apply(lines, emitKey(key, values[key], fields[key], ''));
        }
        i = region.end;
        insert(regionIndex);
        regionIndex++;
      }
      return lines;
    }

    k.fileValues = fileValues;
    k.toFile = toFile;
  };
})(KatalogDecap);
