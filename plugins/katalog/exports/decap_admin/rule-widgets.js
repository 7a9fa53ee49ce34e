// Katalog's Decap admin, page: the rules between fields shown at the fields, on Decap's own list,
// object, select and relation widgets.
(function (ns) {
  'use strict';
  var fill = ns.fill;

  ns.page.ruleWidgets = function (app) {
    var core = app.core;
    var texts = app.texts;
    var CMS = app.CMS;

    function ruleMessage(props) {
      var collection = props.collection;
      var field = props.field;
      if (!collection || !field || !collection.get('fields') || !collection.get('fields').includes(field)) return null;
      var typeName = collection.get('name');
      var name = field.get('name');
      var current = typeof props.getEntry === 'function' ? props.getEntry() : props.entry;
      if (!current) return null;
      var values = core.fileValues(typeName, current.get('data').toJS());
      var found = core.entryProblems(typeName, values).filter(function (problem) {
        return problem.rule && problem.keys.indexOf(name) >= 0;
      });
      return found.length ? found.map(function (problem) { return problem.message; }).join(' ') : null;
    }

    function isEmptyValue(value) {
      return value === null || value === undefined || value === '' || (typeof value.size === 'number' && value.size === 0);
    }

    // Decap asks a select or relation control's isValid; a list or object control validates its
    // children instead (and a list then replaces its own errors with its size check, so an empty
    // required list passed). Both are given the rule, and a required list its presence, here.
    ['list', 'object', 'select', 'relation'].forEach(function (widgetName) {
      var base = CMS.getWidget(widgetName);
      var Control = base && base.control;
      if (!Control || !Control.prototype || !Control.prototype.isReactComponent) return;
      var container = widgetName === 'list' || widgetName === 'object';
      class Ruled extends Control {
        constructor(props) {
          super(props);
          var self = this;
          var ownValid = this.isValid;
          this.isValid = function () {
            var result = typeof ownValid === 'function' ? ownValid.call(self) : true;
            if (result === false || (result && typeof result.then === 'function')) return result;
            if (result && typeof result === 'object' && result.error) return result;
            var message = ruleMessage(self.props);
            return message ? { error: { type: 'CUSTOM', message: message } } : result;
          };
          var ownValidate = this.validate;
          if (!container || typeof ownValidate !== 'function') return;
          this.validate = function () {
            ownValidate.apply(self, arguments);
            var props = self.props;
            if (typeof props.onValidateObject !== 'function') return;
            var errors = widgetName === 'list' && typeof self.validateSize === 'function' ? self.validateSize() : [];
            var field = props.field;
            if (widgetName === 'list' && field.get('required', true) && isEmptyValue(props.value)) {
              var label = field.get('label', field.get('name'));
              errors = [{ type: 'PRESENCE', parentIds: props.parentIds, message: fill(texts.required, { label: label }) }].concat(errors);
            }
            var message = ruleMessage(props);
            if (message) errors = errors.concat([{ type: 'CUSTOM', parentIds: props.parentIds, message: message }]);
            props.onValidateObject(props.forID, errors);
          };
        }
      }
      var rest = {};
      Object.keys(base).forEach(function (key) {
        if (key !== 'control' && key !== 'preview') rest[key] = base[key];
      });
      rest.name = widgetName;
      rest.controlComponent = Ruled;
      rest.previewComponent = base.preview;
      CMS.registerWidget(rest);
    });
  };
})(KatalogDecap);
