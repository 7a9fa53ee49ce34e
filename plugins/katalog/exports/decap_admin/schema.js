// Katalog's Decap admin, core: ids as core/slugs.py and editing/scaffold.py make them, and each value
// between the form a widget shows and the form the file gets, by the schema's field.
(function (ns) {
  'use strict';
  var own = ns.own;
  var isPlainObject = ns.isPlainObject;
  var isScalar = ns.isScalar;
  var YEAR_PATTERN = ns.YEAR_PATTERN;

  ns.core.schema = function (k) {
    var types = k.types;
    var vocabularies = k.vocabularies;
    var nordic = k.nordic;
    var maxIdLength = k.maxIdLength;

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

    k.slugify = slugify;
    k.idFromTitle = idFromTitle;
    k.fieldsOf = fieldsOf;
    k.termKey = termKey;
    k.forDecap = forDecap;
    k.forFile = forFile;
    k.orderedKeys = orderedKeys;
  };
})(KatalogDecap);
