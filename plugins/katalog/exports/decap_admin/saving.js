// Katalog's Decap admin, page: how Decap reads and saves an entry: a format per type, and before a
// save the checks Decap's widgets cannot make (as `katalog check`) and the new file's id.
(function (ns) {
  'use strict';
  var RAW = ns.RAW;
  var fill = ns.fill;

  ns.page.saving = function (app) {
    var data = app.data;
    var core = app.core;
    var texts = app.texts;
    var CMS = app.CMS;
    var loadEntries = app.loadEntries;
    var forgetEntries = app.forgetEntries;

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
  };
})(KatalogDecap);
