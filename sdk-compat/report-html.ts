/** Renders the fidelity report as one self-contained HTML page: inline CSS and script, no external assets, a filterable method table. */
import type { FidelityReport, MethodRow, SdkReport, VendorReport } from './report.js';

export const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const modeName = (m: string) => (m === 'inprocess' ? 'in-process' : m);
const pretty = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2) ?? '');

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--none:#8c959f;--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--head:#f6f8fa}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1280px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:20px 0 6px}
.muted{color:var(--muted)}table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
pre{background:var(--head);padding:8px;overflow:auto;max-height:320px;margin:4px 0}
.verified,.passed{color:var(--ok);font-weight:600}.called,.error-path{color:#9a6700}.failing,.failed{color:var(--bad);font-weight:600}.not-exercised,.skipped{color:var(--none)}
.bar{display:inline-block;height:10px;width:160px;background:#eaeef2;border-radius:5px;overflow:hidden;vertical-align:middle}
.bar i{display:block;height:100%;float:left}.bar .p{background:var(--ok)}.bar .f{background:var(--bad)}
.filters{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);display:flex;gap:8px;align-items:center;z-index:1}
.filters input{flex:1;padding:4px 8px}details summary{cursor:pointer}
`;

const SCRIPT = `
(function(){
  var q=document.getElementById('q'),st=document.getElementById('status'),vd=document.getElementById('vendor'),count=document.getElementById('count');
  function apply(){
    var text=q.value.toLowerCase(),s=st.value,v=vd.value,shown=0;
    document.querySelectorAll('tr.m').forEach(function(tr){
      var ok=(!s||tr.dataset.status===s)&&(!v||tr.dataset.vendor===v)&&(!text||tr.dataset.name.indexOf(text)>=0);
      tr.style.display=ok?'':'none';if(ok)shown++;
    });
    count.textContent=shown+' methods';
  }
  [q,st,vd].forEach(function(el){el.addEventListener('input',apply)});apply();
})();
`;

function bar(passing: number, failing: number, total: number): string {
  const w = (n: number) => (total ? (100 * n) / total : 0).toFixed(2);
  return `<span class="bar" title="${passing} verified, ${failing} failing of ${total}"><i class="p" style="width:${w(passing)}%"></i><i class="f" style="width:${w(failing)}%"></i></span>`;
}

function methodRow(v: VendorReport, sdk: string, m: MethodRow): string {
  const details = m.failures.length
    ? `<details><summary>${m.failures.length} failure${m.failures.length > 1 ? 's' : ''}</summary>${m.failures
        .map(
          (f) =>
            `<p><b>${esc(f.scenario)}</b> (${modeName(f.mode)})${f.assertion ? `: ${esc(f.assertion)}` : ''}${f.error ? `<br><code>${esc(f.error.name)}: ${esc(f.error.message)}</code>${f.error.status ? ` HTTP ${f.error.status}` : ''}` : ''}</p>` +
            (f.contract ? `<p>${esc(f.contract)}</p>` : '') +
            (f.error?.body !== undefined ? `<pre>${esc(pretty(f.error.body))}</pre>` : '') +
            (f.evidence ?? [])
              .map(
                (e) =>
                  `<p><code>${esc(`${e.method} ${e.path}${e.query}`)}</code> → ${e.status}${e.operationId ? ` <span class="muted">${esc(e.operationId)}</span>` : ''}</p>` +
                  (e.request.body !== undefined ? `<pre>request: ${esc(pretty(e.request.body))}</pre>` : '') +
                  `<pre>response: ${esc(pretty(e.response.headers))}\n${esc(pretty(e.response.body))}</pre>`,
              )
              .join(''),
        )
        .join('')}</details>`
    : '';
  return `<tr class="m" data-vendor="${esc(v.vendor)}" data-status="${m.status}" data-name="${esc(m.name.toLowerCase())}"><td><code>${esc(m.name)}</code></td><td>${esc(v.vendor)}</td><td>${esc(sdk)}</td><td class="${m.status.replace(/ .*/, '')}">${m.status}</td><td class="n">${m.calls || ''}</td><td>${esc(m.modes.map(modeName).join(', '))}</td><td>${esc(m.scenarios.join('; '))}${details}</td></tr>`;
}

function surfaceLine(s: SdkReport): string {
  const t = s.totals;
  return `<p><b>${esc(s.id)} ${esc(s.version)}</b>: surface <b>${t.surface}</b> methods <span class="muted">(${esc(s.enumeratedFrom)})</span>. Verified <b class="verified">${t.verified}</b> (${t.verifiedPct}%), called only ${t.called}, error-path only ${t.errorPathOnly}, failing <b class="failing">${t.failing}</b>, not exercised ${t.notExercised}. ${bar(t.verified, t.failing, t.surface)}</p>`;
}

function vendorSection(v: VendorReport): string {
  const c = v.twin?.coverage;
  const scen = v.scenarios
    .map(
      (r) =>
        `<tr><td>${esc(r.name)}</td><td>${modeName(r.mode)}</td><td class="${r.status}">${r.status}</td><td class="n">${r.calls}</td><td class="n">${(r.durationMs / 1000).toFixed(1)}s</td><td>${esc(r.status === 'skipped' ? r.reason : r.failures.map((f) => f.message).join('; '))}${r.escaped ? `<br><span class="muted">escaped: ${esc(r.escaped.join(', '))}</span>` : ''}</td></tr>`,
    )
    .join('');
  const contract = v.contract
    .map((k) => `<tr><td><code>${esc(k.operationId)}</code></td><td class="n">${k.status}</td><td><code>${esc(k.path)}</code></td><td>${esc(k.message)}</td><td class="n">${k.count}</td><td>${esc(k.scenarios.join('; '))}</td></tr>`)
    .join('');
  return `<section id="${esc(v.vendor)}"><h2>${esc(v.vendor)}</h2>
${v.sdks.map(surfaceLine).join('\n')}
${c ? `<p>Twin spec coverage (${esc(v.twin!.title)}): ${c.operations} operations — ${c.handwritten} hand-written, ${c.inferred} inferred, ${c.notImplemented} answer 501.</p>` : ''}
${v.twinError ? `<p class="failing">${esc(v.twinError)}</p>` : ''}${v.loadErrors.map((e) => `<p class="failing">Could not load ${esc(e.file)}: ${esc(e.error)}</p>`).join('')}
<h3>Scenarios</h3>${scen ? `<table><tr><th>scenario</th><th>mode</th><th>result</th><th>calls</th><th>time</th><th>note</th></tr>${scen}</table>` : '<p class="muted">none</p>'}
<h3>Contract violations (${v.contract.length})</h3>${contract ? `<table><tr><th>operation</th><th>status</th><th>path</th><th>violation</th><th>count</th><th>scenarios</th></tr>${contract}</table>` : '<p class="muted">none</p>'}
${v.twinBugs.length ? `<h3>Twin bugs</h3><ul>${v.twinBugs.map((b) => `<li>${esc(b.operationId ?? '?')} in ${esc(b.scenario)}: ${esc(b.note)}</li>`).join('')}</ul>` : ''}
</section>`;
}

export function renderHtml(report: FidelityReport): string {
  const summary = report.vendors
    .flatMap((v) =>
      v.sdks.map((s) => {
        const t = s.totals;
        return `<tr><td><a href="#${esc(v.vendor)}">${esc(v.vendor)}</a></td><td>${esc(s.id)} ${esc(s.version)}</td><td class="n">${t.surface}</td><td class="n verified">${t.verified} (${t.verifiedPct}%)</td><td class="n">${t.called}</td><td class="n">${t.errorPathOnly}</td><td class="n failing">${t.failing}</td><td>${bar(t.verified, t.failing, t.surface)}</td></tr>`;
      }),
    )
    .join('');
  const rows = report.vendors.flatMap((v) => v.sdks.flatMap((s) => s.methods.map((m) => methodRow(v, s.id, m)))).join('\n');
  const vendorOptions = report.vendors.map((v) => `<option value="${esc(v.vendor)}">${esc(v.vendor)}</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SDK fidelity report</title><style>${CSS}</style></head>
<body>
<h1>SDK fidelity report</h1>
<p class="muted">Modes: ${report.modes.map(modeName).join(', ')}. Generated ${esc(report.generatedAt)}.</p>
<table><tr><th>vendor</th><th>SDK surface</th><th>methods</th><th>verified</th><th>called only</th><th>error-path only</th><th>failing</th><th></th></tr>${summary}</table>
${report.vendors.map(vendorSection).join('\n')}
<h2>Methods</h2>
<div class="filters"><input id="q" type="search" placeholder="filter by method name"><select id="vendor"><option value="">all vendors</option>${vendorOptions}</select><select id="status"><option value="">any status</option><option value="verified">verified</option><option value="called">called</option><option value="error-path only">error-path only</option><option value="failing">failing</option><option value="not-exercised">not exercised</option></select><span id="count" class="muted"></span></div>
<table><thead><tr><th>method</th><th>vendor</th><th>SDK</th><th>status</th><th>calls</th><th>modes</th><th>scenarios</th></tr></thead><tbody>
${rows}
</tbody></table>
<script>${SCRIPT}</script>
</body></html>
`;
}
