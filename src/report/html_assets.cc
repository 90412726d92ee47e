#include "report/html_assets.h"

namespace gori::report {

const std::string_view kHtmlStyle = R"css(
:root {
  --critical: #8e24aa; --high: #d32f2f; --medium: #ef6c00; --low: #0277bd; --info: #546e7a;
  --bg: #f6f7f9; --card: #fff; --line: #dde1e6; --text: #1d2329; --muted: #5f6b76;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; color: var(--text);
       background: var(--bg); }
header { background: #1d2329; color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
header .meta { margin: 4px 0 0; color: #c5ccd3; }
main, section { margin: 16px 24px; }
h2 { font-size: 16px; margin: 0 0 8px; }
.cards { display: flex; gap: 10px; flex-wrap: wrap; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 6px solid;
        border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card .n { font-size: 22px; font-weight: bold; }
.card.critical { border-left-color: var(--critical); } .card.high { border-left-color: var(--high); }
.card.medium { border-left-color: var(--medium); } .card.low { border-left-color: var(--low); }
.card.info { border-left-color: var(--info); } .card.supp { border-left-color: #9e9e9e; }
.card.err { border-left-color: #000; }
table { border-collapse: collapse; background: var(--card); margin-top: 12px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.zero { color: #b0b7be; }
.errors li { color: var(--high); font-family: "DejaVu Sans Mono", monospace; }
#filters { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
           padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
#filters label { white-space: nowrap; }
#shown { color: var(--muted); margin-left: auto; }
.file { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
        margin: 12px 0; }
.file > summary { padding: 8px 14px; font-weight: bold; cursor: pointer;
                  font-family: "DejaVu Sans Mono", monospace; }
.file > summary .count { color: var(--muted); font-weight: normal; font-family: inherit; }
.finding { border-top: 1px solid var(--line); padding: 8px 14px; }
.finding.suppressed { opacity: 0.6; }
.finding .head { display: flex; gap: 8px; flex-wrap: wrap; align-items: baseline; }
.sev { color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; font-weight: bold;
       text-transform: uppercase; }
.sev.critical { background: var(--critical); } .sev.high { background: var(--high); }
.sev.medium { background: var(--medium); } .sev.low { background: var(--low); }
.sev.info { background: var(--info); }
.rule { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; }
.pos, .obj { color: var(--muted); font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
.fix { color: var(--muted); margin: 4px 0 0; }
pre.excerpt { margin: 6px 0 0; background: #f3f4f6; border-radius: 4px; padding: 6px 0;
              overflow-x: auto; font: 12px/1.5 "DejaVu Sans Mono", monospace; }
pre.excerpt span { display: block; padding: 0 10px; white-space: pre; }
pre.excerpt span.hit { background: #fff3cd; }
pre.excerpt span.caret { color: var(--high); }
pre.excerpt i { display: inline-block; width: 4.5em; color: #8a949e; font-style: normal;
                user-select: none; }
.empty { color: var(--muted); font-style: italic; }
.rulehelp details { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
                    margin: 6px 0; padding: 6px 14px; }
.rulehelp summary { cursor: pointer; }
.rulehelp pre { background: #f3f4f6; padding: 6px 10px; border-radius: 4px; }
.maps { color: var(--muted); font-size: 12px; }
)css";

const std::string_view kHtmlScript = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('gori-data').textContent);
  var order = ['critical', 'high', 'medium', 'low', 'info'];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function option(select, value, label) {
    var o = el('option', null, label);
    o.value = value;
    select.appendChild(o);
  }
  var rules = {}, families = {};
  data.files.forEach(function (f) {
    f.findings.forEach(function (x) { rules[x.rule] = true; families[x.family] = true; });
  });
  var ruleSel = document.getElementById('f-rule');
  var famSel = document.getElementById('f-family');
  Object.keys(rules).sort().forEach(function (r) { option(ruleSel, r, r); });
  Object.keys(families).sort().forEach(function (f) { option(famSel, f, f); });
  var text = document.getElementById('f-text');
  var supp = document.getElementById('f-suppressed');
  var sevBoxes = order.map(function (s) { return document.getElementById('f-sev-' + s); });

  function visible(x) {
    var i = order.indexOf(x.severity);
    if (i >= 0 && !sevBoxes[i].checked) return false;
    if (ruleSel.value && x.rule !== ruleSel.value) return false;
    if (famSel.value && x.family !== famSel.value) return false;
    if (x.suppressed && !supp.checked) return false;
    var q = text.value.trim().toLowerCase();
    if (q) {
      var hay = (x.message + ' ' + x.rule + ' ' + x.object + ' ' + x.path).toLowerCase();
      if (hay.indexOf(q) < 0) return false;
    }
    return true;
  }

  function excerpt(x) {
    var pre = el('pre', 'excerpt');
    x.excerpt.lines.forEach(function (line, k) {
      var n = x.excerpt.first + k;
      var row = el('span', n === x.excerpt.mark ? 'hit' : null);
      row.appendChild(el('i', null, String(n)));
      row.appendChild(document.createTextNode(line));
      pre.appendChild(row);
      if (n === x.excerpt.mark && x.excerpt.column > 0) {
        var caret = el('span', 'caret');
        caret.appendChild(el('i', null, ''));
        caret.appendChild(document.createTextNode(x.excerpt.pad + '^'));
        pre.appendChild(caret);
      }
    });
    return pre;
  }

  function row(x) {
    var d = el('div', 'finding' + (x.suppressed ? ' suppressed' : ''));
    d.setAttribute('data-severity', x.severity);
    d.setAttribute('data-rule', x.rule);
    d.setAttribute('data-family', x.family);
    var head = el('div', 'head');
    head.appendChild(el('span', 'sev ' + x.severity, x.severity));
    var link = el('a', 'rule', x.rule);
    link.href = '#rule-' + x.rule;
    head.appendChild(link);
    head.appendChild(el('span', 'msg', x.message));
    head.appendChild(el('span', 'pos', x.where));
    if (x.object) head.appendChild(el('span', 'obj', x.object));
    d.appendChild(head);
    if (x.suppressed) d.appendChild(el('p', 'fix', 'Suppressed: ' + x.reason));
    if (x.remediation) d.appendChild(el('p', 'fix', 'Fix: ' + x.remediation));
    if (x.excerpt) d.appendChild(excerpt(x));
    return d;
  }

  function render() {
    var root = document.getElementById('files');
    while (root.firstChild) root.removeChild(root.firstChild);
    var shown = 0, total = 0;
    data.files.forEach(function (f) {
      var keep = f.findings.filter(visible);
      total += f.findings.filter(function (x) { return !x.suppressed || supp.checked; }).length;
      if (!keep.length) return;
      shown += keep.length;
      var box = el('details', 'file');
      box.open = true;
      var sum = el('summary', null, f.file + ' ');
      sum.appendChild(el('span', 'count',
                         '(' + keep.length + ' finding' + (keep.length === 1 ? '' : 's') + ')'));
      box.appendChild(sum);
      keep.forEach(function (x) { box.appendChild(row(x)); });
      root.appendChild(box);
    });
    if (!shown) root.appendChild(el('p', 'empty', 'No finding matches the filters.'));
    document.getElementById('shown').textContent =
        'Showing ' + shown + ' of ' + total + ' finding' + (total === 1 ? '' : 's');
  }

  [ruleSel, famSel, supp].concat(sevBoxes).forEach(function (c) {
    c.addEventListener('change', render);
  });
  text.addEventListener('input', render);
  // A rule link opens that rule's help.
  function openRule() {
    var t = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (t && t.tagName === 'DETAILS') t.open = true;
  }
  window.addEventListener('hashchange', openRule);
  render();
  openRule();
})();
)js";

}  // namespace gori::report
