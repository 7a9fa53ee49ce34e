// Katalog's Decap admin, page: the preview pane, the entry drawn as its page draws it (header, body
// and footer), with the site's stylesheets (start.js registers them).
(function (ns) {
  'use strict';
  var own = ns.own;

  ns.page.preview = function (app) {
    var data = app.data;
    var core = app.core;
    var texts = app.texts;
    var CMS = app.CMS;
    var h = app.h;
    var createClass = app.createClass;
    var pageUrl = app.pageUrl;
    var titleOf = app.titleOf;

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
  };
})(KatalogDecap);
