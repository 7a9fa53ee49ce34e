// Katalog's Decap admin, page: the CSS of its own parts (the picker dialog, the entries widget's
// list), and Decap's editor toolbar made to fit a phone.
(function (ns) {
  'use strict';

  ns.page.styles = function (app) {
    var pickerStyle = document.createElement('style');
    pickerStyle.textContent = [
      '.katalog-picker{width:min(40rem,calc(100vw - 2rem));border:1px solid #798291;border-radius:6px;padding:1rem 1.25rem;font:15px/1.4 system-ui,sans-serif;color:#313d3e}',
      '.katalog-picker::backdrop{background:rgba(0,0,0,.35)}',
      '.katalog-picker h2{font-size:1.15rem;margin:0 0 .75rem}',
      '.katalog-picker label{display:block;margin:.5rem 0;font-weight:600}',
      '.katalog-picker input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.45rem .5rem;font:inherit;font-weight:400;border:1px solid #798291;border-radius:4px}',
      '.katalog-picker ul{list-style:none;margin:.25rem 0;padding:0;max-height:min(18rem,40vh);overflow:auto;border:1px solid #dfdfe3;border-radius:4px}',
      '.katalog-picker li{padding:.4rem .5rem;cursor:pointer;border-bottom:1px solid #eff0f4}',
      '.katalog-picker li:hover,.katalog-picker li:focus{background:#e8f5fe;outline:2px solid #3a69c7;outline-offset:-2px}',
      '.katalog-picker li[aria-selected=true]{background:#3a69c7;color:#fff}',
      '.katalog-picker-buttons{display:flex;gap:.5rem;justify-content:flex-end;margin-top:.75rem}',
      '.katalog-picker button{font:inherit;padding:.45rem 1rem;border-radius:4px;border:1px solid #3a69c7;background:#fff;color:#3a69c7;cursor:pointer}',
      '.katalog-picker button.katalog-picker-insert{background:#3a69c7;color:#fff}',
      '.katalog-picker button:disabled{opacity:.5;cursor:default}',
      '.katalog-entries{list-style:none;margin:0 0 .5rem;padding:0}',
      '.katalog-entries li{display:flex;align-items:center;justify-content:space-between;gap:.5rem;padding:.3rem .5rem;margin:.25rem 0;background:#eff0f4;border-radius:4px}',
      '.katalog-entries-remove{border:0;background:none;font-size:1.2rem;line-height:1;cursor:pointer;color:#313d3e;padding:.1rem .4rem}',
      '.katalog-entries-add{font:inherit;font-size:.85rem;font-weight:700;padding:.4rem .9rem;border-radius:4px;border:1px solid #3a69c7;background:#fff;color:#3a69c7;cursor:pointer}',
      // Decap's editor toolbar does not fit a phone: keep the way back, the save state and the buttons.
      '@media (max-width:640px){',
      '[class*="-BackCollection"],[class*="-ToolbarSectionMeta"]{display:none!important}',
      '[class*="-ToolbarSectionBackLink"]{padding:0 8px!important;flex:0 0 auto!important}',
      '[class*="-BackArrow"]{margin-right:8px!important}',
      '[class*="-BackStatus"]{white-space:normal!important;max-width:5.5rem;line-height:1.15!important}',
      '[class*="-ToolbarSectionMain"]{padding:0 4px!important;min-width:0}',
      '[class*="-ToolbarSectionMain"] [class*="-buttonMargin"],[class*="-DeleteButton"]{margin:0 3px!important}',
      '[class*="-PublishButton"],[class*="-DeleteButton"]{padding-left:10px!important;padding-right:10px!important}',
      '[class*="-PublishButton"]{padding-right:26px!important}',
      '}',
    ].join('\n');
    document.head.appendChild(pickerStyle);
  };
})(KatalogDecap);
