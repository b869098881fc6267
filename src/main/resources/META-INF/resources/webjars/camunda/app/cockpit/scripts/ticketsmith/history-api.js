// Reads through the engine REST API of the webapps (session login, engine authorizations) and Ticketsmith's
// decision-record endpoint (same login). Query POSTs change nothing; they carry the CSRF token the webapps require
// for every POST.

export const PROCESS_KEY = 'handle-request';

export class NotAuthorized extends Error {
}

export class HistoryApi {

  constructor(api) {
    this.engineApi = api.engineApi;
    this.csrfToken = api.CSRFToken;
    this.appRoot = document.querySelector('base').getAttribute('app-root') || '';
  }

  async get(path, params) {
    return this.send('GET', `${this.engineApi}${path}${query(params)}`);
  }

  async post(path, params, body) {
    return this.send('POST', `${this.engineApi}${path}${query(params)}`, body);
  }

  /** The decision record kept by Ticketsmith (reviews with edits, Jira actions, LLM call, redaction). */
  async record(requestId) {
    // The webapps live under a path of the application (app-root); the API is at the application's root.
    const root = this.appRoot.replace(/\/[^/]*$/, '');
    return this.send('GET', `${root}/api/requests/${encodeURIComponent(requestId)}/record`);
  }

  async mayReadHistory() {
    const answer = await this.get('/authorization/check', {
      permissionName: 'READ_HISTORY',
      resourceName: 'ProcessDefinition',
      resourceType: 6,
      resourceId: PROCESS_KEY
    });
    return answer.authorized === true;
  }

  async send(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (this.csrfToken) {
        headers['X-XSRF-TOKEN'] = this.csrfToken;
      }
    }
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401 || response.status === 403) {
      throw new NotAuthorized(await message(response));
    }
    if (!response.ok) {
      throw new Error(`${method} ${url.split('?')[0]} answered ${response.status}: ${await message(response)}`);
    }
    return response.status === 204 ? null : response.json();
  }
}

function query(params) {
  const entries = Object.entries(params || {}).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length === 0 ? '' : '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

async function message(response) {
  const text = await response.text();
  try {
    const json = JSON.parse(text);
    return json.message || json.detail || json.title || text;
  } catch (e) {
    return text;
  }
}
