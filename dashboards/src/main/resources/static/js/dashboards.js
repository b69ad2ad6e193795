// Pulse dashboards: every number comes from POST /api/v1/query with the session cookie and the
// CSRF header (an embedded page: its X-Pulse-Embed grant); tiles load in parallel; each tile records
// its state (loading, ready, empty, error) in data-state so that people and tests can see it.
(function () {
  'use strict';
  const body = document.body;
  const T = document.getElementById('texts').dataset;
  const csrf = { token: meta('_csrf'), header: meta('_csrf_header') };
  // an embedded page authenticates with its grant (no cookie reaches a frame on another site); its first address held the token
  const embedGrant = meta('pulse-embed');
  if (embedGrant) embedded();
  const lang = body.dataset.lang;
  const from = body.dataset.from;
  const toExclusive = addDays(body.dataset.to, 1);
  const chosen = { region: body.dataset.region, segment: body.dataset.segment, channel: body.dataset.channel };
  // which global filters each metric's sources can take (from the metric catalogue)
  const NO_SEGMENT = ['campaign_cost', 'campaign_revenue', 'campaign_roi'];
  const NO_CHANNEL = ['churned_customers', 'churn_rate_pct', 'rfm_customers', 'cohort_customers', 'retained_customers', 'retention_pct'];

  /** Drops the token from the frame's address; a navigation carries no grant, so the filters post it back to /embed/. */
  function embedded() {
    if (location.search) history.replaceState(null, '', location.pathname);
    const form = document.getElementById('filters');
    if (form) {
      form.method = 'post';
      form.action = '/embed/' + body.dataset.dashboard;
      const grant = document.createElement('input'); grant.type = 'hidden'; grant.name = 'grant'; grant.value = embedGrant;
      form.appendChild(grant);
    }
    const brand = document.querySelector('.brand');
    if (brand) brand.removeAttribute('href');
  }

  function meta(name) { const m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : ''; }
  function addDays(iso, n) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }

  function filtersFor(metrics, extra) {
    const f = [];
    if (chosen.region) f.push({ dimension: 'region', op: 'eq', values: [chosen.region] });
    if (chosen.segment && !metrics.some(m => NO_SEGMENT.includes(m))) f.push({ dimension: 'segment', op: 'eq', values: [chosen.segment] });
    if (chosen.channel && !metrics.some(m => NO_CHANNEL.includes(m))) f.push({ dimension: 'channel', op: 'eq', values: [chosen.channel] });
    return f.concat(extra || []);
  }

  /** The metric request of a tile under the page's filters; exported as-is, so export and chart agree. */
  function request(metrics, dimensions, opts) {
    opts = opts || {};
    const r = { metrics: metrics, dimensions: dimensions || [], filters: filtersFor(metrics, opts.filters),
      from: opts.from || from, to: opts.to || toExclusive };
    if (opts.orderBy) r.orderBy = opts.orderBy;
    if (opts.limit) r.limit = opts.limit;
    if (opts.compareTo) r.compareTo = opts.compareTo;
    return r;
  }

  /** Request headers in the page's language, with the embed grant or the CSRF header of the session. */
  function headers(extra) {
    const h = Object.assign({ 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' }, extra);
    if (embedGrant) h['X-Pulse-Embed'] = embedGrant;
    else if (csrf.header) h[csrf.header] = csrf.token;
    return h;
  }

  async function query(req) {
    return answer(await fetch('/api/v1/query', { method: 'POST', headers: headers({ 'Content-Type': 'application/json', 'Accept': 'application/json' }),
      body: JSON.stringify(req), credentials: 'same-origin' }));
  }

  async function getJson(url) {
    return answer(await fetch(url, { headers: headers({ 'Accept': 'application/json' }), credentials: 'same-origin' }));
  }

  async function answer(res) {
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.detail || ('HTTP ' + res.status));
    return json;
  }

  function col(result, name) { return result.columns.findIndex(c => c.name === name); }
  function label(result, name) { const c = result.columns[col(result, name)]; return c ? c.label : name; }
  function values(result, name) { const i = col(result, name); return result.rows.map(r => r[i] == null ? null : Number(r[i])); }
  function keys(result, name) { const i = col(result, name); return result.rows.map(r => String(r[i])); }
  /** Data as text in markup that ECharts renders as HTML (tooltips): campaign ids, names, labels are never markup. */
  function esc(v) {
    return String(v == null ? '' : v).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }
  function fmt(v, digits) {
    if (v == null || Number.isNaN(v)) return '–';
    return Number(v).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits == null ? 1 : digits });
  }

  // ---- tiles with a chart -------------------------------------------------------------------
  function frame(el) {
    el.dataset.state = 'loading';
    el.innerHTML = '';
    const head = document.createElement('div'); head.className = 'tile-head';
    const h = document.createElement('h2'); h.textContent = el.dataset.title; head.appendChild(h);
    const tools = document.createElement('span'); tools.className = 'tools'; head.appendChild(tools);
    const box = document.createElement('div'); box.className = 'chart-body';
    const note = document.createElement('div'); note.className = 'state-note'; note.textContent = T.loading;
    el.append(head, box, note);
    return { box: box, tools: tools, note: note };
  }

  function chartTile(el, load) {
    const f = frame(el);
    const chart = echarts.init(f.box);
    chart.showLoading({ text: T.loading });
    window.addEventListener('resize', () => chart.resize());
    return load().then(option => {
      chart.hideLoading();
      if (!option) { empty(el, f); return; }
      option.animation = false;
      option.tooltip = option.tooltip || { trigger: 'axis' };
      // a tooltip formatter's string is HTML to ECharts: every one of ours returns text, escaped here in one place
      const formatter = option.tooltip.formatter;
      if (typeof formatter === 'function') option.tooltip.formatter = p => esc(formatter(p));
      option.grid = option.grid || { left: 60, right: 20, top: 40, bottom: 40, containLabel: true };
      chart.setOption(option);
      f.note.textContent = '';
      el.dataset.state = 'ready';
      const png = document.createElement('button'); png.type = 'button'; png.className = 'png'; png.textContent = T.png;
      png.addEventListener('click', () => download(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
        el.dataset.tile + '.png'));
      f.tools.appendChild(png);
    }).catch(e => { chart.hideLoading(); failed(el, f, e); });
  }

  function empty(el, f) { el.dataset.state = 'empty'; f.note.textContent = T.empty; }
  function failed(el, f, e) { el.dataset.state = 'error'; f.note.textContent = T.error + ': ' + e.message; }

  function download(href, name) {
    const a = document.createElement('a'); a.href = href; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }

  function lines(result, x, metrics, extra) {
    if (!result.rows.length) return null;
    return Object.assign({ legend: {}, xAxis: { type: 'category', data: keys(result, x) }, yAxis: { type: 'value', scale: true },
      series: metrics.map(m => ({ name: label(result, m), type: 'line', smooth: true, data: values(result, m) })) }, extra || {});
  }

  function bars(result, x, metrics, horizontal) {
    if (!result.rows.length) return null;
    const cat = { type: 'category', data: keys(result, x) };
    const val = { type: 'value' };
    return { legend: {}, xAxis: horizontal ? val : cat, yAxis: horizontal ? Object.assign(cat, { inverse: true }) : val,
      series: metrics.map(m => ({ name: label(result, m), type: 'bar', data: values(result, m) })) };
  }

  // ---- KPI tiles ------------------------------------------------------------------------------
  function kpi(el) {
    const m = el.dataset.kpi;
    const metrics = m === 'nps' ? ['nps', 'nps_ci95'] : [m];
    const valueEl = el.querySelector('.kpi-value');
    const changeEl = el.querySelector('.kpi-change');
    valueEl.textContent = T.loading;
    return query(request(metrics, [], { compareTo: 'previous_period' })).then(r => {
      const row = r.rows[0];
      const v = row ? row[col(r, m)] : null;
      if (v == null) { el.dataset.state = 'empty'; valueEl.textContent = '–'; changeEl.textContent = T.empty; return; }
      el.dataset.value = String(v);
      let text = fmt(Number(v), m === 'revenue' ? 0 : 1) + (m.endsWith('_pct') ? '%' : '');
      if (m === 'nps' && row[col(r, 'nps_ci95')] != null) {
        const ci = Number(row[col(r, 'nps_ci95')]);
        el.dataset.ci = String(ci);
        text += ' ±' + fmt(ci, 1);
        valueEl.title = T.ci + ': ' + fmt(Number(v) - ci, 1) + ' … ' + fmt(Number(v) + ci, 1);
      }
      valueEl.textContent = text;
      const before = row[col(r, m + '_compare')];
      if (before != null) {
        const diff = Number(v) - Number(before);
        el.dataset.change = String(diff);
        changeEl.textContent = (diff >= 0 ? '▲ ' : '▼ ') + fmt(Math.abs(diff), 1) + ' ' + T.change;
        // for churn a rise is bad news: colour by meaning, arrow by direction
        const good = m === 'churn_rate_pct' ? diff <= 0 : diff >= 0;
        changeEl.className = 'kpi-change ' + (good ? 'up' : 'down');
      }
      const sigIndex = col(r, m + '_significant');
      if (sigIndex >= 0 && row[sigIndex] === true) {
        el.dataset.significant = 'true';
        const mark = document.createElement('span'); mark.className = 'significant'; mark.textContent = ' ★'; mark.title = T.significant;
        changeEl.appendChild(mark);
      }
      el.dataset.state = 'ready';
    }).catch(e => { el.dataset.state = 'error'; valueEl.textContent = '–'; changeEl.textContent = T.error + ': ' + e.message; });
  }

  // ---- tables with sorting and export ---------------------------------------------------------
  /** A table of a metric request, or of opts.load() with opts.download(format) for its files. */
  function table(el, req, opts) {
    opts = opts || {};
    const f = frame(el);
    f.box.className = 'table-body';
    return (opts.load ? opts.load() : query(req)).then(r => {
      if (!r.rows.length) { empty(el, f); return; }
      f.note.textContent = '';
      const columns = r.columns.filter(c => !c.name.endsWith('_significant') && c.name !== 'small_sample');
      const rows = r.rows.map(row => columns.map(c => row[col(r, c.name)]));
      if (opts.transform) opts.transform(columns, rows, r);
      render(f.box, columns, rows, opts);
      el.dataset.state = 'ready';
      el.dataset.rows = String(rows.length);
      for (const format of ['csv', 'xlsx']) {
        const b = document.createElement('button'); b.type = 'button'; b.className = 'export-' + format; b.textContent = T[format];
        b.addEventListener('click', () => opts.download ? opts.download(format) : exportTable(req, format, el.dataset.table));
        f.tools.appendChild(b);
      }
    }).catch(e => failed(el, f, e));
  }

  function render(box, columns, rows, opts) {
    box.innerHTML = '';
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    let sort = { index: -1, dir: 1 };
    columns.forEach((c, i) => {
      const th = document.createElement('th'); th.textContent = c.label; th.className = 'sortable';
      th.addEventListener('click', () => {
        sort = { index: i, dir: sort.index === i ? -sort.dir : -1 };
        rows.sort((a, b) => compare(a[i], b[i]) * sort.dir);
        fill();
      });
      head.appendChild(th);
    });
    const tbody = t.createTBody();
    function fill() {
      tbody.innerHTML = '';
      for (const row of rows) {
        const tr = tbody.insertRow();
        row.forEach((v, i) => {
          const td = tr.insertCell();
          const numeric = typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && columns[i].type !== 'string');
          td.textContent = v == null ? '–' : numeric ? fmt(Number(v), 2) : String(v);
          if (numeric) td.className = 'num';
          if (i === 0 && opts.drill) {
            td.className = 'drill'; td.tabIndex = 0;
            td.addEventListener('click', () => opts.drill(String(v)));
          }
        });
      }
    }
    fill();
    box.appendChild(t);
  }

  function compare(a, b) {
    if (a == null) return 1; if (b == null) return -1;
    const x = Number(a), y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    return String(a).localeCompare(String(b), 'zh-CN');
  }

  async function exportTable(req, format, name) {
    const res = await fetch('/dashboards/export?format=' + format + '&name=' + encodeURIComponent(name),
      { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(req), credentials: 'same-origin' });
    return save(res, name + '.' + format);
  }

  async function save(res, filename) {
    if (!res.ok) { alertText((await res.json().catch(() => ({}))).detail || ('HTTP ' + res.status)); return; }
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    download(url, filename);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function alertText(text) {
    const p = document.createElement('p'); p.className = 'error'; p.textContent = text;
    document.querySelector('main').prepend(p);
  }

  // ---- the dashboards -------------------------------------------------------------------------
  const month = ['month'];
  const TILES = {
    'nps-trend': () => query(request(['nps'], month)).then(r => lines(r, 'month', ['nps'])),
    'revenue-trend': () => query(request(['revenue'], month)).then(r => lines(r, 'month', ['revenue'])),
    'regions-ranked': () => query(request(['revenue', 'nps'], ['region'], { orderBy: [{ field: 'revenue', direction: 'desc' }] }))
      .then(r => bars(r, 'region', ['revenue'], true)),
    'sat-trend': () => query(request(['nps', 'promoters_pct', 'detractors_pct'], month)).then(r => {
      const option = lines(r, 'month', ['nps', 'promoters_pct', 'detractors_pct']);
      if (option) option.series.splice(2, 0, { name: T.passives, type: 'line', smooth: true,
        data: passivesOf(values(r, 'promoters_pct'), values(r, 'detractors_pct')) });
      return option;
    }),
    'sat-mix': () => query(request(['promoters_pct', 'detractors_pct'], ['region'])).then(r => {
      if (!r.rows.length) return null;
      const p = values(r, 'promoters_pct'), d = values(r, 'detractors_pct');
      const passives = passivesOf(p, d);
      return { legend: {}, xAxis: { type: 'category', data: keys(r, 'region') }, yAxis: { type: 'value', max: 100 },
        series: [{ name: label(r, 'promoters_pct'), type: 'bar', stack: 'mix', data: p },
          { name: T.passives, type: 'bar', stack: 'mix', data: passives },
          { name: label(r, 'detractors_pct'), type: 'bar', stack: 'mix', data: d }] };
    }),
    'nps-by-region': () => query(request(['nps', 'csat_top2_pct'], ['region'])).then(r => bars(r, 'region', ['nps', 'csat_top2_pct'])),
    'nps-by-channel': () => query(request(['nps', 'csat_top2_pct'], ['channel'])).then(r => bars(r, 'channel', ['nps', 'csat_top2_pct'])),
    'nps-by-segment': () => query(request(['nps', 'csat_top2_pct'], ['segment'])).then(r => bars(r, 'segment', ['nps', 'csat_top2_pct'])),
    'score-distribution': () => query(request(['responses'], ['nps_score', 'nps_group'])).then(scoreDistribution),
    // the API labels theme ids (物流配送 / Delivery) in the page's language
    'detractor-themes': () => query(request(['responses'], ['theme'], {
      filters: [{ dimension: 'nps_group', op: 'eq', values: ['detractor'] }],
      orderBy: [{ field: 'responses', direction: 'desc' }], limit: 10 })).then(r => {
      const option = bars(r, 'theme', ['responses'], true);
      if (option) option.yAxis.data = option.yAxis.data.map(k => valueLabel(r, 'theme', k));
      return option;
    }),
    'churn-trend': () => churnTrend(),
    'churn-by-segment': () => query(request(['churn_rate_pct'], ['segment'])).then(r => bars(r, 'segment', ['churn_rate_pct'])),
    'churn-by-region': () => query(request(['churn_rate_pct'], ['region'])).then(r => bars(r, 'region', ['churn_rate_pct'])),
    'rfm': () => query(request(['rfm_customers'], ['rfm_segment'])).then(r => {
      if (!r.rows.length) return null;
      const names = keys(r, 'rfm_segment'), counts = values(r, 'rfm_customers');
      return { tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
        series: [{ name: label(r, 'rfm_customers'), type: 'pie', radius: ['35%', '65%'],
          data: names.map((n, i) => ({ name: n, value: counts[i] })) }] };
    }),
    'roi-by-campaign': () => query(request(['campaign_roi'], ['campaign'], { orderBy: [{ field: 'campaign_roi', direction: 'desc' }] }))
      .then(r => bars(r, 'campaign', ['campaign_roi'])),
    'cost-vs-revenue': () => query(request(['campaign_cost', 'campaign_revenue'], ['campaign'])).then(r => {
      if (!r.rows.length) return null;
      const names = keys(r, 'campaign'), cost = values(r, 'campaign_cost'), rev = values(r, 'campaign_revenue');
      return { tooltip: { trigger: 'item', formatter: p => p.data[2] + ': ' + fmt(p.data[0], 0) + ' → ' + fmt(p.data[1], 0) },
        xAxis: { type: 'value', name: label(r, 'campaign_cost') }, yAxis: { type: 'value', name: label(r, 'campaign_revenue') },
        series: [{ type: 'scatter', symbolSize: 12, data: names.map((n, i) => [cost[i], rev[i], n]) }] };
    }),
    'roi-by-channel': () => query(request(['campaign_roi'], ['channel'])).then(r => bars(r, 'channel', ['campaign_roi'])),
    'roi-by-region': () => query(request(['campaign_roi'], ['region'])).then(r => bars(r, 'region', ['campaign_roi'])),
    'cohort-heatmap': () => query(request(['retention_pct', 'cohort_customers'], ['cohort_month', 'months_since'])).then(cohortHeatmap),
    'region-treemap': () => query(request(['revenue'], ['region'])).then(r => {
      if (!r.rows.length) return null;
      const names = keys(r, 'region'), rev = values(r, 'revenue');
      return { tooltip: { trigger: 'item' }, series: [{ type: 'treemap', name: label(r, 'revenue'), roam: false, nodeClick: false,
        data: names.map((n, i) => ({ name: n, value: rev[i] })) }] };
    })
  };

  /** Passives in % from promoters and detractors in %. */
  function passivesOf(p, d) {
    return p.map((v, i) => v == null || d[i] == null ? null : Math.round((100 - v - d[i]) * 10) / 10);
  }

  function valueLabel(result, name, value) {
    const labels = result.columns[col(result, name)].values || {};
    return labels[value] || value;
  }

  /** Responses per NPS score 0–10, one stacked series per group so that each group has its colour and legend. */
  function scoreDistribution(r) {
    const si = col(r, 'nps_score'), gi = col(r, 'nps_group'), ni = col(r, 'responses');
    const rows = r.rows.filter(row => row[si] != null && Number(row[ni]) > 0);
    if (!rows.length) return null;
    const scores = Array.from({ length: 11 }, (_, i) => i);
    const colours = { detractor: '#d64545', passive: '#f0b429', promoter: '#3ebd93' };
    const series = ['detractor', 'passive', 'promoter'].map(g => ({ name: valueLabel(r, 'nps_group', g), type: 'bar', stack: 'score',
      itemStyle: { color: colours[g] },
      data: scores.map(s => { const row = rows.find(x => Number(x[si]) === s && x[gi] === g); return row ? Number(row[ni]) : null; }) }));
    return { legend: {}, xAxis: { type: 'category', name: T.score, data: scores.map(String) }, yAxis: { type: 'value' },
      series: series.filter(s => s.data.some(v => v != null)) };
  }

  /** The latest comments under the page's filters, from GET /api/v1/comments; every text goes in as textContent. */
  function latestComments(el) {
    const f = frame(el);
    f.box.className = 'comments-body';
    const params = new URLSearchParams({ from: from, to: toExclusive, limit: '20' });
    for (const k of ['region', 'segment', 'channel']) if (chosen[k]) params.set(k, chosen[k]);
    return getJson('/api/v1/comments?' + params).then(json => {
      if (!json.comments.length) { empty(el, f); return; }
      f.note.textContent = '';
      const list = document.createElement('ol'); list.className = 'comment-list';
      const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
      for (const c of json.comments) {
        const li = document.createElement('li'); li.dataset.region = c.region;
        const scores = [['NPS', c.npsScore], ['CSAT', c.csatScore], ['CES', c.cesScore]].filter(s => s[1] != null).map(s => s[0] + ' ' + s[1]);
        const meta = document.createElement('div'); meta.className = 'comment-meta';
        meta.textContent = [when.format(new Date(c.ts)), c.region, c.channel].concat(scores).join(' · ');
        const themes = document.createElement('div'); themes.className = 'comment-themes';
        for (const t of c.themes) { const chip = document.createElement('span'); chip.className = 'theme'; chip.textContent = t.label; themes.appendChild(chip); }
        const text = document.createElement('p'); text.className = 'comment-text'; text.textContent = c.text;
        li.append(meta, themes, text);
        list.appendChild(li);
      }
      f.box.appendChild(list);
      el.dataset.state = 'ready';
      el.dataset.rows = String(json.comments.length);
    }).catch(e => failed(el, f, e));
  }

  /** Churn is one window, not a series: one request per month of the range, all in parallel. */
  function churnTrend() {
    const months = [];
    let start = from.slice(0, 8) + '01';
    while (start < toExclusive && months.length < 24) {
      const d = new Date(start + 'T00:00:00Z'); d.setUTCMonth(d.getUTCMonth() + 1);
      const next = d.toISOString().slice(0, 10);
      months.push([start < from ? from : start, next > toExclusive ? toExclusive : next]);
      start = next;
    }
    // a few days at either end would be compared with a window as short: keep months of two weeks or more
    const whole = months.filter(([a, b]) => (new Date(b) - new Date(a)) / 86400000 >= 14);
    if (whole.length) months.splice(0, months.length, ...whole);
    return Promise.all(months.map(([a, b]) => query(request(['churn_rate_pct'], [], { from: a, to: b })))).then(results => {
      const data = results.map(r => r.rows.length ? r.rows[0][col(r, 'churn_rate_pct')] : null).map(v => v == null ? null : Number(v));
      if (data.every(v => v == null)) return null;
      return { xAxis: { type: 'category', data: months.map(m => m[0].slice(0, 7)) }, yAxis: { type: 'value' },
        series: [{ name: results[0].columns[col(results[0], 'churn_rate_pct')].label, type: 'line', data: data }] };
    });
  }

  /** Signup month (rows) × months since signup (columns), coloured by the % of the cohort that bought. */
  function cohortHeatmap(r) {
    if (!r.rows.length) return null;
    const cohorts = [...new Set(keys(r, 'cohort_month').map(d => d.slice(0, 7)))];
    const since = values(r, 'months_since'), pct = values(r, 'retention_pct'), size = values(r, 'cohort_customers');
    const cohortOf = keys(r, 'cohort_month').map(d => cohorts.indexOf(d.slice(0, 7)));
    const data = r.rows.map((row, i) => [since[i], cohortOf[i], pct[i], size[i]]);
    return { tooltip: { trigger: 'item', formatter: p => cohorts[p.data[1]] + ' +' + p.data[0] + ': ' + fmt(p.data[2], 1) + '% ('
        + label(r, 'cohort_customers') + ' ' + fmt(p.data[3], 0) + ')' },
      grid: { left: 60, right: 20, top: 30, bottom: 70, containLabel: true },
      xAxis: { type: 'category', name: label(r, 'months_since'), nameLocation: 'middle', nameGap: 25,
        data: Array.from({ length: Math.max(...since) + 1 }, (_, k) => String(k)) },
      yAxis: { type: 'category', name: label(r, 'cohort_month'), data: cohorts, inverse: true },
      // colour by the percentage (the third value), not by the cohort size that follows it
      visualMap: { dimension: 2, min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f7fbff', '#6baed6', '#08519c'] } },
      series: [{ name: label(r, 'retention_pct'), type: 'heatmap', data: data, label: { show: true, formatter: p => fmt(p.data[2], 0) } }] };
  }

  /** The valuable customers at risk under the page's filters: the list API for the table, the same parameters for its files. */
  function atRiskCustomers(el) {
    const p = new URLSearchParams({ from: from, to: toExclusive, limit: '100' });
    for (const name of ['region', 'segment', 'channel']) if (chosen[name]) p.append(name, chosen[name]);
    const name = el.dataset.table;
    return table(el, null, { load: () => getJson('/api/v1/customers/at-risk?' + p),
      download: async format => save(await fetch('/dashboards/export/at-risk?format=' + format + '&name=' + name + '&' + p,
        { headers: headers({}), credentials: 'same-origin' }), name + '.' + format) });
  }

  const TABLES = {
    'sat-table': el => table(el, request(['responses', 'nps', 'nps_ci95', 'csat_top2_pct', 'csat_avg', 'ces_avg'], ['region'])),
    'latest-comments': el => latestComments(el),
    // valuable customers slipping away: RFM "at risk" (were frequent, high spenders) and "need attention"
    'at-risk': el => table(el, request(['rfm_customers'], ['rfm_segment', 'region'],
      { filters: [{ dimension: 'rfm_segment', op: 'in', values: ['at_risk', 'need_attention'] }],
        orderBy: [{ field: 'rfm_customers', direction: 'desc' }] })),
    'campaign-table': el => table(el, request(['campaign_cost', 'campaign_revenue', 'campaign_roi'], ['campaign'],
      { orderBy: [{ field: 'campaign_roi', direction: 'desc' }] })),
    'region-table': el => regionTable(el, 'region', []),
    'at-risk-customers': atRiskCustomers
  };

  /** Region × metric with ranking; a click on a row drills down region → province → city. */
  function regionTable(el, level, path) {
    const filters = path.map(p => ({ dimension: p.level, op: 'eq', values: [p.value] }));
    const req = request(['revenue', 'nps', 'csat_top2_pct', 'churn_rate_pct', 'complaints_per_1k_orders', 'sla_compliance_pct'],
      [level], { filters: filters, orderBy: [{ field: 'revenue', direction: 'desc' }], compareTo: 'previous_period' });
    const next = level === 'region' ? 'province' : level === 'province' ? 'city' : null;
    return table(el, req, {
      drill: next ? value => regionTable(el, next, path.concat([{ level: level, value: value }])) : null,
      transform: (columns, rows, r) => {
        // keep this period's metrics, add growth of revenue and a rank by revenue
        const keep = columns.map((c, i) => c.name.endsWith('_compare') ? -1 : i).filter(i => i >= 0);
        const revNow = col(r, 'revenue'), revBefore = col(r, 'revenue_compare');
        const out = r.rows.map((row, n) => keep.map(i => rows[n][i]).concat([
          row[revBefore] ? Math.round((Number(row[revNow]) / Number(row[revBefore]) - 1) * 1000) / 10 : null, n + 1]));
        const cols = keep.map(i => columns[i]).concat([{ name: 'revenue_growth_pct', label: T.growth, type: 'decimal' },
          { name: 'rank', label: T.rank, type: 'integer' }]);
        columns.splice(0, columns.length, ...cols);
        rows.splice(0, rows.length, ...out);
      }
    }).then(() => {
      if (path.length) {
        const up = document.createElement('button'); up.type = 'button'; up.className = 'drill-up';
        up.textContent = T.back + ' (' + path.map(p => p.value).join(' › ') + ')';
        up.addEventListener('click', () => regionTable(el, path[path.length - 1].level, path.slice(0, -1)));
        el.querySelector('.tools').prepend(up);
      }
      el.dataset.level = level;
    });
  }

  // ---- filters: a preset clears explicit dates, a date makes the range custom --------------------
  const form = document.getElementById('filters');
  if (form) {
    const preset = document.getElementById('f-preset');
    for (const id of ['f-from', 'f-to']) document.getElementById(id).addEventListener('change', () => { preset.value = 'custom'; });
    form.addEventListener('submit', () => {
      if (preset.value !== 'custom') { document.getElementById('f-from').disabled = true; document.getElementById('f-to').disabled = true; }
      for (const s of form.querySelectorAll('select')) if (!s.value) s.disabled = true;
    });
  }

  const work = [];
  document.querySelectorAll('[data-kpi]').forEach(el => work.push(kpi(el)));
  document.querySelectorAll('[data-tile]').forEach(el => work.push(chartTile(el, TILES[el.dataset.tile])));
  document.querySelectorAll('[data-table]').forEach(el => work.push(TABLES[el.dataset.table](el)));
  Promise.allSettled(work).then(() => { body.dataset.loaded = 'true'; });
})();
