// swift-format-ignore-file
// The console's api.js, served at /assets/api.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let apiJS = ConsoleAssetFile(
        name: "api.js",
        text: ##"""
// The JSON API: every request carries the session's token as `Authorization: Bearer` (never in a URL).

const KEY = 'maxbooster.console.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

// An error answer of the API (its JSON error shape), or the network failing (status 0).
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(method, path, body) {
  const headers = {Accept: 'application/json'};
  const current = token();
  if (current) headers.Authorization = 'Bearer ' + current;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'unreachable', 'the server cannot be reached (' + error.message + ')');
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (error) {
    parsed = null;
  }
  if (!response.ok) {
    const detail = parsed && parsed.error ? parsed.error : {};
    throw new ApiError(response.status, detail.code || 'http_' + response.status,
      detail.message || `${method} ${path} answered ${response.status}`);
  }
  return parsed;
}

export function get(path) {
  return request('GET', path);
}

export function post(path, body) {
  return request('POST', path, body === undefined ? {} : body);
}

// A path segment: names are percent-encoded, so '/', '?' and '#' in a queue name stay inside it.
export function seg(value) {
  return encodeURIComponent(value);
}

"""##)
}
