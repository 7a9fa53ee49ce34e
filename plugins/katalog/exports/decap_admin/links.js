// Katalog's Decap admin, core: the ids an entry points at (id fields and `[[id]]` in its body), and
// `[[id]]` as the rich-text editor hands it over typed.
(function (ns) {
  'use strict';
  var LINK = ns.LINK;
  var TYPED_LINK = ns.TYPED_LINK;
  var fill = ns.fill;
  var isPlainObject = ns.isPlainObject;

  ns.core.links = function (k) {
    var texts = k.texts;
    var fieldsOf = k.fieldsOf;
    var labelOf = k.labelOf;
    var joinWhere = k.joinWhere;

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

    k.references = references;
    k.typedLinks = typedLinks;
  };
})(KatalogDecap);
