// The "Requests" plugin: a navigation entry and a route in Cockpit (Camunda 7.14+ plugin API). Everything it
// shows is read through the engine's REST history API and Ticketsmith's decision-record endpoint with the
// logged-in user's session, so the engine's authorizations decide what appears. Nothing here changes state.
import { renderRequests } from './requests-view.js';
import { renderWhatIf } from './whatif-view.js';

const PATH = '/requests';
const WHAT_IF_PATH = '/what-if';

export default [
  {
    id: 'ticketsmith.requests.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 50,
    properties: { path: PATH, label: 'Requests' },
    render: (node) => {
      const link = document.createElement('a');
      link.href = '#' + PATH;
      link.textContent = 'Requests';
      node.appendChild(link);
    }
  },
  {
    id: 'ticketsmith.requests.route',
    pluginPoint: 'cockpit.route',
    properties: { path: PATH, label: 'Requests' },
    render: (node, { api }) => {
      renderRequests(node, api, PATH);
    }
  },
  {
    id: 'ticketsmith.whatif.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 49,
    properties: { path: WHAT_IF_PATH, label: 'What-if' },
    render: (node) => {
      const link = document.createElement('a');
      link.href = '#' + WHAT_IF_PATH;
      link.textContent = 'What-if';
      node.appendChild(link);
    }
  },
  {
    id: 'ticketsmith.whatif.route',
    pluginPoint: 'cockpit.route',
    properties: { path: WHAT_IF_PATH, label: 'What-if' },
    render: (node, { api }) => {
      renderWhatIf(node, api);
    }
  }
];
