// Katalog's Decap admin, page: the widgets of ids: katalog-id (an entry's own id, made from the title
// as `katalog new` makes it) and katalog-entries (ids of entries of any type, picked in the dialog).
(function (ns) {
  'use strict';
  var fill = ns.fill;

  ns.page.entryWidgets = function (app) {
    var core = app.core;
    var texts = app.texts;
    var CMS = app.CMS;
    var h = app.h;
    var createClass = app.createClass;
    var pickEntry = app.pickEntry;

    // --- the id: shown, made from the title for a new entry; it names the file
    var IdControl = createClass({
      shouldComponentUpdate: function () { return true; },
      componentDidMount: function () {
        var self = this;
        app.query = this.props.query || app.query;
        // The id follows the title as it is typed (Decap redraws a field only when its own value changes).
        this.follow = function () { window.setTimeout(function () { if (self.follow) self.forceUpdate(); }, 0); };
        document.addEventListener('input', this.follow);
      },
      componentWillUnmount: function () {
        document.removeEventListener('input', this.follow);
        this.follow = null;
      },
      render: function () {
        app.query = this.props.query || app.query;
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
        app.query = this.props.query || app.query;
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
            var known = app.entriesKnown && app.entriesKnown[id];
            var shown = known ? known.title + ' (' + (core.types[known.type] || {}).label + ')' : id;
            if (!known && app.entriesKnown) shown += ' (' + texts.link_unknown + ')';
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
  };
})(KatalogDecap);
