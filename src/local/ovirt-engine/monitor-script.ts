/**
 * The task-monitor page's inline script: polls `/__sim/state` every second and renders jobs
 * (newest first) with their step trees. All text goes through `textContent`, so names with
 * markup, quotes or emoji show literally and nothing is ever interpreted as HTML.
 */

/** MONITOR_SCRIPT is plain browser JavaScript (no build step, no external assets). */
export const MONITOR_SCRIPT = String.raw`
(function () {
  'use strict';
  var list = document.getElementById('jobs');
  var status = document.getElementById('connection');
  var summary = document.getElementById('summary');
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function time(ms) {
    if (ms === undefined || ms === null) return '–';
    var d = new Date(ms);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' +
      two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }
  function duration(start, end, now) {
    var s = Math.max(0, Math.round(((end === undefined || end === null ? now : end) - start) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h > 0 ? h + 'h ' + two(m) + 'm ' + two(sec) + 's' : m > 0 ? m + 'm ' + two(sec) + 's' : sec + 's';
  }
  function badge(value) { return el('span', 'badge status-' + value, value.toUpperCase()); }
  function times(item, now) {
    var box = el('span', 'times');
    box.appendChild(el('span', 'start', 'started ' + time(item.startTime)));
    box.appendChild(el('span', 'end', 'ended ' + time(item.endTime)));
    box.appendChild(el('span', 'duration', duration(item.startTime, item.endTime, now)));
    return box;
  }
  function stepList(steps, now) {
    var ul = el('ul', 'steps');
    steps.forEach(function (step) {
      var li = el('li', 'step');
      li.setAttribute('data-step-id', step.id);
      var row = el('div', 'row');
      row.appendChild(badge(step.status));
      row.appendChild(el('span', 'number', '#' + step.number));
      row.appendChild(el('span', 'step-description', step.description));
      row.appendChild(el('span', 'type', step.type));
      row.appendChild(times(step, now));
      li.appendChild(row);
      if (step.children.length > 0) li.appendChild(stepList(step.children, now));
      ul.appendChild(li);
    });
    return ul;
  }
  function jobCard(job, now) {
    var card = el('section', 'job status-border-' + job.status);
    card.setAttribute('data-job-id', job.id);
    var head = el('div', 'row head');
    head.appendChild(badge(job.status));
    head.appendChild(el('span', 'job-description', job.description));
    if (!job.external) head.appendChild(el('span', 'tag', 'internal'));
    if (job.autoCleared) head.appendChild(el('span', 'tag', 'auto-cleared'));
    head.appendChild(times(job, now));
    card.appendChild(head);
    if (job.steps.length > 0) card.appendChild(stepList(job.steps, now));
    else card.appendChild(el('p', 'empty', 'No steps.'));
    return card;
  }
  function render(state) {
    var fragment = document.createDocumentFragment();
    state.jobs.forEach(function (job) { fragment.appendChild(jobCard(job, state.now)); });
    if (state.jobs.length === 0) fragment.appendChild(el('p', 'empty', 'No jobs yet.'));
    list.replaceChildren(fragment);
    var running = state.jobs.filter(function (job) { return job.status === 'started'; }).length;
    summary.textContent = state.jobs.length + ' jobs, ' + running + ' running';
    status.textContent = 'live · updated ' + time(state.now);
    status.className = 'connection ok';
    document.body.setAttribute('data-rendered', 'true');
  }
  function poll() {
    fetch('/__sim/state', { cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(render)
      .catch(function () { status.textContent = 'disconnected: retrying'; status.className = 'connection down'; })
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
`;
