// The plugin's page: the list of requests or one request, chosen by the parameters after "#/requests?", so
// every view (filters, page, request) can be bookmarked and shared with another auditor.
import { h, clear } from './dom.js';
import { HistoryApi, NotAuthorized } from './history-api.js';
import { renderList, filterFromParams } from './request-list.js';
import { renderDetail } from './request-detail.js';

const STYLESHEET_ID = 'ticketsmith-requests-styles';

export function renderRequests(node, api, path) {
  addStylesheet();
  const history = new HistoryApi(api);
  const root = h('div', { className: 'ts-plugin ctn-content-container' });
  node.appendChild(root);

  const navigate = (params) => {
    const search = new URLSearchParams(params).toString();
    window.location.hash = `${path}${search ? '?' + search : ''}`;
  };
  // Cockpit re-creates the route's view whenever the part after "?" changes, which calls this function again.
  render(root, history, currentParams(), navigate);
}

function currentParams() {
  const hash = window.location.hash;
  const question = hash.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : hash.substring(question + 1));
}

async function render(root, history, params, navigate) {
  clear(root);
  const content = h('div');
  root.appendChild(content);
  try {
    if (!(await history.mayReadHistory())) {
      showNotAuthorized(content);
      return;
    }
    const processInstanceId = params.get('request');
    if (processInstanceId) {
      const listParams = Object.fromEntries([...params.entries()].filter(([name]) => name !== 'request'));
      await renderDetail(content, history, processInstanceId, () => navigate(listParams));
    } else {
      await renderList(content, history, filterFromParams(params), navigate);
    }
  } catch (e) {
    clear(content);
    if (e instanceof NotAuthorized) {
      showNotAuthorized(content);
    } else {
      content.appendChild(h('div', { className: 'alert alert-danger', 'data-test': 'error' },
        'The request history could not be read: ', e.message));
    }
  }
}

function showNotAuthorized(content) {
  content.appendChild(h('div', { className: 'alert alert-warning', 'data-test': 'not-authorized' },
    h('strong', {}, 'You may not read the history of requests. '),
    'Auditors and administrators can; ask an administrator for the READ_HISTORY permission on the '
      + '"handle-request" process definition (Admin → Authorizations).'));
}

function addStylesheet() {
  if (document.getElementById(STYLESHEET_ID)) {
    return;
  }
  const link = document.createElement('link');
  link.id = STYLESHEET_ID;
  link.rel = 'stylesheet';
  link.href = new URL('./requests.css', import.meta.url).href;
  document.head.appendChild(link);
}
