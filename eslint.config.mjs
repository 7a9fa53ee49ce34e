// ESLint for Katalog's browser scripts; tests/test_lint.py runs it (eslint from npm, installed into a
// cache outside the repository). The rules are ESLint's own recommended ones, named here so that the
// configuration needs no package beside eslint, less two: the scripts look for control characters on
// purpose (no-control-regex), and escape brackets in character classes for the reader (no-useless-escape).
// The globals are those the scripts use, per where they run.
const rules = {
  "constructor-super": "error",
  "eqeqeq": ["error", "smart"],
  "for-direction": "error",
  "getter-return": "error",
  "no-async-promise-executor": "error",
  "no-case-declarations": "error",
  "no-compare-neg-zero": "error",
  "no-cond-assign": "error",
  "no-const-assign": "error",
  "no-constant-binary-expression": "error",
  "no-constant-condition": "error",
  "no-debugger": "error",
  "no-delete-var": "error",
  "no-dupe-args": "error",
  "no-dupe-else-if": "error",
  "no-dupe-keys": "error",
  "no-duplicate-case": "error",
  "no-empty": ["error", { allowEmptyCatch: true }],
  "no-empty-character-class": "error",
  "no-empty-pattern": "error",
  "no-eval": "error",
  "no-ex-assign": "error",
  "no-fallthrough": "error",
  "no-func-assign": "error",
  "no-global-assign": "error",
  "no-implied-eval": "error",
  "no-import-assign": "error",
  "no-inner-declarations": "error",
  "no-invalid-regexp": "error",
  "no-irregular-whitespace": "error",
  "no-loss-of-precision": "error",
  "no-misleading-character-class": "error",
  "no-new-func": "error",
  "no-new-native-nonconstructor": "error",
  "no-nonoctal-decimal-escape": "error",
  "no-obj-calls": "error",
  "no-octal": "error",
  "no-prototype-builtins": "error",
  "no-redeclare": "error",
  "no-regex-spaces": "error",
  "no-self-assign": "error",
  "no-self-compare": "error",
  "no-setter-return": "error",
  "no-shadow-restricted-names": "error",
  "no-sparse-arrays": "error",
  "no-this-before-super": "error",
  "no-undef": "error",
  "no-unexpected-multiline": "error",
  "no-unreachable": "error",
  "no-unsafe-finally": "error",
  "no-unsafe-negation": "error",
  "no-unsafe-optional-chaining": "error",
  "no-unused-labels": "error",
  "no-unused-private-class-members": "error",
  "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
  "no-useless-backreference": "error",
  "no-useless-catch": "error",
  "no-with": "error",
  "require-yield": "error",
  "use-isnan": "error",
  "valid-typeof": "error",
};

const shared = [
  "console", "setTimeout", "clearTimeout", "Promise", "Map", "Set", "URL", "URLSearchParams", "fetch",
  "JSON", "Math", "Object", "Array", "String", "Number", "RegExp", "Error", "TypeError", "Symbol",
  "Uint8Array", "Uint16Array", "Uint32Array", "Float32Array", "Float64Array", "Int32Array", "DataView",
  "ArrayBuffer", "TextDecoder", "TextEncoder", "Intl", "Date", "isNaN", "parseInt", "parseFloat",
  "encodeURIComponent", "decodeURIComponent", "DecompressionStream", "Response", "Blob", "performance",
];
const browser = [
  "window", "document", "location", "history", "navigator", "Worker", "CustomEvent", "Event",
  "MutationObserver", "IntersectionObserver", "requestAnimationFrame", "getComputedStyle", "HTMLElement",
  "Node", "NodeFilter", "DOMParser", "matchMedia", "localStorage", "sessionStorage", "alert",
];
const worker = ["self", "postMessage", "addEventListener"];  // importScripts: declared in the worker

function globalsOf(...lists) {
  return Object.fromEntries(lists.flat().map((name) => [name, "readonly"]));
}

export default [
  {
    // Helpers shared by the scripts: the build serves them in front of each script (render/site_files.py bundle).
    files: ["plugins/katalog/assets/katalog-common.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared, browser) },
    rules,
  },
  {
    files: ["plugins/katalog/assets/katalog-cards.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared, browser, ["katalogCommon"]) },
    rules,
  },
  {
    files: ["plugins/katalog/assets/katalog-filter.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, browser, ["katalogCommon", "katalogCards"]),
    },
    rules,
  },
  // The search box's script: the build joins these files, after katalog-common.js, into one
  // (render/site_search.py) and replaces the placeholder with the search's settings. The first makes
  // katalogSearch, the object the others add to.
  {
    files: ["plugins/katalog/assets/katalog-search-engine.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, browser, ["__KATALOG_SEARCH_CONFIG__"]),
    },
    rules,
  },
  ...[
    "katalog-search-results.js", "katalog-search-box.js", "katalog-search-page.js",
  ].map((name) => ({
    files: [`plugins/katalog/assets/${name}`],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, browser, ["katalogCommon", "katalogSearch"]),
    },
    rules,
  })),
  // The search worker: the build joins these files, after katalog-common.js, into one (render/site_files.py).
  // The first makes katalogSearchWorker, the object the others add to; lunr is what importScripts loads.
  {
    files: ["plugins/katalog/assets/katalog-search-worker-index.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, worker, ["katalogCommon", "importScripts", "lunr"]),
    },
    rules,
  },
  ...[
    "katalog-search-worker-match.js", "katalog-search-worker-rank.js", "katalog-search-worker-passages.js",
  ].map((name) => ({
    files: [`plugins/katalog/assets/${name}`],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared, ["katalogSearchWorker"]) },
    rules,
  })),
  {
    files: ["plugins/katalog/assets/katalog-search-worker-facets.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, ["katalogCommon", "katalogSearchWorker"]),
    },
    rules,
  },
  {
    // The messages from the page: the one file that sets the worker's onmessage.
    files: ["plugins/katalog/assets/katalog-search-worker.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globalsOf(shared, worker, ["katalogCommon", "katalogSearchWorker", "AbortController"]), onmessage: "writable" },
    },
    rules,
  },
  {
    // The Decap CMS admin page's script: the files of exports/decap_admin/, joined into one inline script
    // (exports/decap_admin_page.py, ADMIN_SCRIPTS). namespace.js makes the one global they share, KatalogDecap.
    files: ["plugins/katalog/exports/decap_admin/namespace.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared) },
    rules,
  },
  {
    // The core's parts need no browser: the tests run them under node.
    files: [
      "plugins/katalog/exports/decap_admin/schema.js",
      "plugins/katalog/exports/decap_admin/yaml-writer.js",
      "plugins/katalog/exports/decap_admin/file-reader.js",
      "plugins/katalog/exports/decap_admin/body-merge.js",
      "plugins/katalog/exports/decap_admin/file-writer.js",
      "plugins/katalog/exports/decap_admin/checks.js",
      "plugins/katalog/exports/decap_admin/links.js",
      "plugins/katalog/exports/decap_admin/core.js",
    ],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared, ["KatalogDecap"]) },
    rules,
  },
  {
    // The page's parts get Decap, its React helpers and js-yaml from start.js (which finds them on window).
    files: [
      "plugins/katalog/exports/decap_admin/entries.js",
      "plugins/katalog/exports/decap_admin/picker.js",
      "plugins/katalog/exports/decap_admin/styles.js",
      "plugins/katalog/exports/decap_admin/saving.js",
      "plugins/katalog/exports/decap_admin/rule-widgets.js",
      "plugins/katalog/exports/decap_admin/entry-widgets.js",
      "plugins/katalog/exports/decap_admin/link-editor.js",
      "plugins/katalog/exports/decap_admin/preview.js",
    ],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globalsOf(shared, browser, ["KatalogDecap"]) },
    rules,
  },
  {
    // Under node (the tests) start.js exports the namespace through `module`.
    files: ["plugins/katalog/exports/decap_admin/start.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: globalsOf(shared, browser, ["KatalogDecap", "module"]),
    },
    rules,
  },
];
