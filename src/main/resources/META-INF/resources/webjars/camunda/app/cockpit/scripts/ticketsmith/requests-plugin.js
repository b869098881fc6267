// The "Requests" and "What-if" pages: a navigation entry and a route each in Cockpit (Camunda 7.14+ plugin API).
// Everything they show is read through the engine's REST history API and Ticketsmith's API with the logged-in user's
// session, so the engine's authorizations and the API's roles decide what appears. Nothing here changes state: a
// what-if replay is posted, but it deploys and starts nothing.
import { renderRequests } from './requests-view.js';
import { renderWhatIf } from './whatif-view.js';

const PATH = '/requests';
const WHAT_IF_PATH = '/what-if';

/** A page of Cockpit: its entry in the navigation, linking to its route, and the route rendering it. */
function page(id, path, label, priority, render) {
  return [
    {
      id: `ticketsmith.${id}.navigation`,
      pluginPoint: 'cockpit.navigation',
      priority,
      properties: { path, label },
      render: (node) => {
        const link = document.createElement('a');
        link.href = '#' + path;
        link.textContent = label;
        node.appendChild(link);
      }
    },
    {
      id: `ticketsmith.${id}.route`,
      pluginPoint: 'cockpit.route',
      properties: { path, label },
      render: (node, { api }) => render(node, api)
    }
  ];
}

export default [
  ...page('requests', PATH, 'Requests', 50, (node, api) => renderRequests(node, api, PATH)),
  ...page('whatif', WHAT_IF_PATH, 'What-if', 49, (node, api) => renderWhatIf(node, api))
];
