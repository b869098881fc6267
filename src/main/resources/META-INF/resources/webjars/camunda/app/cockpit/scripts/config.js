// Cockpit configuration of Ticketsmith. It replaces the webapp's default config.js, which holds only commented
// examples, and loads the "Requests" plugin: the history of requests, running and finished, for auditors.
export default {
  customScripts: ['scripts/ticketsmith/requests-plugin']
};
