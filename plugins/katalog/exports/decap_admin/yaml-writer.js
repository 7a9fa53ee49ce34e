// Katalog's Decap admin, core: a key and its value written as YAML, quoted as `katalog new` and the
// examples quote.
(function (ns) {
  'use strict';
  var isPlainObject = ns.isPlainObject;
  var isScalar = ns.isScalar;
  var YEAR_PATTERN = ns.YEAR_PATTERN;
  var FULL_DATE = ns.FULL_DATE;

  ns.core.yamlWriter = function (k) {
    var orderedKeys = k.orderedKeys;

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

    k.emitKey = emitKey;
  };
})(KatalogDecap);
