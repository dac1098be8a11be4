/**
 * The task-monitor page served at the simulator's root: what a user watches during
 * `npm start`. Self-contained (inline CSS and script, no external assets) and locked down
 * by a Content-Security-Policy; the data comes from `GET /__sim/state`.
 */
import { htmlResponse } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { MONITOR_SCRIPT } from './monitor-script.js';

const STYLE = `
  :root { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f2933; background: #f4f6f8; }
  body { margin: 0; }
  header { background: #243447; color: #fff; padding: 14px 24px; display: flex; gap: 24px; align-items: baseline; }
  header h1 { font-size: 18px; margin: 0; font-weight: 600; }
  header .summary { opacity: .85; font-size: 14px; }
  .connection { margin-left: auto; font-size: 13px; }
  .connection.ok::before { content: '●'; color: #3ecf8e; margin-right: 6px; }
  .connection.down::before { content: '●'; color: #ff6b6b; margin-right: 6px; }
  main { padding: 16px 24px; max-width: 1200px; }
  .job { background: #fff; border-radius: 6px; border-left: 5px solid #9aa5b1; margin-bottom: 12px;
    padding: 10px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 3px 0; }
  .head { font-size: 15px; }
  .job-description { font-weight: 600; white-space: pre-wrap; }
  .step-description { white-space: pre-wrap; }
  .times { margin-left: auto; display: flex; gap: 12px; font-size: 12px; color: #52606d; font-variant-numeric: tabular-nums; }
  .duration { min-width: 64px; text-align: right; font-weight: 600; }
  .badge { font-size: 11px; font-weight: 700; letter-spacing: .04em; padding: 2px 7px; border-radius: 10px; color: #fff; min-width: 64px; text-align: center; }
  .status-started { background: #2f80ed; } .status-finished { background: #219653; } .status-failed { background: #d64545; }
  .status-aborted { background: #e67e22; } .status-unknown { background: #7b8794; }
  .status-border-started { border-left-color: #2f80ed; } .status-border-finished { border-left-color: #219653; }
  .status-border-failed { border-left-color: #d64545; } .status-border-aborted { border-left-color: #e67e22; }
  .tag { font-size: 11px; border: 1px solid #cbd2d9; border-radius: 4px; padding: 0 5px; color: #52606d; }
  .type, .number { font-size: 12px; color: #7b8794; }
  ul.steps { list-style: none; margin: 4px 0 0 0; padding-left: 22px; border-left: 1px dashed #cbd2d9; }
  .empty { color: #7b8794; font-style: italic; margin: 6px 0; }
`;

/** MONITOR_PAGE_HTML is the whole page. */
export const MONITOR_PAGE_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>oVirt task monitor (simulator)</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>oVirt task monitor · engine simulator</h1><span class="summary" id="summary">loading…</span>
<span class="connection" id="connection">connecting…</span></header>
<main id="jobs"></main>
<script>${MONITOR_SCRIPT}</script>
</body>
</html>
`;

/** monitorPage answers `GET /`. */
export function monitorPage(): SimResponse {
  return htmlResponse(200, MONITOR_PAGE_HTML, {
    'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
    'cache-control': 'no-store',
  });
}
