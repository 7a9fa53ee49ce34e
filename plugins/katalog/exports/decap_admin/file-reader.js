// Katalog's Decap admin, core: reading an entry's file as `katalog check` reads it, and finding the
// lines of each top-level key so that a save can leave the others as they stood.
(function (ns) {
  'use strict';
  var RAW = ns.RAW;
  var SKIP = ns.SKIP;
  var own = ns.own;
  var isPlainObject = ns.isPlainObject;
  var deepEqual = ns.deepEqual;

  ns.core.fileReader = function (k) {
    var yaml = k.yaml;
    var fieldsOf = k.fieldsOf;
    var forDecap = k.forDecap;

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

    k.readFile = readFile;
    k.bodyForDecap = bodyForDecap;
    k.fromFile = fromFile;
    k.keyRegions = keyRegions;
  };
})(KatalogDecap);
