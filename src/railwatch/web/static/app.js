// railwatch dashboard: the network coloured by state, incidents on a day-by-day timeline,
// the impact of the day's closures, and each incident's sources and claims.
//
// Every text that comes from the server (report text, claims, outlets, URLs, even network
// names) is untrusted: it is written with textContent or as DOM text nodes, never as HTML.
// Links are made only for http(s) URLs.
"use strict";

(function () {
  const COLORS = { open: "#37474f", reduced: "#f39c12", closed: "#d7191c", reroute: "#1a9850" };
  const TYPE_COLORS = {
    explosion: "#c62828", derailment: "#6a1b9a", fire: "#ef6c00", collision: "#283593",
    drone_strike: "#ad1457", arson: "#d84315", blockage: "#00695c", other: "#455a64",
  };
  // Radius in metres of the area drawn for an imprecise place; precise ones are dots.
  const AREA_M = { district: 25000, region: 120000, line: 250000, country: 500000 };
  const DAY_MS = 86400000;

  const state = {
    status: null, network: null, incidents: [], selected: null, days: [], dayIndex: 0,
    sectionLayers: new Map(), structureOf: new Map(), incidentLayers: new Map(),
    closures: [], impactTimer: null, playTimer: null, simulation: null, impactSeq: 0,
  };

  // ---- small DOM helpers (text only) -------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function safeHttpUrl(text) {
    if (typeof text !== "string" || !text) return null;
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) return "—";
    return Number(value).toLocaleString("en", { maximumFractionDigits: digits ?? 1 });
  }

  async function getJSON(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error((body && (body.detail || body.title)) || response.status);
    return body;
  }

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }

  // ---- map -------------------------------------------------------------------------------
  const map = L.map("map", { zoomSnap: 0.25, preferCanvas: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country outlines: Natural Earth");
  const countryPane = map.createPane("countries");
  countryPane.style.zIndex = 250;

  function drawCountries(fc) {
    L.geoJSON(fc, {
      pane: "countries", interactive: false,
      style: { color: "#9e9e9e", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map);
  }

  function tooltipText(...lines) {
    const box = el("div");
    lines.filter(Boolean).forEach((line, i) => {
      if (i) box.append(el("br"));
      box.append(document.createTextNode(line));
    });
    return box;
  }

  function drawNetwork(fc) {
    const features = fc.features || [];
    const bounds = [];
    for (const f of features) {
      const p = f.properties || {};
      if (p.type === "section" && f.geometry && f.geometry.type === "LineString") {
        const latlngs = f.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
        latlngs.forEach((ll) => bounds.push(ll));
        const layer = L.polyline(latlngs, {
          color: COLORS.open, weight: 3, opacity: 0.9, className: "section state-open",
        }).addTo(map);
        layer.bindTooltip(tooltipText(`${p.line || ""}`, `${p.id}`, `${fmt(p.capacity, 0)} trains/day`), { sticky: true });
        layer.feature = f;
        state.sectionLayers.set(p.id, layer);
      }
    }
    for (const f of features) {
      const p = f.properties || {};
      if (p.type === "structure" && f.geometry && f.geometry.type === "Point") {
        state.structureOf.set(p.id, p.section);
        const [lon, lat] = f.geometry.coordinates;
        const marker = L.marker([lat, lon], {
          icon: L.divIcon({ className: "structure-icon", iconSize: [9, 9] }),
          keyboard: false, title: "",
        }).addTo(map);
        marker.bindTooltip(tooltipText(`${p.kind}: ${p.name || p.id}`, p.name_ru || ""));
      } else if (p.type === "node" && f.geometry) {
        const [lon, lat] = f.geometry.coordinates;
        L.circleMarker([lat, lon], {
          radius: 2.5, color: "#263238", weight: 1, fillColor: "#fff", fillOpacity: 1,
        }).addTo(map).bindTooltip(tooltipText(p.name || p.id, p.name_ru || ""));
      }
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [20, 20] });
    else map.setView([55, 90], 3);
  }

  function incidentLayer(feature) {
    const p = feature.properties;
    if (!feature.geometry) return null;
    const [lon, lat] = feature.geometry.coordinates;
    const color = TYPE_COLORS[p.type] || TYPE_COLORS.other;
    const contested = !!p.contested;
    const style = {
      color, weight: 2, fillColor: color, fillOpacity: 0.35,
      dashArray: contested ? "4 3" : null, className: "incident",
    };
    const area = AREA_M[p.precision];
    const layer = area ? L.circle([lat, lon], { ...style, radius: area, fillOpacity: 0.12 })
      : L.circleMarker([lat, lon], { ...style, radius: 7 });
    layer.bindTooltip(tooltipText(`${p.type} · ${p.date_start || "date unknown"}`, p.location_name || ""));
    layer.on("click", () => selectIncident(p.id));
    return layer;
  }

  // ---- timeline ----------------------------------------------------------------------------
  function buildDays() {
    const stamps = [];
    for (const f of state.incidents) {
      const p = f.properties;
      for (const key of ["date_start", "date_end", "restored_at"]) if (p[key]) stamps.push(dayMs(p[key]));
    }
    if (state.simulation && state.simulation.start) stamps.push(dayMs(state.simulation.start));
    if (!stamps.length) stamps.push(dayMs(new Date().toISOString().slice(0, 10)));
    const first = Math.min(...stamps) - DAY_MS;
    const last = Math.max(...stamps) + 2 * DAY_MS;
    state.days = [];
    for (let t = first; t <= last; t += DAY_MS) state.days.push(isoDay(t));
    const slider = $("slider");
    slider.max = String(state.days.length - 1);
    // Start on the day of the latest incident: what is happening now in the record.
    const starts = state.incidents.map((f) => f.properties.date_start).filter(Boolean).sort();
    const start = starts.length ? state.days.indexOf(starts[starts.length - 1]) : state.days.length - 1;
    slider.value = String(Math.max(0, start));
  }

  async function showDay(index) {
    state.dayIndex = index;
    const day = state.days[index];
    $("day").textContent = day;
    $("impact-day").textContent = day;
    let visible = 0;
    for (const f of state.incidents) {
      const p = f.properties;
      const layer = state.incidentLayers.get(p.id);
      const happened = p.date_start && p.date_start <= day;
      if (layer) {
        if (happened && !map.hasLayer(layer)) layer.addTo(map);
        if (!happened && map.hasLayer(layer)) map.removeLayer(layer);
      }
      if (happened) visible += 1;
      const row = document.querySelector(`#incidents li[data-id="${CSS.escape(p.id)}"]`);
      if (row) row.classList.toggle("future", !happened);
    }
    const mapBox = $("map");
    mapBox.dataset.day = day;
    mapBox.dataset.visibleIncidents = String(visible);
    let closures = [];
    try {
      closures = (await getJSON(`/api/closures?date=${day}`)).closures;
    } catch (e) {
      $("day-summary").textContent = `closures unavailable: ${e.message}`;
    }
    if (state.days[state.dayIndex] !== day) return; // the slider moved on meanwhile
    colourSections(closures);
    mapBox.dataset.closuresDay = day; // the closures drawn are this day's (tests wait on it)
    $("day-summary").textContent =
      `${visible} incident(s) so far · ${closures.length} closure(s) in force`;
    clearTimeout(state.impactTimer);
    state.impactTimer = setTimeout(() => loadImpact(day), 200);
  }

  function colourSections(closures) {
    const remaining = new Map();
    for (const c of closures) {
      const section = c.kind === "structure" ? state.structureOf.get(c.target) : c.target;
      if (!section) continue;
      const prev = remaining.get(section);
      remaining.set(section, prev === undefined ? c.remaining : Math.min(prev, c.remaining));
    }
    let closed = 0, reduced = 0;
    for (const [id, layer] of state.sectionLayers) {
      const left = remaining.get(id);
      const st = left === undefined ? "open" : left <= 0 ? "closed" : "reduced";
      if (st === "closed") closed += 1;
      if (st === "reduced") reduced += 1;
      layer.setStyle({ color: COLORS[st], weight: st === "open" ? 3 : 7 });
      if (st !== "open") layer.bringToFront();
      const path = layer.getElement();
      if (path) path.setAttribute("class", `leaflet-interactive section state-${st}`);
    }
    drawClosureMarks(remaining);
    $("map").dataset.closedSections = String(closed);
    $("map").dataset.reducedSections = String(reduced);
  }

  // A closed tunnel or bridge section is a few pixels long at corridor scale: a ring at its
  // middle keeps every closure visible at any zoom.
  let closureMarks = [];
  function drawClosureMarks(remaining) {
    closureMarks.forEach((layer) => map.removeLayer(layer));
    closureMarks = [];
    for (const [id, left] of remaining) {
      const layer = state.sectionLayers.get(id);
      if (!layer) continue;
      const mark = L.circleMarker(layer.getCenter(), {
        radius: 11, color: left <= 0 ? COLORS.closed : COLORS.reduced, weight: 3,
        fill: false, interactive: false, className: "closure-mark",
      }).addTo(map);
      closureMarks.push(mark);
    }
  }

  let rerouteLayers = [];
  function drawReroute(impact) {
    rerouteLayers.forEach((layer) => map.removeLayer(layer));
    rerouteLayers = [];
    const ids = new Set();
    for (const r of impact.reroutes || []) for (const s of r.new_sections || []) ids.add(s);
    for (const id of ids) {
      const base = state.sectionLayers.get(id);
      if (!base) continue;
      const layer = L.polyline(base.getLatLngs(), {
        color: COLORS.reroute, weight: 7, opacity: 0.55, className: "reroute", interactive: false,
      }).addTo(map);
      layer.bringToBack();
      rerouteLayers.push(layer);
    }
    $("map").dataset.rerouteSections = String(ids.size);
  }

  // ---- impact panel ------------------------------------------------------------------------
  async function loadImpact(day) {
    const seq = ++state.impactSeq;
    const box = $("impact");
    let impact;
    try {
      impact = await getJSON(`/api/impact?date=${day}`);
    } catch (e) {
      if (seq !== state.impactSeq) return;
      clear(box);
      box.append(el("p", { class: "muted", text: `impact unavailable: ${e.message}` }));
      return;
    }
    if (seq !== state.impactSeq) return;
    clear(box);
    drawReroute(impact);
    const closed = impact.closures.map((c) => `${c.target}${c.remaining ? ` (${c.remaining * 100}% left)` : ""}`);
    box.append(el("p", {}, el("strong", { text: "Closed: " }), closed.join(", ") || "nothing"));
    const table = el("table", { id: "corridors" });
    table.append(el("thead", {}, el("tr", {},
      el("th", { text: "corridor" }), el("th", { text: "before" }), el("th", { text: "after" }),
      el("th", { text: "lost" }), el("th", { text: "reroute" }))));
    const body = el("tbody");
    impact.corridors.forEach((c, i) => {
      const r = impact.reroutes[i] || {};
      let route = "unchanged";
      if (!r.reachable) route = "no route";
      else if (r.detour_km > 0 || r.detour_h > 0) route = `+${fmt(r.detour_km, 0)} km, +${fmt(r.detour_h)} h`;
      body.append(el("tr", {},
        el("td", { text: `${c.origin} → ${c.destination}` }),
        el("td", { class: "n", text: fmt(c.before) }),
        el("td", { class: "n", text: fmt(c.after) }),
        el("td", { class: c.lost > 0 ? "n lost" : "n", text: fmt(c.lost) }),
        el("td", { text: route })));
    });
    table.append(body);
    box.append(el("p", { class: "muted", text: "Capacity in trains/day per corridor (maximum flow)." }), table);
    if (impact.od_losses.length) {
      const demanded = impact.od_losses.reduce((a, r) => a + (r.demanded || 0), 0);
      box.append(el("p", {}, el("strong", { text: "Unmet demand: " }),
        `${fmt(impact.unmet_trains_per_day)} of ${fmt(demanded)} trains/day (shared-capacity flow)`));
    }
    box.append(el("p", { class: "muted small", text: `Closures: ${impact.assumption}.` }));
    if (state.simulation) box.append(bandsChart(state.simulation, day));
  }

  const CHART_DAYS = 28; // the weeks around an event; the bands are flat after recovery

  function bandsChart(sim, day) {
    const wrap = el("div", { id: "bands" });
    wrap.append(el("h3", { text: `Recovery bands: ${sim.scenario} (${sim.runs} runs)` }));
    const bands = sim.bands || {};
    const series = ["delivered_p10", "delivered_p50", "delivered_p90", "baseline"].filter((k) => bands[k]);
    if (!series.length) return wrap;
    const n = Math.min(CHART_DAYS, bands[series[0]].length);
    const values = series.flatMap((k) => bands[k].slice(0, n));
    const lo = Math.floor(Math.min(...values) * 0.97), hi = Math.ceil(Math.max(...values) * 1.02) || 1;
    const W = 400, H = 120, L = 26, B = 14;
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const x = (i) => L + (i * (W - L - 6)) / Math.max(1, n - 1);
    const y = (v) => H - B - ((v - lo) * (H - B - 6)) / (hi - lo || 1);
    const text = (tx, ty, content, anchor) => {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", String(tx)); t.setAttribute("y", String(ty));
      t.setAttribute("font-size", "8"); t.setAttribute("fill", "#555");
      if (anchor) t.setAttribute("text-anchor", anchor);
      t.textContent = content;
      svg.append(t);
    };
    const style = {
      delivered_p10: ["#64b5f6", "3 2"], delivered_p50: ["#0d47a1", null],
      delivered_p90: ["#64b5f6", "3 2"], baseline: ["#9e9e9e", "1 2"],
    };
    for (const key of series) {
      const line = document.createElementNS(NS, "polyline");
      line.setAttribute("points", bands[key].slice(0, n).map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "));
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", style[key][0]);
      line.setAttribute("stroke-width", key === "delivered_p50" ? "1.8" : "1.1");
      if (style[key][1]) line.setAttribute("stroke-dasharray", style[key][1]);
      svg.append(line);
    }
    text(L - 3, y(hi) + 3, fmt(hi, 0), "end");
    text(L - 3, y(lo) + 3, fmt(lo, 0), "end");
    for (let d = 0; d < n; d += 7) text(x(d), H - 3, `day ${d}`, "middle");
    if (sim.start) {
      const offset = Math.round((dayMs(day) - dayMs(sim.start)) / DAY_MS);
      if (offset >= 0 && offset < n) {
        const mark = document.createElementNS(NS, "line");
        mark.setAttribute("x1", String(x(offset))); mark.setAttribute("x2", String(x(offset)));
        mark.setAttribute("y1", "4"); mark.setAttribute("y2", String(H - B));
        mark.setAttribute("stroke", "#d7191c");
        svg.append(mark);
      }
    }
    wrap.append(svg);
    wrap.append(el("p", { class: "muted small",
      text: `Trains delivered per day, all corridors: median (solid), P10–P90 (dashed), baseline (dotted); day 0 = ${sim.start || "start"}; red line: the slider's day.` }));
    const s = sim.summary || {};
    if (s.days_to_recover) {
      wrap.append(el("p", { class: "muted small",
        text: `Days to recover to 95%: P10 ${fmt(s.days_to_recover.p10)}, P50 ${fmt(s.days_to_recover.p50)}, P90 ${fmt(s.days_to_recover.p90)}` }));
    }
    return wrap;
  }

  // ---- incident list and detail ------------------------------------------------------------
  function renderList() {
    const list = $("incidents");
    clear(list);
    $("incident-count").textContent = `(${state.incidents.length})`;
    for (const f of state.incidents) {
      const p = f.properties;
      const row = el("li", { tabindex: "0", "data-id": p.id });
      row.append(el("strong", { text: p.type }), ` ${p.date_start || "date unknown"} · `,
        p.location_name || "unplaced");
      if (p.contested) row.append(el("span", { class: "badge contested", text: "contested" }));
      if (p.status && p.status !== "unreviewed") row.append(el("span", { class: `badge status-${p.status}`, text: p.status }));
      row.append(el("span", { class: "badge", text: `${p.reports.length} source(s)` }));
      row.addEventListener("click", () => selectIncident(p.id));
      row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") selectIncident(p.id); });
      list.append(row);
    }
    if (!state.incidents.length) list.append(el("li", { class: "muted", text: "no incidents stored yet" }));
  }

  async function selectIncident(id) {
    state.selected = id;
    document.querySelectorAll("#incidents li").forEach((li) => li.classList.toggle("selected", li.dataset.id === id));
    let detail;
    try {
      detail = await getJSON(`/api/incidents/${encodeURIComponent(id)}`);
    } catch (e) {
      $("detail").hidden = false;
      $("detail-title").textContent = `incident ${id}: ${e.message}`;
      return;
    }
    if (state.selected !== id) return;
    renderDetail(detail);
    loadAudit(id);
  }

  function renderDetail(d) {
    $("detail").hidden = false;
    $("detail").dataset.id = d.id;
    $("detail-title").textContent = `${d.type} · ${d.location_name || "unplaced"}`;
    const when = d.date_start === d.date_end ? d.date_start : `${d.date_start} – ${d.date_end}`;
    $("detail-meta").textContent =
      `${d.id} · ${when || "date unknown"} · place precision: ${d.precision || "—"} · effect: ${d.effect || "not reported"}` +
      (d.restored_at ? ` · restored ${d.restored_at}` : "") + ` · status: ${d.status}`;
    const sources = $("sources");
    clear(sources);
    const details = new Map((d.report_details || []).map((r) => [r.id, r]));
    for (const s of d.sources) {
      const r = details.get(s.report) || {};
      const item = el("li", { class: "source" });
      const label = s.outlet || r.outlet || "report";
      const href = safeHttpUrl(s.url);
      if (href) {
        item.append(el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", text: label }));
      } else {
        item.append(el("strong", { text: label }));
        if (s.url) item.append(el("div", { class: "muted", text: s.url }));
      }
      item.append(el("span", { class: "muted", text: ` ${s.published || ""}` }));
      if (r.text) item.append(el("div", { class: "quote", text: r.text.slice(0, 280) + (r.text.length > 280 ? "…" : "") }));
      sources.append(item);
    }
    const claims = $("claims");
    clear(claims);
    for (const c of d.claims) {
      const item = el("li", { class: d.contested ? "claim contested" : "claim" });
      item.append(el("strong", { text: c.claimant }), ` ${c.stance} `, el("em", { text: c.cause }));
      item.append(el("div", { class: "quote", text: `“${c.sentence}”` }));
      claims.append(item);
    }
    if (!d.claims.length) claims.append(el("li", { class: "muted", text: "no claim about the cause" }));
    if (d.contested) claims.prepend(el("li", { class: "badge contested", text: "contested: the sources disagree" }));
    setupReviewForm();
  }

  async function loadAudit(id) {
    const list = $("audit");
    clear(list);
    let rows = [];
    try {
      rows = await getJSON(`/api/incidents/${encodeURIComponent(id)}/audit`);
    } catch (e) {
      list.append(el("li", { class: "muted", text: e.message }));
      return;
    }
    for (const row of rows) {
      const given = Object.keys(row.fields || {}).length ? ` ${JSON.stringify(row.fields)}` : "";
      list.append(el("li", { class: "audit-row", text: `${row.at.slice(0, 19).replace("T", " ")} UTC · ${row.who}: ${row.action}${given}` }));
    }
    if (!rows.length) list.append(el("li", { class: "muted", text: "no review yet" }));
  }

  // ---- review ------------------------------------------------------------------------------
  const VALUE_HINT = {
    confirm: null, reject: null, reopen: null, correct: "new type", restoration: "YYYY-MM-DD",
    merge: "other incident id",
  };
  function setupReviewForm() {
    const st = state.status || {};
    const note = $("review-note");
    const disabled = st.read_only || !st.can_review;
    note.textContent = st.read_only ? "This server is read-only (started without RAILWATCH_API_TOKEN)."
      : !st.can_review ? "This store keeps no review history." : "Changes are stored with your name in the audit.";
    $("review-submit").disabled = !!disabled;
    const hint = VALUE_HINT[$("review-action").value];
    $("review-value-label").hidden = !hint;
    $("review-value").placeholder = hint || "";
  }
  $("review-action").addEventListener("change", setupReviewForm);
  $("review").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const id = state.selected;
    const action = $("review-action").value;
    const value = $("review-value").value.trim();
    const fields = {};
    if (action === "correct") fields.type = value;
    if (action === "restoration") fields.restored_at = value;
    if (action === "merge") fields.other = value;
    const result = $("review-result");
    result.className = "";
    result.textContent = "saving…";
    const response = await fetch(`/api/incidents/${encodeURIComponent(id)}/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${$("review-token").value}` },
      body: JSON.stringify({ action, who: $("review-who").value, fields }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      result.className = "error";
      result.textContent = `${body.title || response.status}: ${body.detail || ""}`;
      return;
    }
    result.textContent = `${action}: stored`;
    await reloadIncidents();
    selectIncident(id);
  });

  // ---- loading -----------------------------------------------------------------------------
  async function reloadIncidents() {
    const fc = await getJSON("/api/incidents?format=geojson&sort=date");
    state.incidents = fc.features;
    for (const layer of state.incidentLayers.values()) map.removeLayer(layer);
    state.incidentLayers.clear();
    for (const f of state.incidents) {
      const layer = incidentLayer(f);
      if (layer) state.incidentLayers.set(f.properties.id, layer);
    }
    renderList();
    await showDay(state.dayIndex);
  }

  async function start() {
    try {
      const [status, countries, network, incidents] = await Promise.all([
        getJSON("/api/status"), getJSON("/api/countries"), getJSON("/api/network"),
        getJSON("/api/incidents?format=geojson&sort=date"),
      ]);
      state.status = status;
      if (status.simulation) state.simulation = await getJSON("/api/simulation");
      $("status").textContent =
        `network ${status.network} · store ${status.store}${status.read_only ? " · read-only" : ""}`;
      drawCountries(countries);
      drawNetwork(network);
      state.network = network;
      state.incidents = incidents.features;
      for (const f of state.incidents) {
        const layer = incidentLayer(f);
        if (layer) state.incidentLayers.set(f.properties.id, layer);
      }
      renderList();
      buildDays();
      $("slider").addEventListener("input", () => showDay(Number($("slider").value)));
      $("play").addEventListener("click", togglePlay);
      await showDay(Number($("slider").value));
      document.body.dataset.ready = "1";
    } catch (e) {
      $("status").textContent = `could not load: ${e.message}`;
      throw e;
    }
  }

  function togglePlay() {
    const button = $("play");
    if (state.playTimer) {
      clearInterval(state.playTimer);
      state.playTimer = null;
      button.textContent = "▶";
      return;
    }
    const slider = $("slider");
    if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
    button.textContent = "❚❚";
    state.playTimer = setInterval(() => {
      const next = Number(slider.value) + 1;
      if (next > Number(slider.max)) { togglePlay(); return; }
      slider.value = String(next);
      showDay(next);
    }, 700);
  }

  start();
})();
