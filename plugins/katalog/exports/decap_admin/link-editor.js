// Katalog's Decap admin, page: [[id]] and [[id|text]] in the rich-text editor: a toolbar button that
// picks the entry, and links typed as text kept as links.
(function (ns) {
  'use strict';

  ns.page.linkEditor = function (app) {
    var core = app.core;
    var texts = app.texts;
    var CMS = app.CMS;
    var h = app.h;
    var pickEntry = app.pickEntry;
    var pageUrl = app.pageUrl;
    var titleOf = app.titleOf;

    CMS.registerEditorComponent({
      id: 'katalog-link',
      label: texts.link_button,
      type: 'inline',
      icon: 'link',
      trigger: '[[',
      pattern: core.linkPattern,
      fromInline: function (match) {
        return { id: match[1], text: match[2] === undefined ? '' : match[2] };
      },
      toInline: function (link) {
        var id = String(link && link.id || '');
        var text = link && link.text ? String(link.text) : '';
        return '[[' + id + (text ? '|' + text : '') + ']]';
      },
      toPreview: function (link) {
        var id = String(link && link.id || '');
        var shown = link && link.text ? link.text : titleOf(id) || id;
        return h('a', { className: 'katalog-ref', href: pageUrl(id.trim()), title: '[[' + id + ']]' }, shown);
      },
      onInsert: function (context) {
        return pickEntry({ id: '', text: context && context.selectedText || '' });
      },
      onEdit: function (context) {
        return pickEntry(context && context.data || {});
      },
    });

    // A link typed as text becomes a link node, written back as `[[id]]` (not escaped), in the
    // editor's Markdown and in the preview.
    function typedLinkPlugin() {
      return function (tree) {
        (function walk(node) {
          if (!node || !Array.isArray(node.children) || node.type === 'link') return;
          var children = [];
          node.children.forEach(function (child) {
            // Decap hands the editor's text to the writer as `html` nodes (so nothing is escaped twice).
            var texty = child.type === 'text' || (child.type === 'html' && !/^\s*</.test(child.value || ''));
            if (!texty || typeof child.value !== 'string' || child.value.indexOf('[') < 0) {
              walk(child);
              children.push(child);
              return;
            }
            core.typedLinks(child.value).forEach(function (piece) {
              if (typeof piece === 'string') {
                children.push({ type: child.type, value: piece });
              } else {
                children.push({
                  type: 'inline-shortcode',
                  data: { shortcode: 'katalog-link', shortcodeData: piece, isVoid: true },
                });
              }
            });
          });
          node.children = children;
        })(tree);
      };
    }
    CMS.registerRemarkPlugin(typedLinkPlugin);
  };
})(KatalogDecap);
