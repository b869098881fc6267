// Why this exists: Tasklist 7.24 renders Camunda Forms with form-js 1.8.7 and disables "Complete" whenever the
// form's "changed" event carries any key in its errors object. form-js 1.8.7 records a field inside a dynamic
// list as valid by setting errors[fieldId][index] = undefined, which leaves an empty array under the field's id.
// So the first edit inside the review form's list of proposed actions (or form-js normalising a value there)
// disables "Complete" for good, although no field has an error and none is shown. Later form-js versions prune
// those entries; Tasklist 7.24 cannot be upgraded, so this decorates Tasklist's Camunda Form directive and
// decides validity by the errors form-js actually shows. Completing still runs form-js's full validation
// (form.submit()), and the engine checks the review again, so nothing invalid gets through this way.
define(['angular'], function (angular) {
  'use strict';

  function shownErrors(element) {
    var messages = element.querySelectorAll('.fjs-form-field-error');
    for (var i = 0; i < messages.length; i++) {
      if (messages[i].textContent.trim() !== '') {
        return true;
      }
    }
    return false;
  }

  var module = angular.module('ticketsmith.tasklist', []);
  module.config(['$provide', function ($provide) {
    $provide.decorator('camTasklistFormCamundaDirective', ['$delegate', function ($delegate) {
      var directive = $delegate[0];
      var link = directive.link;
      directive.compile = function () {
        return function ($scope, $element, attrs, formController) {
          var controller = Object.create(formController);
          var pending = null;
          controller.notifyFormValidated = function (invalid) {
            clearTimeout(pending);
            if (!invalid) {
              return formController.notifyFormValidated(false);
            }
            // form-js renders after the event (a micro-task later), so look once the errors are on screen.
            pending = setTimeout(function () {
              formController.notifyFormValidated(shownErrors($element[0]));
            }, 0);
          };
          controller.notifyFormInitializationFailed = function (error) {
            clearTimeout(pending);
            return formController.notifyFormInitializationFailed(error);
          };
          return link.call(this, $scope, $element, attrs, controller);
        };
      };
      return $delegate;
    }]);
  }]);
  return module;
});
