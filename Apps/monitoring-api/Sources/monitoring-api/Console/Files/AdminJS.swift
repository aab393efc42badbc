// swift-format-ignore-file
// The console's admin.js, served at /assets/admin.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let adminJS = ConsoleAssetFile(
        name: "admin.js",
        text: ##"""
// Admin actions: each asks for confirmation, posts to the admin route and says what happened.

import {post} from './api.js';
import {h} from './dom.js';

// A button for an admin action; absent (null) unless the token is an admin's.
export function action(context, label, question, path, body, after) {
  if (!context.admin) return null;
  return h('button', {type: 'button', class: 'admin', dataset: {admin: label}, on: {click: async () => {
    if (!(await context.confirm(label, question))) return;
    try {
      const answer = await post(path, typeof body === 'function' ? body() : body);
      const removed = answer && typeof answer.removed === 'number' ? ` (${answer.removed} removed)` : '';
      context.toast(`${label}: done${removed}`);
      if (after) after(answer);
      context.refresh();
    } catch (error) {
      context.toast(`${label} failed: ${error.message}`, true);
    }
  }}}, label);
}

"""##)
}
