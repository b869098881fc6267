// CSV for spreadsheets (RFC 4180: CRLF, fields quoted when needed). A cell that a spreadsheet would run as a
// formula (=, +, -, @ at the start) gets a leading apostrophe: request texts are written by outsiders.

export function toCsv(columns, rows) {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => cell(row[column])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function cell(value) {
  if (value === undefined || value === null) {
    return '';
  }
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A nested record as (field, value) rows with paths such as "timeline[2].assignee": nothing is lost. */
export function flatten(value, path = '', rows = []) {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      rows.push({ field: path, value: '' });
    }
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, rows));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      rows.push({ field: path, value: '' });
    }
    for (const [key, item] of entries) {
      flatten(item, path ? `${path}.${key}` : key, rows);
    }
  } else {
    rows.push({ field: path, value: value === undefined || value === null ? '' : value });
  }
  return rows;
}
