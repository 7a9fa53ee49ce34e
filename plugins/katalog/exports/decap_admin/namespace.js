/*
 * Katalog's additions to Decap CMS. `katalog export` writes the files of this folder into
 * content/admin/index.html as one inline script, joined in the order exports/decap_admin_page.py gives
 * (ADMIN_SCRIPTS), after the pinned Decap and js-yaml and a JSON block with what it needs of site_config/.
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
 * The files share one global, KatalogDecap, made here with the constants and helpers they all use.
 * KatalogDecap.core holds the parts of the functions that do not need a browser (core.js assembles
 * them; they are exported for the tests, under node), KatalogDecap.page the parts of the admin page
 * (start.js runs them). A part is a function given the context of the parts before it, which it reads
 * and adds its own functions to.
 */
/* exported KatalogDecap */
var KatalogDecap = (function () {
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

  return {
    RAW: RAW,
    SKIP: SKIP,
    LINK: LINK,
    TYPED_LINK: TYPED_LINK,
    YEAR_PATTERN: YEAR_PATTERN,
    FULL_DATE: FULL_DATE,
    KEYWORD_MAX: KEYWORD_MAX,
    fill: fill,
    own: own,
    isPlainObject: isPlainObject,
    isScalar: isScalar,
    deepEqual: deepEqual,
    core: {},
    page: {},
  };
})();
