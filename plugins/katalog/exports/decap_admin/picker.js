// Katalog's Decap admin, page: the dialog that picks an entry (the link button of the rich-text
// editor, the entries widget), with a search over every entry's title and id.
(function (ns) {
  'use strict';

  ns.page.picker = function (app) {
    var data = app.data;
    var core = app.core;
    var texts = app.texts;
    var loadEntries = app.loadEntries;

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

    app.pickEntry = pickEntry;
  };
})(KatalogDecap);
