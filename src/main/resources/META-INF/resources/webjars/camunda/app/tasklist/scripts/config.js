// Tasklist configuration of Ticketsmith. It replaces the webapp's default config.js: the keyboard shortcuts are
// Tasklist's defaults, and the custom script mends how Tasklist tells whether a Camunda Form is valid
// (see scripts/ticketsmith/camunda-form-validity.js).
export default {
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  },
  requireJsConfig: {
    deps: ['scripts/ticketsmith/camunda-form-validity'],
    ngDeps: ['ticketsmith.tasklist']
  }
};
