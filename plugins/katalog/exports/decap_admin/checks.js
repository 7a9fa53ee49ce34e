// Katalog's Decap admin, core: the checks before saving, with the words `katalog check` would use
// (the rules between fields, lengths, formats, minimum counts, known terms).
(function (ns) {
  'use strict';
  var fill = ns.fill;
  var isPlainObject = ns.isPlainObject;
  var KEYWORD_MAX = ns.KEYWORD_MAX;

  ns.core.checks = function (k) {
    var texts = k.texts;
    var types = k.types;
    var vocabularies = k.vocabularies;
    var termKey = k.termKey;

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

    k.labelOf = labelOf;
    k.joinWhere = joinWhere;
    k.entryProblems = entryProblems;
  };
})(KatalogDecap);
