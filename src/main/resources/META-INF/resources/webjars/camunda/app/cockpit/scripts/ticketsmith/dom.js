// Small DOM helpers. Every value from a request is user input, so text is only ever set as text, never as HTML.

/**
 * Links go only where a link of this page may go: within Cockpit (#…, relative), to http(s) addresses (Jira) and to
 * the page's own downloads (blob:). A value that says otherwise (javascript:, data:) is written by someone else than
 * the product, and the element is left without the link.
 */
export function safeHref(value) {
  if (value.startsWith('#') || value.startsWith('/') || value.startsWith('./')) {
    return true;
  }
  try {
    return ['http:', 'https:', 'blob:'].includes(new URL(value).protocol);
  } catch (e) {
    return false;
  }
}

export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'href' && !safeHref(String(value))) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), value);
    } else if (name === 'className') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/** A date as the auditor's local time with seconds, and the ISO instant as tooltip. */
export function time(value) {
  if (!value) {
    return h('span', { className: 'text-muted' }, '–');
  }
  const date = new Date(value);
  return h('time', { datetime: date.toISOString(), title: date.toISOString() }, formatTime(date));
}

export function formatTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function duration(millis) {
  if (millis === undefined || millis === null) {
    return '–';
  }
  if (millis < 1000) {
    return `${millis} ms`;
  }
  const seconds = millis / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.round(seconds % 60)} s`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function labelFor(value, known) {
  const text = value === undefined || value === null || value === '' ? '–' : String(value);
  return h('span', { className: `label ${known[text] || 'label-default'}` }, text);
}

/** Offers content as a file download, as the browser's own "save as". */
export function download(fileName, mimeType, content) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = h('a', { href: url, download: fileName, style: 'display:none' });
  document.body.appendChild(link);
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
    link.remove();
  }, 0);
}
