/*
 * Katalog's additions to Decap CMS. `katalog export` writes this file into content/admin/index.html,
 * after the pinned Decap and js-yaml and a JSON block with what it needs of site_config/.
 *
 * - A front-matter format per entry type: a file is read as `katalog check` reads it, and written
 *   back with every key the editor did not change exactly as it stood (lines, quotes, comments);
 *   a changed key gets one canonical form; an emptied optional key is left out, never `key: ""`.
 * - New files are named as `katalog new` names them (æ -> ae, ø -> oe, å -> aa), ids unique.
 * - The rules Decap's widgets cannot express (one of two keys, a date not before another, minimum
 *   counts) stop the form with the words `katalog check` would use.
 * - `[[id]]` and `[[id|text]]` survive the rich-text editor; a toolbar button picks the entry.
 * - The preview pane uses the site's stylesheets and shows the entry as its page does.
 *
 * The functions that do not need a browser are exported for the tests (node).
 */
(function (root) {
  'use strict';

  var RAW = '__katalog_raw';
  var SKIP = '__katalog_';
  var LINK = /\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]/;
  var TYPED_LINK = /\\?\[\\?\[([^\[\]|\n\\]+?)(?:\|([^\[\]\n]+?))?\\?\]\\?\]/;
  var YEAR_PATTERN = /^\d{4}$/;
  var FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var KEYWORD_MAX = 80;

  function fill(template, args) {
    return String(template).replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole;
    });
  }

  function own(object, key) {
    return object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
  }

  function isScalar(value) {
    return value === null || (typeof value !== 'object' && typeof value !== 'function') || value instanceof Date;
  }

  function deepEqual(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
      return true;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      var keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      for (var j = 0; j < keys.length; j++) {
        if (!Object.prototype.hasOwnProperty.call(b, keys[j]) || !deepEqual(a[keys[j]], b[keys[j]])) return false;
      }
      return true;
    }
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    return false;
  }

  function create(data, yaml) {
    var texts = data.texts || {};
    var types = data.types || {};
    var vocabularies = data.vocabularies || {};
    var nordic = data.nordic || {};
    var maxIdLength = data.maxIdLength || 0;

    // --- ids, as core/slugs.py and editing/scaffold.py make them ---------------------------------

    function slugify(text) {
      var lowered = String(text).normalize('NFC').toLowerCase();
      var mapped = Array.from(lowered).map(function (char) {
        return Object.prototype.hasOwnProperty.call(nordic, char) ? nordic[char] : char;
      }).join('');
      var ascii = mapped.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
      return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    }

    function idFromTitle(title) {
      var slug = slugify(title);
      if (!maxIdLength || slug.length <= maxIdLength) return slug;
      var cut = slug.slice(0, maxIdLength + 1);
      var words = cut.indexOf('-') >= 0 ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, maxIdLength);
      return words.slice(0, maxIdLength).replace(/^-+|-+$/g, '');
    }

    // --- the schema ----------------------------------------------------------------------------

    function fieldsOf(typeName) {
      var type = types[typeName];
      return type ? type.fields : {};
    }

    function termKey(field, value) {
      var vocabulary = vocabularies[field.vocabulary];
      if (!vocabulary || typeof value !== 'string') return value;
      if (Object.prototype.hasOwnProperty.call(vocabulary.labels, value)) return value;
      var folded = value.normalize('NFC').toLowerCase().trim();
      return own(vocabulary.aliases, folded) ? vocabulary.aliases[folded] : value;
    }

    // What a widget shows for a value as `katalog check` reads it: a single value of a list field is
    // a list of one, a term written as its label is its key.
    function forDecap(value, field) {
      if (!field || value === null || value === undefined) return value;
      if (field.many) {
        var list = Array.isArray(value) ? value : [value];
        return list.map(function (item) { return forDecapOne(item, field); });
      }
      return forDecapOne(value, field);
    }

    function forDecapOne(value, field) {
      if (field.kind === 'object') {
        if (!isPlainObject(value)) return value;
        var result = {};
        Object.keys(value).forEach(function (key) {
          result[key] = forDecap(value[key], field.fields && field.fields[key]);
        });
        return result;
      }
      if (field.kind === 'term') return termKey(field, value);
      if (typeof value === 'number' && field.kind !== 'year') return String(value);
      return value;
    }

    // Empty strings, lists and objects are no value: an emptied optional key is left out.
    function clean(value) {
      if (value === null || value === undefined) return undefined;
      if (typeof value === 'string') {
        var trimmed = value.trim();
        return trimmed === '' ? undefined : trimmed;
      }
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      if (Array.isArray(value)) {
        var items = value.map(clean).filter(function (item) { return item !== undefined; });
        return items.length ? items : undefined;
      }
      if (isPlainObject(value)) {
        var result = {};
        Object.keys(value).forEach(function (key) {
          var one = clean(value[key]);
          if (one !== undefined) result[key] = one;
        });
        return Object.keys(result).length ? result : undefined;
      }
      return value;
    }

    // The value as it is written: a list of one in an allow_single field is the single value.
    function forFile(value, field) {
      value = clean(value);
      if (value === undefined || !field) return value;
      if (field.many) {
        var list = Array.isArray(value) ? value : [value];
        var items = list.map(function (item) { return forFileOne(item, field); })
          .filter(function (item) { return item !== undefined; });
        if (!items.length) return undefined;
        if (field.allowSingle && items.length === 1 && isScalar(items[0])) return items[0];
        return items;
      }
      return forFileOne(value, field);
    }

    function forFileOne(value, field) {
      if (field.kind === 'object' && isPlainObject(value)) {
        var result = {};
        orderedKeys(value, field.fields).forEach(function (key) {
          var one = forFile(value[key], field.fields && field.fields[key]);
          if (one !== undefined) result[key] = one;
        });
        return Object.keys(result).length ? result : undefined;
      }
      if (field.kind === 'year' && typeof value === 'string' && YEAR_PATTERN.test(value)) return Number(value);
      return value;
    }

    function orderedKeys(object, fields) {
      var known = fields ? Object.keys(fields).filter(function (key) { return key in object; }) : [];
      return known.concat(Object.keys(object).filter(function (key) { return known.indexOf(key) < 0; }));
    }

    // --- writing YAML ----------------------------------------------------------------------------

    var NOT_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]/;

    function quote(text) {
      var json = JSON.stringify(text);
      // JSON leaves some characters YAML will not read raw (DEL, C1 controls, lone surrogates).
      return json.replace(/[\x7f-\x84\x86-\x9f\u2028\u2029]/g, function (char) {
        return '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0');
      });
    }

    function plainOk(text, inFlow) {
      if (text === '' || text !== text.trim() || NOT_PRINTABLE.test(text) || /[\t\n\r\u2028\u2029\ufeff]/.test(text)) {
        return false;
      }
      if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) return false;
      if (inFlow && /[,\[\]{}]/.test(text)) return false;
      // What YAML 1.1 (LibYAML, `katalog check`) or 1.2 would read as something other than text.
      if (/^(?:~|null|true|false|y|yes|n|no|on|off|<<|=)$/i.test(text)) return false;
      if (/^[-+.]?\d/.test(text) || /^[-+]?\.(?:inf|nan)$/i.test(text)) return false;
      return true;
    }

    function scalar(value, field, inFlow) {
      if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quote(String(value));
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      var text = String(value);
      var kind = field ? field.kind : '';
      if (kind === 'date' && FULL_DATE.test(text)) return text;
      if (kind === 'year' && YEAR_PATTERN.test(text)) return text;
      // Free text and numbers that must stay text are quoted, as `katalog new` and the examples do.
      if (kind === 'text' || kind === 'phone' || kind === 'partial_date') return quote(text);
      return plainOk(text, inFlow) ? text : quote(text);
    }

    function emitKey(key, value, field, indent) {
      var name = plainOk(key, false) ? key : quote(key);
      if (Array.isArray(value)) {
        if (!value.length) return [indent + name + ': []'];
        if (value.every(isScalar)) {
          if (field && field.kind === 'text') {
            return [indent + name + ':'].concat(value.map(function (item) {
              return indent + '  - ' + scalar(item, field, false);
            }));
          }
          return [indent + name + ': [' + value.map(function (item) { return scalar(item, field, true); }).join(', ') + ']'];
        }
        var lines = [indent + name + ':'];
        value.forEach(function (item) {
          var itemLines;
          if (isPlainObject(item) && Object.keys(item).length) {
            itemLines = emitMapping(item, field && field.fields, indent + '    ');
          } else {
            itemLines = [indent + '    ' + (isScalar(item) ? scalar(item, field, false) : quote(JSON.stringify(item)))];
          }
          itemLines[0] = indent + '  - ' + itemLines[0].slice(indent.length + 4);
          lines.push.apply(lines, itemLines);
        });
        return lines;
      }
      if (isPlainObject(value)) {
        if (!Object.keys(value).length) return [indent + name + ': {}'];
        return [indent + name + ':'].concat(emitMapping(value, field && field.fields, indent + '  '));
      }
      return [indent + name + ': ' + scalar(value, field, false)];
    }

    function emitMapping(object, fields, indent) {
      var lines = [];
      orderedKeys(object, fields).forEach(function (key) {
        lines.push.apply(lines, emitKey(key, object[key], fields && fields[key], indent));
      });
      return lines;
    }

    // --- reading a file --------------------------------------------------------------------------

    function isFence(line) {
      return line.replace(/[ \t]+$/, '') === '---';
    }

    function splitFile(raw) {
      var text = String(raw);
      var bom = '';
      if (text.charAt(0) === '\ufeff') {
        bom = '\ufeff';
        text = text.slice(1);
      }
      var eol = text.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
      text = text.replace(/\r\n?/g, '\n');
      var lines = text.split('\n');
      var result = { bom: bom, eol: eol, open: null, head: null, close: null, body: text };
      if (!isFence(lines[0])) return result;
      for (var i = 1; i < lines.length; i++) {
        if (isFence(lines[i]) || lines[i].replace(/\s+$/, '') === '...') {
          result.open = lines[0];
          result.head = lines.slice(1, i);
          result.close = lines[i];
          result.body = lines.slice(i + 1).join('\n');
          return result;
        }
      }
      result.error = 'unclosed';
      return result;
    }

    function parseYaml(text) {
      // The core schema keeps dates as text (2026-10-01), which is what the date widgets write.
      return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false });
    }

    function readFile(raw) {
      var parts = splitFile(raw);
      if (parts.error) return { parts: parts, error: parts.error };
      if (parts.head === null) return { parts: parts, values: {}, body: parts.body };
      var values;
      try {
        values = parseYaml(parts.head.join('\n'));
      } catch (error) {
        return { parts: parts, error: String(error && error.message || error).split('\n')[0] };
      }
      if (values === null || values === undefined) values = {};
      if (!isPlainObject(values)) return { parts: parts, error: 'not a mapping' };
      if (own(values, '__proto__')) return { parts: parts, error: '__proto__' };
      return { parts: parts, values: values, body: parts.body };
    }

    function bodyForDecap(body) {
      return String(body || '').replace(/^\n+/, '').replace(/\s+$/, '');
    }

    function fromFile(typeName, raw) {
      var file = readFile(raw);
      var result = {};
      result[RAW] = String(raw);
      if (file.error) {
        result[SKIP + 'unreadable'] = file.error;
        return result;
      }
      var fields = fieldsOf(typeName);
      Object.keys(file.values).forEach(function (key) {
        result[key] = forDecap(file.values[key], fields[key]);
      });
      var body = bodyForDecap(file.body);
      if (body) result.body = body;
      return result;
    }

    // The lines of each top-level key: its own line and every line of its value after it. Blank
    // and comment lines between keys belong to none. Null when the layout is not one we can trust
    // (then the whole front-matter is written anew).
    function keyRegions(head, values) {
      var regions = [];
      var current = null;
      var lastContent = -1;
      function close() {
        if (current) {
          current.end = lastContent + 1;
          regions.push(current);
          current = null;
        }
      }
      for (var i = 0; i < head.length; i++) {
        var line = head[i];
        var blank = /^\s*$/.test(line);
        var indented = /^[ \t]/.test(line);
        if (blank || (/^#/.test(line) && current === null)) continue;
        if (indented || /^-(?:\s|$)/.test(line)) {
          if (current === null) return null;
          if (!/^\s*#/.test(line)) lastContent = i;
          continue;
        }
        if (/^#/.test(line)) continue; // a comment between keys, or before one
        var match = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]|$)/.exec(line);
        if (!match) return null;
        close();
        current = { key: match[1], start: i, end: i + 1 };
        lastContent = i;
      }
      close();
      var keys = regions.map(function (region) { return region.key; });
      var parsed = Object.keys(values);
      if (keys.length !== parsed.length || keys.some(function (key, index) { return key !== parsed[index]; })) {
        return null;
      }
      for (var r = 0; r < regions.length; r++) {
        var region = regions[r];
        var alone;
        try {
          alone = parseYaml(head.slice(region.start, region.end).join('\n'));
        } catch (error) {
          return null;
        }
        if (!isPlainObject(alone) || !deepEqual(alone[region.key], values[region.key])) return null;
      }
      return regions;
    }

    // --- writing a file --------------------------------------------------------------------------

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

    // --- the body ----------------------------------------------------------------------------------

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

    // --- checks before saving ---------------------------------------------------------------------

    function labelOf(field, name) {
      return field && field.label ? field.label : name;
    }

    function partialDate(text) {
      var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(text));
      return match ? match.slice(1).filter(function (part) { return part !== undefined; }).map(Number) : null;
    }

    function isBefore(later, earlier) {
      // As core/values.py: compared on the parts both give (2021 is not before 2021-05).
      var size = Math.min(later.length, earlier.length);
      for (var i = 0; i < size; i++) {
        if (later[i] !== earlier[i]) return later[i] < earlier[i];
      }
      return false;
    }

    function ruleProblem(rule, object, fields) {
      var a = rule[1];
      var b = rule[2];
      if (rule[0] === 'one_of_required') {
        if (object[a] === undefined && object[b] === undefined) {
          return fill(texts.one_of_required, { a: labelOf(fields[a], a), b: labelOf(fields[b], b) });
        }
      } else if (rule[0] === 'not_before') {
        var later = partialDate(object[a]);
        var earlier = partialDate(object[b]);
        if (later && earlier && isBefore(later, earlier)) {
          return fill(texts.not_before, {
            later: labelOf(fields[a], a), later_value: object[a],
            earlier: labelOf(fields[b], b), earlier_value: object[b],
          });
        }
      }
      return null;
    }

    function items(count) {
      return count === 1 ? texts.items_one : fill(texts.items_other, { count: count });
    }

    // Problems of a whole entry, each {keys: top-level keys it concerns, rule: bool, message}.
    function entryProblems(typeName, values) {
      var type = types[typeName];
      var problems = [];
      if (!type) return problems;
      Object.keys(type.fields).forEach(function (name) {
        checkField(type.fields[name], name, values[name], '', [name], problems);
      });
      (type.rules || []).forEach(function (rule) {
        var message = ruleProblem(rule, values, type.fields);
        if (message) problems.push({ keys: rule.slice(1), rule: true, message: message });
      });
      return problems;
    }

    function checkField(field, name, value, where, keys, problems) {
      var label = labelOf(field, name);
      function add(message, rule) {
        problems.push({ keys: keys, rule: !!rule, message: where ? where + ': ' + message : message });
      }
      if (value === undefined) {
        if (field.required) add(fill(texts.required, { label: label }));
        return;
      }
      if (field.many) {
        var list = Array.isArray(value) ? value : [value];
        if (list.length < (field.minItems || 0)) add(fill(texts.too_few, { label: label, items: items(field.minItems) }));
        list.forEach(function (item, index) {
          var itemWhere = field.kind === 'object' ? fill(texts.item, { label: label, number: index + 1 }) : '';
          checkOne(field, name, item, joinWhere(where, itemWhere), keys, problems, add);
        });
        return;
      }
      checkOne(field, name, value, where, keys, problems, add);
    }

    function joinWhere(outer, inner) {
      return outer && inner ? outer + ' › ' + inner : outer || inner;
    }

    function checkOne(field, name, value, where, keys, problems, add) {
      var label = labelOf(field, name);
      if (field.kind === 'object') {
        if (!isPlainObject(value)) return;
        var subFields = field.fields || {};
        Object.keys(subFields).forEach(function (sub) {
          checkField(subFields[sub], sub, value[sub], where, keys, problems);
        });
        (field.rules || []).forEach(function (rule) {
          var message = ruleProblem(rule, value, subFields);
          if (message) problems.push({ keys: keys, rule: true, message: where ? where + ': ' + message : message });
        });
        return;
      }
      var text = String(value);
      if (field.kind === 'text') {
        var length = text.trim().length;
        if ((field.min && length < field.min) || (field.max && length > field.max)) {
          add(fill(texts.length, { label: label, expected: field.expected || '', count: length }));
        }
      } else if (field.kind === 'keyword') {
        if (text.length > KEYWORD_MAX) add(fill(texts.length, { label: label, expected: field.expected || '', count: text.length }));
      } else if (field.kind === 'term') {
        var vocabulary = vocabularies[field.vocabulary];
        if (vocabulary && !Object.prototype.hasOwnProperty.call(vocabulary.labels, termKey(field, text))) {
          add(fill(texts.unknown_term, { label: label, value: text }));
        }
      } else if (field.pattern && !new RegExp(field.pattern).test(text)) {
        add(fill(texts.format, { label: label, value: text, expected: field.expected || '' }));
      }
    }

    // The ids an entry points at: its id fields (in objects too) and `[[id]]` in its body outside code.
    function references(typeName, values, body) {
      var found = [];
      function walk(fields, object, where, nested) {
        Object.keys(fields || {}).forEach(function (name) {
          var field = fields[name];
          var value = object[name];
          if (value === undefined) return;
          var list = Array.isArray(value) ? value : [value];
          if (field.kind === 'id') {
            list.forEach(function (id) {
              found.push({ id: String(id).trim(), label: labelOf(field, name), where: where, nested: nested });
            });
          } else if (field.kind === 'object') {
            list.forEach(function (item, index) {
              if (!isPlainObject(item)) return;
              var inner = field.many ? fill(texts.item, { label: labelOf(field, name), number: index + 1 }) : '';
              walk(field.fields, item, joinWhere(where, inner), true);
            });
          }
        });
      }
      walk(fieldsOf(typeName), values, '', false);
      var text = String(body || '')
        .replace(/^(\s{0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s{0,3}\2[^\n]*$/gm, '')
        .replace(/(`+)[^`]*?\1/g, '');
      var pattern = new RegExp(LINK.source, 'g');
      var match;
      while ((match = pattern.exec(text)) !== null) {
        found.push({ id: match[1].trim(), label: texts.body_label, where: '', nested: false });
      }
      return found;
    }

    // `[[id]]` typed into the rich-text editor reaches the Markdown writer as text, its brackets
    // escaped (`\\[[id]]`); these are the pieces of such a text: strings, and links {id, text}.
    function typedLinks(text) {
      var pieces = [];
      var pattern = new RegExp(TYPED_LINK.source, 'g');
      var last = 0;
      var match;
      while ((match = pattern.exec(text)) !== null) {
        if (match.index > last) pieces.push(text.slice(last, match.index));
        pieces.push({ id: match[1], text: match[2] === undefined ? '' : match[2] });
        last = pattern.lastIndex;
      }
      if (last < text.length) pieces.push(text.slice(last));
      return pieces;
    }

    return {
      typedLinks: typedLinks,
      references: references,
      slugify: slugify,
      idFromTitle: idFromTitle,
      fromFile: fromFile,
      toFile: toFile,
      fileValues: fileValues,
      entryProblems: entryProblems,
      mergeBody: mergeBody,
      linkPattern: LINK,
      texts: texts,
      types: types,
      vocabularies: vocabularies,
    };
  }

  // --- the browser: Decap's registries ------------------------------------------------------------

  function start() {
    var element = document.getElementById('katalog-decap-data');
    var failed = document.getElementById('katalog-load-failed');
    var CMS = window.CMS;
    if (!element || !CMS || !window.jsyaml) {
      if (failed) failed.hidden = false;
      return;
    }
    var data = JSON.parse(element.textContent);
    var core = create(data, window.jsyaml);
    var texts = core.texts;
    var h = window.h;
    var createClass = window.createClass;
    var siteRoot = new URL('../', window.location.href);

    // Entries of every type, for the link picker, the preview's titles and unique ids. They come
    // through Decap's own search, which the id widget hands over (any backend, drafts excluded).
    var query = null;
    var entriesPromise = null;
    var entriesKnown = null;
    var loads = 0;

    function loadEntries() {
      if (entriesPromise) return entriesPromise;
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
        entriesKnown = Object.create(null);
        all.forEach(function (one) { entriesKnown[one.id] = one; });
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
      var known = entriesKnown && entriesKnown[id];
      var type = known && core.types[known.type];
      return type ? new URL(type.url + '/' + id + '/', siteRoot).href : '#';
    }

    // --- formats: one per type, so reading and writing follow the type's fields
    Object.keys(core.types).forEach(function (typeName) {
      CMS.registerCustomFormat('katalog-' + typeName, 'md', {
        fromFile: function (content) { return core.fromFile(typeName, content); },
        toFile: function (entryData) { return core.toFile(typeName, entryData); },
      });
    });

    // --- before saving: the checks Decap's widgets cannot make, and the new file's name

    // `katalog check`'s problem and hint as one sentence each: "der findes ingen post ... . Tjek ...".
    function sentence(problem, hint) {
      return problem + (/[.!?]$/.test(problem) ? ' ' : '. ') + hint;
    }

    function refusal(messages) {
      var message = messages.join(' ');
      var error = new Error(message);
      error.toString = function () { return message; };
      return error;
    }

    // When its form or a preSave handler refuses a save, Decap shows why, and then rejects a promise
    // with nothing in it (its form) or with its ENTRY_PERSIST_FAILURE action (a preSave refusal),
    // which the browser reports as uncaught errors. Those two are expected; anything else is not.
    window.addEventListener('unhandledrejection', function (event) {
      var reason = event.reason;
      if (reason === undefined || (reason && reason.type === 'ENTRY_PERSIST_FAILURE')) event.preventDefault();
    });

    CMS.registerEventListener({
      name: 'preSave',
      handler: function (event) {
        var entry = event.entry;
        var typeName = entry.get('collection');
        var entryData = entry.get('data').toJS();
        if (entryData['__katalog_unreadable']) {
          throw refusal([fill(texts.unreadable, { reason: entryData['__katalog_unreadable'] })]);
        }
        var values = core.fileValues(typeName, entryData);
        var messages = core.entryProblems(typeName, values).map(function (problem) { return problem.message; });
        var isNew = entry.get('newRecord');
        var id = isNew ? core.idFromTitle(values.title || '') : values.id || entry.get('slug') || '';
        if (isNew && !id) messages.push(texts.bad_title);
        if (isNew && id && new RegExp('^(?:' + data.reservedIds + ')$').test(id)) {
          var folder = core.types[typeName] ? core.types[typeName].url + '/' : '';
          messages.push(sentence(fill(texts.reserved_id, { value: id, folder: folder }),
            fill(texts.reserved_id_hint, { suggestion: typeName + '-' + id })));
        }
        core.references(typeName, values, entryData.body).forEach(function (link) {
          // As `katalog check`: a contact's unit may be the unit itself, a field or the text may not.
          if (id && link.id === id && !link.nested) {
            messages.push(link.label + ': ' + sentence(texts.self_reference, texts.self_reference_hint));
          }
        });
        if (messages.length) throw refusal(messages);
        // Links the file had are checked by `katalog check` already; only new ones are looked up
        // (every entry of every type is read for it: not on each save of a large catalogue).
        var before = Object.create(null);
        if (typeof entryData[RAW] === 'string') {
          var old = core.fromFile(typeName, entryData[RAW]);
          core.references(typeName, core.fileValues(typeName, old), old.body).forEach(function (link) {
            before[link.id] = true;
          });
        }
        var added = core.references(typeName, values, entryData.body).filter(function (link) {
          return link.id && !before[link.id];
        });
        if (!isNew && !added.length) return undefined;
        forgetEntries();
        return loadEntries().then(function (entries) {
          var known = Object.create(null);
          entries.forEach(function (one) { known[one.id] = one; });
          if (entries.length) {
            // What `katalog check` would say of a link to no entry (typed in the Markdown view, say).
            var unknown = added.filter(function (link) {
              return !known[link.id];
            }).map(function (link) {
              var message = link.label + ': ' + sentence(fill(texts.unknown_id, { value: link.id }), texts.unknown_id_hint);
              return link.where ? link.where + ': ' + message : message;
            });
            if (unknown.length) throw refusal(unknown);
          }
          if (!isNew) return undefined;
          var taken = known[id];
          if (taken) throw refusal([fill(texts.id_taken, { id: id, path: taken.path })]);
          // A copy of another entry ("publish and duplicate") carries that file's text and id: not its own.
          return entry.get('data').delete(RAW).delete('id').set(data.newIdKey, id);
        });
      },
    });
    CMS.registerEventListener({ name: 'postSave', handler: function () { forgetEntries(); } });

    // --- rules between fields shown at the fields, on Decap's own list, object, select and relation
    function ruleMessage(props) {
      var collection = props.collection;
      var field = props.field;
      if (!collection || !field || !collection.get('fields') || !collection.get('fields').includes(field)) return null;
      var typeName = collection.get('name');
      var name = field.get('name');
      var current = typeof props.getEntry === 'function' ? props.getEntry() : props.entry;
      if (!current) return null;
      var values = core.fileValues(typeName, current.get('data').toJS());
      var found = core.entryProblems(typeName, values).filter(function (problem) {
        return problem.rule && problem.keys.indexOf(name) >= 0;
      });
      return found.length ? found.map(function (problem) { return problem.message; }).join(' ') : null;
    }

    function isEmptyValue(value) {
      return value === null || value === undefined || value === '' || (typeof value.size === 'number' && value.size === 0);
    }

    // Decap asks a select or relation control's isValid; a list or object control validates its
    // children instead (and a list then replaces its own errors with its size check, so an empty
    // required list passed). Both are given the rule, and a required list its presence, here.
    ['list', 'object', 'select', 'relation'].forEach(function (widgetName) {
      var base = CMS.getWidget(widgetName);
      var Control = base && base.control;
      if (!Control || !Control.prototype || !Control.prototype.isReactComponent) return;
      var container = widgetName === 'list' || widgetName === 'object';
      class Ruled extends Control {
        constructor(props) {
          super(props);
          var self = this;
          var ownValid = this.isValid;
          this.isValid = function () {
            var result = typeof ownValid === 'function' ? ownValid.call(self) : true;
            if (result === false || (result && typeof result.then === 'function')) return result;
            if (result && typeof result === 'object' && result.error) return result;
            var message = ruleMessage(self.props);
            return message ? { error: { type: 'CUSTOM', message: message } } : result;
          };
          var ownValidate = this.validate;
          if (!container || typeof ownValidate !== 'function') return;
          this.validate = function () {
            ownValidate.apply(self, arguments);
            var props = self.props;
            if (typeof props.onValidateObject !== 'function') return;
            var errors = widgetName === 'list' && typeof self.validateSize === 'function' ? self.validateSize() : [];
            var field = props.field;
            if (widgetName === 'list' && field.get('required', true) && isEmptyValue(props.value)) {
              var label = field.get('label', field.get('name'));
              errors = [{ type: 'PRESENCE', parentIds: props.parentIds, message: fill(texts.required, { label: label }) }].concat(errors);
            }
            var message = ruleMessage(props);
            if (message) errors = errors.concat([{ type: 'CUSTOM', parentIds: props.parentIds, message: message }]);
            props.onValidateObject(props.forID, errors);
          };
        }
      }
      var rest = {};
      Object.keys(base).forEach(function (key) {
        if (key !== 'control' && key !== 'preview') rest[key] = base[key];
      });
      rest.name = widgetName;
      rest.controlComponent = Ruled;
      rest.previewComponent = base.preview;
      CMS.registerWidget(rest);
    });

    // --- the id: shown, made from the title for a new entry; it names the file
    var IdControl = createClass({
      shouldComponentUpdate: function () { return true; },
      componentDidMount: function () {
        var self = this;
        query = this.props.query || query;
        // The id follows the title as it is typed (Decap redraws a field only when its own value changes).
        this.follow = function () { window.setTimeout(function () { if (self.follow) self.forceUpdate(); }, 0); };
        document.addEventListener('input', this.follow);
      },
      componentWillUnmount: function () {
        document.removeEventListener('input', this.follow);
        this.follow = null;
      },
      render: function () {
        query = this.props.query || query;
        var current = typeof this.props.getEntry === 'function' ? this.props.getEntry() : this.props.entry;
        var value = this.props.value;
        var text;
        if (value) {
          text = fill(texts.id_fixed, { id: value });
        } else if (current && !current.get('newRecord')) {
          text = fill(texts.id_fixed, { id: current.get('slug') });
        } else {
          var id = core.idFromTitle(current ? current.getIn(['data', 'title']) || '' : '');
          text = id ? fill(texts.id_new, { id: id }) : texts.id_empty;
        }
        return h('output', {
          id: this.props.forID,
          className: this.props.classNameWrapper,
          'aria-live': 'polite',
          style: { display: 'block', minHeight: 'auto' },
        }, text);
      },
    });
    CMS.registerWidget('katalog-id', IdControl, function (props) { return h('span', null, props.value || ''); });

    // --- ids of entries of any type (`related`): picked in the same dialog, shown by their titles
    function idsOf(value) {
      if (value === null || value === undefined || value === '') return [];
      var plain = typeof value.toJS === 'function' ? value.toJS() : value;
      return (Array.isArray(plain) ? plain : [plain]).map(String);
    }

    var EntriesControl = createClass({
      componentDidMount: function () {
        query = this.props.query || query;
      },
      shouldComponentUpdate: function () { return true; },
      isMultiple: function () { return this.props.field.get('multiple', false); },
      change: function (ids) {
        this.props.onChange(this.isMultiple() ? ids : ids[0] || '');
      },
      add: function () {
        var self = this;
        pickEntry({ id: '', text: '' }, true).then(function (chosen) {
          if (!chosen) return;
          var ids = self.isMultiple() ? idsOf(self.props.value) : [];
          if (ids.indexOf(chosen.id) < 0) ids.push(chosen.id);
          self.change(ids);
        });
      },
      remove: function (id) {
        this.change(idsOf(this.props.value).filter(function (one) { return one !== id; }));
      },
      render: function () {
        var self = this;
        var ids = idsOf(this.props.value);
        return h('div', { id: this.props.forID, className: this.props.classNameWrapper, role: 'group' },
          ids.length ? h('ul', { className: 'katalog-entries' }, ids.map(function (id) {
            var known = entriesKnown && entriesKnown[id];
            var shown = known ? known.title + ' (' + (core.types[known.type] || {}).label + ')' : id;
            if (!known && entriesKnown) shown += ' (' + texts.link_unknown + ')';
            return h('li', { key: id },
              h('span', null, shown),
              h('button', {
                type: 'button',
                className: 'katalog-entries-remove',
                'aria-label': fill(texts.entries_remove, { title: known ? known.title : id }),
                onClick: function () { self.remove(id); },
              }, '×'));
          })) : null,
          h('button', { type: 'button', className: 'katalog-entries-add', onClick: this.add }, texts.entries_add));
      },
    });
    CMS.registerWidget('katalog-entries', EntriesControl, function (props) {
      return h('span', null, idsOf(props.value).join(', '));
    });

    // --- [[id]] and [[id|text]] in the rich-text editor
    function titleOf(id) {
      var known = entriesKnown && entriesKnown[id.trim()];
      return known ? known.title : '';
    }

    CMS.registerEditorComponent({
      id: 'katalog-link',
      label: texts.link_button,
      type: 'inline',
      icon: 'link',
      trigger: '[[',
      pattern: core.linkPattern,
      fromInline: function (match) {
        return { id: match[1], text: match[2] === undefined ? '' : match[2] };
      },
      toInline: function (link) {
        var id = String(link && link.id || '');
        var text = link && link.text ? String(link.text) : '';
        return '[[' + id + (text ? '|' + text : '') + ']]';
      },
      toPreview: function (link) {
        var id = String(link && link.id || '');
        var shown = link && link.text ? link.text : titleOf(id) || id;
        return h('a', { className: 'katalog-ref', href: pageUrl(id.trim()), title: '[[' + id + ']]' }, shown);
      },
      onInsert: function (context) {
        return pickEntry({ id: '', text: context && context.selectedText || '' });
      },
      onEdit: function (context) {
        return pickEntry(context && context.data || {});
      },
    });

    // A link typed as text becomes a link node, written back as `[[id]]` (not escaped), in the
    // editor's Markdown and in the preview.
    function typedLinkPlugin() {
      return function (tree) {
        (function walk(node) {
          if (!node || !Array.isArray(node.children) || node.type === 'link') return;
          var children = [];
          node.children.forEach(function (child) {
            // Decap hands the editor's text to the writer as `html` nodes (so nothing is escaped twice).
            var texty = child.type === 'text' || (child.type === 'html' && !/^\s*</.test(child.value || ''));
            if (!texty || typeof child.value !== 'string' || child.value.indexOf('[') < 0) {
              walk(child);
              children.push(child);
              return;
            }
            core.typedLinks(child.value).forEach(function (piece) {
              if (typeof piece === 'string') {
                children.push({ type: child.type, value: piece });
              } else {
                children.push({
                  type: 'inline-shortcode',
                  data: { shortcode: 'katalog-link', shortcodeData: piece, isVoid: true },
                });
              }
            });
          });
          node.children = children;
        })(tree);
      };
    }
    CMS.registerRemarkPlugin(typedLinkPlugin);

    // --- the picker: a dialog with a search over every entry's title and id
    function fold(text) {
      return core.slugify(text).replace(/-/g, ' ');
    }

    function pickEntry(current, withoutText) {
      return new Promise(function (resolve) {
        var dialog = document.createElement('dialog');
        dialog.className = 'katalog-picker';
        dialog.setAttribute('aria-labelledby', 'katalog-picker-title');
        var heading = document.createElement('h2');
        heading.id = 'katalog-picker-title';
        heading.textContent = withoutText ? texts.entries_title : texts.link_title;
        var searchLabel = document.createElement('label');
        searchLabel.textContent = texts.link_search;
        var search = document.createElement('input');
        search.type = 'search';
        search.value = current.id || '';
        search.autocomplete = 'off';
        searchLabel.appendChild(search);
        var list = document.createElement('ul');
        list.setAttribute('role', 'listbox');
        list.setAttribute('aria-label', texts.link_title);
        var status = document.createElement('p');
        status.setAttribute('role', 'status');
        status.textContent = texts.link_loading;
        var textLabel = document.createElement('label');
        textLabel.textContent = texts.link_text;
        var linkText = document.createElement('input');
        linkText.type = 'text';
        linkText.value = current.text || '';
        textLabel.appendChild(linkText);
        var buttons = document.createElement('div');
        buttons.className = 'katalog-picker-buttons';
        var cancel = document.createElement('button');
        cancel.type = 'button';
        cancel.textContent = texts.link_cancel;
        var ok = document.createElement('button');
        ok.type = 'button';
        ok.className = 'katalog-picker-insert';
        ok.textContent = texts.link_insert;
        ok.disabled = !current.id;
        buttons.appendChild(cancel);
        buttons.appendChild(ok);
        [heading, searchLabel, status, list, withoutText ? null : textLabel, buttons].forEach(function (one) {
          if (one) dialog.appendChild(one);
        });
        document.body.appendChild(dialog);

        var chosen = current.id ? current.id.trim() : '';
        var all = [];
        var finished = false;
        function finish(value) {
          if (finished) return;
          finished = true;
          if (dialog.open) dialog.close();
          dialog.remove();
          resolve(value);
        }
        function choose(id) {
          chosen = id;
          ok.disabled = !chosen;
          Array.prototype.forEach.call(list.children, function (item) {
            item.setAttribute('aria-selected', item.dataset.id === chosen ? 'true' : 'false');
          });
        }
        function show() {
          var words = fold(search.value).split(' ').filter(Boolean);
          var found = all.filter(function (one) {
            var haystack = fold(one.title) + ' ' + one.id.replace(/-/g, ' ');
            return words.every(function (word) { return haystack.indexOf(word) >= 0; });
          }).slice(0, 50);
          list.textContent = '';
          found.forEach(function (one) {
            var item = document.createElement('li');
            item.setAttribute('role', 'option');
            item.tabIndex = 0;
            item.dataset.id = one.id;
            var typeLabel = core.types[one.type] ? core.types[one.type].label : one.type;
            item.textContent = one.title + ' (' + typeLabel + ', ' + one.id + ')';
            item.addEventListener('click', function () { choose(one.id); });
            item.addEventListener('dblclick', function () { choose(one.id); ok.click(); });
            item.addEventListener('keydown', function (event) {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                choose(one.id);
              }
            });
            list.appendChild(item);
          });
          status.textContent = found.length ? '' : texts.link_none;
          choose(chosen);
        }
        search.addEventListener('input', show);
        cancel.addEventListener('click', function () { finish(null); });
        dialog.addEventListener('cancel', function (event) {
          event.preventDefault();
          finish(null);
        });
        ok.addEventListener('click', function () {
          if (chosen) finish({ id: chosen, text: linkText.value.trim() });
        });
        dialog.showModal();
        search.focus();
        loadEntries().then(function (entries) {
          all = entries.slice().sort(function (a, b) { return a.title.localeCompare(b.title, data.language); });
          show();
        });
      });
    }

    var pickerStyle = document.createElement('style');
    pickerStyle.textContent = [
      '.katalog-picker{width:min(40rem,calc(100vw - 2rem));border:1px solid #798291;border-radius:6px;padding:1rem 1.25rem;font:15px/1.4 system-ui,sans-serif;color:#313d3e}',
      '.katalog-picker::backdrop{background:rgba(0,0,0,.35)}',
      '.katalog-picker h2{font-size:1.15rem;margin:0 0 .75rem}',
      '.katalog-picker label{display:block;margin:.5rem 0;font-weight:600}',
      '.katalog-picker input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.45rem .5rem;font:inherit;font-weight:400;border:1px solid #798291;border-radius:4px}',
      '.katalog-picker ul{list-style:none;margin:.25rem 0;padding:0;max-height:min(18rem,40vh);overflow:auto;border:1px solid #dfdfe3;border-radius:4px}',
      '.katalog-picker li{padding:.4rem .5rem;cursor:pointer;border-bottom:1px solid #eff0f4}',
      '.katalog-picker li:hover,.katalog-picker li:focus{background:#e8f5fe;outline:2px solid #3a69c7;outline-offset:-2px}',
      '.katalog-picker li[aria-selected=true]{background:#3a69c7;color:#fff}',
      '.katalog-picker-buttons{display:flex;gap:.5rem;justify-content:flex-end;margin-top:.75rem}',
      '.katalog-picker button{font:inherit;padding:.45rem 1rem;border-radius:4px;border:1px solid #3a69c7;background:#fff;color:#3a69c7;cursor:pointer}',
      '.katalog-picker button.katalog-picker-insert{background:#3a69c7;color:#fff}',
      '.katalog-picker button:disabled{opacity:.5;cursor:default}',
      '.katalog-entries{list-style:none;margin:0 0 .5rem;padding:0}',
      '.katalog-entries li{display:flex;align-items:center;justify-content:space-between;gap:.5rem;padding:.3rem .5rem;margin:.25rem 0;background:#eff0f4;border-radius:4px}',
      '.katalog-entries-remove{border:0;background:none;font-size:1.2rem;line-height:1;cursor:pointer;color:#313d3e;padding:.1rem .4rem}',
      '.katalog-entries-add{font:inherit;font-size:.85rem;font-weight:700;padding:.4rem .9rem;border-radius:4px;border:1px solid #3a69c7;background:#fff;color:#3a69c7;cursor:pointer}',
      // Decap's editor toolbar does not fit a phone: keep the way back, the save state and the buttons.
      '@media (max-width:640px){',
      '[class*="-BackCollection"],[class*="-ToolbarSectionMeta"]{display:none!important}',
      '[class*="-ToolbarSectionBackLink"]{padding:0 8px!important;flex:0 0 auto!important}',
      '[class*="-BackArrow"]{margin-right:8px!important}',
      '[class*="-BackStatus"]{white-space:normal!important;max-width:5.5rem;line-height:1.15!important}',
      '[class*="-ToolbarSectionMain"]{padding:0 4px!important;min-width:0}',
      '[class*="-ToolbarSectionMain"] [class*="-buttonMargin"],[class*="-DeleteButton"]{margin:0 3px!important}',
      '[class*="-PublishButton"],[class*="-DeleteButton"]{padding-left:10px!important;padding-right:10px!important}',
      '[class*="-PublishButton"]{padding-right:26px!important}',
      '}',
    ].join('\n');
    document.head.appendChild(pickerStyle);

    // --- the preview: the page's header, body and footer with the site's stylesheets
    function termLabel(field, value) {
      var vocabulary = core.vocabularies[field.vocabulary];
      return vocabulary && own(vocabulary.labels, value) ? vocabulary.labels[value] : String(value);
    }

    function idLink(id) {
      var title = titleOf(String(id));
      return h('a', { href: pageUrl(String(id)) }, title || String(id));
    }

    var DATE_KINDS = ['date', 'partial_date', 'year'];
    var SECTION_DISPLAYS = ['highlight', 'quotes', 'list', 'lines', 'links']; // in this order after the text
    var HEADER_KEYS = ['id', 'title', 'summary'];

    // A date as the page writes it (render/formats.py): "1. oktober 2026", "april 2018", "2018".
    function dateText(value) {
      var text = String(value);
      var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
      if (!match) return text;
      var options = { year: 'numeric', timeZone: 'UTC' };
      if (match[2]) options.month = 'long';
      if (match[3]) options.day = 'numeric';
      var date = new Date(Date.UTC(Number(match[1]), match[2] ? Number(match[2]) - 1 : 0, match[3] ? Number(match[3]) : 1));
      try {
        return new Intl.DateTimeFormat(data.language, options).format(date);
      } catch (error) {
        return text;
      }
    }

    function shownValue(field, value, key) {
      if (field.kind === 'term') return h('span', { key: key }, termLabel(field, value));
      if (field.kind === 'id') return h('span', { key: key }, idLink(value));
      if (field.kind === 'email') return h('a', { key: key, href: 'mailto:' + value }, String(value));
      if (field.kind === 'url') return h('a', { key: key, href: String(value), rel: 'noopener' }, String(value));
      if (field.kind === 'phone') return h('a', { key: key, href: 'tel:' + String(value).replace(/[^0-9+]/g, '') }, String(value));
      if (field.kind === 'date' || field.kind === 'partial_date') return h('span', { key: key }, dateText(value));
      return h('span', { key: key }, String(value));
    }

    function joined(field, list) {
      var parts = [];
      list.forEach(function (value, index) {
        if (index) parts.push(', ');
        parts.push(shownValue(field, value, index));
      });
      return parts;
    }

    function fact(label, children, key) {
      return h('div', { className: 'katalog-fact', key: key }, h('dt', null, label), h('dd', null, children));
    }

    // Personal data (names, e-mails, phones of staff) stays out when the site publishes roles only.
    function published(field) {
      return !(field.personal && data.contacts === 'role_only');
    }

    function filled(value) {
      return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length);
    }

    function subFields(field) {
      return Object.keys(field.fields || {}).map(function (name) {
        return { name: name, field: field.fields[name] };
      }).filter(function (sub) { return published(sub.field); });
    }

    function isPeriod(field) {
      var subs = Object.keys(field.fields || {}).map(function (sub) { return field.fields[sub]; });
      return field.kind === 'object' && !field.many && subs.length === 2 &&
        subs.every(function (sub) { return DATE_KINDS.indexOf(sub.kind) >= 0; });
    }

    function periodText(field, value) {
      var names = Object.keys(field.fields);
      var from = value[names[0]];
      var to = value[names[1]];
      if (filled(from) && filled(to) && String(from) !== String(to)) return dateText(from) + ' – ' + dateText(to);
      return dateText(filled(from) ? from : to);
    }

    // Each record of an object field: its published, filled sub-fields as [sub, values].
    function present(field, item) {
      if (!item || typeof item !== 'object') return [];
      return subFields(field).filter(function (sub) { return filled(item[sub.name]); }).map(function (sub) {
        var value = item[sub.name];
        return { name: sub.name, field: sub.field, values: Array.isArray(value) ? value : [value] };
      });
    }

    function valueTexts(sub) {
      return sub.values.map(function (value) {
        if (sub.field.kind === 'term') return termLabel(sub.field, value);
        if (sub.field.kind === 'id') return titleOf(String(value)) || String(value);
        if (sub.field.kind === 'date' || sub.field.kind === 'partial_date') return dateText(value);
        return String(value);
      });
    }

    // selfId: a link to the entry itself says nothing (a unit's contact who works in that unit).
    function recordList(field, list, className, selfId) {
      return list.map(function (item, number) {
        var subs = present(field, item).map(function (sub) {
          if (sub.field.kind !== 'id') return sub;
          var others = sub.values.filter(function (value) { return String(value) !== selfId; });
          return others.length ? { name: sub.name, field: sub.field, values: others } : null;
        }).filter(Boolean);
        if (!subs.length) return null;
        return h('dl', { className: className, key: number }, subs.map(function (sub) {
          return fact(sub.field.label, joined(sub.field, sub.values), sub.name);
        }));
      }).filter(Boolean);
    }

    // A generated section as the page's entry.html draws it (part "section").
    function sectionBody(field, display, list) {
      if (field.kind !== 'object') {
        return h('ul', null, list.map(function (value, number) {
          return h('li', { key: number }, shownValue(field, value, number));
        }));
      }
      if (display === 'quotes') {
        return list.map(function (item, number) {
          var subs = present(field, item);
          var first = subs.findIndex(function (sub) { return sub.field.kind === 'text'; });
          if (first < 0) return null;
          var by = [];
          subs.forEach(function (sub, index) { if (index !== first) by = by.concat(valueTexts(sub)); });
          return h('figure', { className: 'katalog-quote', key: number },
            h('blockquote', null, h('p', null, String(subs[first].values[0]))),
            by.length ? h('figcaption', null, by.join(', ')) : null);
        }).filter(Boolean);
      }
      if (display === 'links') {
        return h('ul', null, list.map(function (item, number) {
          var subs = present(field, item);
          var url = subs.filter(function (sub) { return sub.field.kind === 'url'; })[0];
          var text = subs.filter(function (sub) { return sub.field.kind === 'text'; })[0];
          if (!url) return null;
          return h('li', { key: number }, h('a', { href: String(url.values[0]), rel: 'noopener' },
            String(text ? text.values[0] : url.values[0])));
        }).filter(Boolean));
      }
      return h('ul', null, list.map(function (item, number) {
        var line = [];
        present(field, item).forEach(function (sub) { line = line.concat(valueTexts(sub)); });
        return line.length ? h('li', { key: number }, line.join(', ')) : null;
      }).filter(Boolean));
    }

    // As the entry's page (render/views.py and templates/katalog/entry.html), by each field's display:
    // facts at the top (the type's own, then those every type has, then dates), the contact card at
    // the top of the text, sections after it, links to other entries last. Hidden fields are left out.
    var Preview = createClass({
      render: function () {
        var entry = this.props.entry;
        var typeName = entry.get('collection');
        var type = core.types[typeName];
        var values = core.fileValues(typeName, entry.get('data').toJS());
        var facts = [];
        var contactOwn = [];
        var people = [];
        var sections = [];
        var related = [];
        Object.keys(type.fields).forEach(function (name, index) {
          var field = type.fields[name];
          var value = values[name];
          var display = field.display || 'facts';
          if (!filled(value) || HEADER_KEYS.indexOf(name) >= 0 || !published(field)) return;
          if (display === 'hidden' || display === 'image') return;
          var list = Array.isArray(value) ? value : [value];
          if (display === 'related') {
            list.forEach(function (item, number) {
              related.push(h('li', { key: name + number }, idLink(item), ' (' + field.label + ')'));
            });
          } else if (SECTION_DISPLAYS.indexOf(display) >= 0) {
            sections.push({ rank: SECTION_DISPLAYS.indexOf(display), index: index, element: h('div', { key: name },
              h('h2', null, field.label),
              h('div', { className: 'katalog-section katalog-section-' + display + ' katalog-field-' + name },
                sectionBody(field, display, list))) });
          } else if (field.kind === 'object' && !isPeriod(field)) {
            if (display === 'contact') {
              people = people.concat(recordList(field, list, 'katalog-person', String(values.id || entry.get('slug') || '')));
            } else {
              var lines = list.map(function (item) {
                return present(field, item).map(function (sub) { return valueTexts(sub)[0]; }).join(', ');
              }).filter(Boolean);
              facts.push({ rank: 0, index: index, element: fact(field.label, lines.join('; '), name) });
            }
          } else {
            var shown = isPeriod(field) ? periodText(field, value) : joined(field, list);
            if (display === 'contact') {
              contactOwn.push(fact(field.label, shown, name));
            } else {
              var order = field.kind === 'date' ? 2 : field.shared ? 1 : 0; // as views.fact_order
              facts.push({ rank: order, index: index, element: fact(field.label, shown, name) });
            }
          }
        });
        var byRank = function (a, b) { return a.rank - b.rank || a.index - b.index; };
        facts.sort(byRank);
        sections.sort(byRank);
        var contact = contactOwn.length || people.length ? [
          h('h2', { key: 'contact-h' }, texts.contact),
          h('div', { className: 'katalog-contact', key: 'contact' },
            contactOwn.length ? h('dl', { className: 'katalog-contact-own' }, contactOwn) : null, people),
        ] : null;
        var after = sections.map(function (one) { return one.element; });
        if (related.length) {
          after.push(h('h2', { key: 'related-h' }, texts.related), h('ul', { className: 'katalog-relations', key: 'related' }, related));
        }
        return h('article', { className: 'md-content__inner md-typeset katalog-preview' },
          h('div', { className: 'katalog-entry-header katalog-entry-' + typeName },
            h('p', { className: 'katalog-type' }, type.label),
            h('h1', { id: 'katalog-title' }, values.title || ''),
            values.summary ? h('p', { className: 'katalog-summary' }, values.summary) : null,
            facts.length ? h('dl', { className: 'katalog-facts' }, facts.map(function (one) { return one.element; })) : null),
          contact,
          this.props.widgetFor('body'),
          after.length ? h('div', { className: 'katalog-entry-footer' }, after) : null);
      },
    });
    Object.keys(core.types).forEach(function (typeName) {
      CMS.registerPreviewTemplate(typeName, Preview);
    });

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
  }

  var api = { create: create, start: start, fill: fill };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KatalogDecap = api;
    if (typeof document !== 'undefined' && document.getElementById('katalog-decap-data')) start();
  }
})(typeof window !== 'undefined' ? window : globalThis);
