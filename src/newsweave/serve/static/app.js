/* newsweave web page: story list, search, story view with timeline, map and live updates.
 *
 * Plain JavaScript, no build step, no external asset. Every piece of text from the
 * store is inserted with textContent (never innerHTML), so article text cannot
 * inject markup; links are shown only for http(s) URLs.
 */
"use strict";

const LANG_NAMES = {
  ar: "Arabic", de: "German", en: "English", es: "Spanish", fa: "Persian", fr: "French",
  he: "Hebrew", hi: "Hindi", id: "Indonesian", it: "Italian", ja: "Japanese", ko: "Korean",
  ms: "Malay", nl: "Dutch", pl: "Polish", pt: "Portuguese", ru: "Russian", sl: "Slovenian",
  sv: "Swedish", tr: "Turkish", uk: "Ukrainian", ur: "Urdu", vi: "Vietnamese", zh: "Chinese",
  und: "unknown",
};
const PALETTE = ["#2f6fb0", "#c0504d", "#4f9a5b", "#8064a2", "#d98c1f", "#2aa1a8", "#b5487f",
  "#7a8a2e", "#5c6bc0", "#a0522d", "#3d8f7f", "#9c6ad0"];
const PAGE = 20;

const state = {
  view: null,          // "list" | "story"
  storyId: null,
  story: null,         // last story payload
  seenArticles: new Set(),
  version: null,
  offset: 0,
  world: null,
  langColors: {},
  refreshTimer: null,
  extras: null,        // the optional sections last shown, by story
};

/* ----------------------------------------------------------------- helpers */
function el(tag, attrs, ...children) {
  const isSvg = ["svg", "g", "path", "rect", "circle", "line", "text", "title", "polyline"].includes(tag);
  const node = isSvg ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function langName(code) { return LANG_NAMES[code] || code || "?"; }

function langColor(code) {
  if (!state.langColors[code]) {
    let h = 0;
    for (const ch of code || "?") h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const used = new Set(Object.values(state.langColors));
    let i = h % PALETTE.length;
    for (let k = 0; k < PALETTE.length && used.has(PALETTE[i]); k++) i = (i + 1) % PALETTE.length;
    state.langColors[code] = PALETTE[i];
  }
  return state.langColors[code];
}

function langChip(code, count) {
  const chip = el("span", { class: "chip lang-chip", title: langName(code), "data-lang": code },
    el("span", { class: "dot", "aria-hidden": "true" }), code || "?",
    count !== undefined ? el("span", { class: "count" }, count) : null);
  chip.firstChild.style.backgroundColor = langColor(code);
  return chip;
}

function fmtDate(iso, withTime) {
  if (!iso) return "undated";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const opts = { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
  if (withTime) Object.assign(opts, { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleString("en-GB", opts) + (withTime ? " UTC" : "");
}

function fmtTick(t, step, first) {
  const d = new Date(t);
  const day = d.toLocaleDateString("en-GB", { month: "short", day: "numeric", timeZone: "UTC" });
  if (step >= 24 * 3600e3) return step >= 365 * 24 * 3600e3 ? String(d.getUTCFullYear()) : day;
  const hm = d.toISOString().slice(11, 16);
  return first || (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) ? `${day} ${hm}` : hm;
}

function dateRange(a, b) {
  if (!a && !b) return "undated";
  if (!b || a === b || fmtDate(a) === fmtDate(b)) return fmtDate(a || b);
  return fmtDate(a) + " – " + fmtDate(b);
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
  } catch (e) { return null; }
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (res.status === 401) { askToken(); throw new Error("this server needs a token"); }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || res.statusText);
  return body;
}

function askToken() {
  if (document.getElementById("token-form")) return;
  const input = el("input", { type: "password", placeholder: "token", "aria-label": "token" });
  const form = el("form", { id: "token-form", class: "card token" },
    el("p", { text: "This server asks for its token to show stories." }), input,
    el("button", { type: "submit" }, "Use token"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    document.cookie = "newsweave_token=" + encodeURIComponent(input.value) + "; path=/; SameSite=Strict";
    location.reload();
  });
  view().replaceChildren(form);
}

function view() { return document.getElementById("view"); }

function toast(text) {
  const t = document.getElementById("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(t._timer);
  t._timer = setTimeout(() => { t.hidden = true; }, 4000);
}

function showError(err) {
  view().replaceChildren(el("div", { class: "card error" },
    el("h2", { text: "Something went wrong" }), el("p", { text: String(err.message || err) }),
    el("p", {}, el("a", { href: "#/" }, "Back to all stories"))));
}

/* ----------------------------------------------------------------- routing */
function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, query] = h.split("?");
  const params = new URLSearchParams(query || "");
  const m = path.match(/^\/story\/([A-Za-z0-9-]+)$/);
  if (m) return { name: "story", id: m[1], params };
  return { name: "list", params };
}

function listHash(params) {
  const clean = new URLSearchParams();
  for (const [k, v] of params) if (v) clean.set(k, v);
  const s = clean.toString();
  return "#/" + (s ? "?" + s : "");
}

function currentFilters() {
  const p = new URLSearchParams();
  const q = document.getElementById("q").value.trim();
  if (q) p.set("q", q);
  for (const id of ["lang", "source", "since", "until", "sort"]) {
    const v = document.getElementById("f-" + id).value;
    if (v) p.set(id, v);
  }
  return p;
}

function syncForm(params) {
  document.getElementById("q").value = params.get("q") || "";
  for (const id of ["lang", "source", "since", "until", "sort"]) {
    const input = document.getElementById("f-" + id);
    const v = params.get(id) || "";
    if (input.tagName === "SELECT" && v && ![...input.options].some((o) => o.value === v)) {
      input.append(el("option", { value: v }, v));
    }
    input.value = v;
  }
}

async function route() {
  const r = parseHash();
  clearTimeout(state.refreshTimer);
  try {
    if (r.name === "story") {
      if (state.storyId !== r.id) { state.seenArticles = new Set(); state.story = null; }
      state.view = "story";
      state.storyId = r.id;
      await renderStory(r.id, false);
    } else {
      state.view = "list";
      state.storyId = null;
      syncForm(r.params);
      state.offset = Number(r.params.get("offset") || 0);
      await renderList(r.params);
    }
  } catch (err) {
    showError(err);
  }
}

/* -------------------------------------------------------------- list view */
async function renderList(params) {
  const q = params.get("q") || "";
  const sp = new URLSearchParams();
  for (const k of ["q", "lang", "source", "since", "until", "sort"]) if (params.get(k)) sp.set(k, params.get(k));
  sp.set("limit", PAGE);
  sp.set("offset", state.offset);
  const storiesReq = api("/api/stories?" + sp.toString());
  let searchReq = null;
  if (q) {
    const ap = new URLSearchParams({ q, limit: 12 });
    for (const k of ["lang", "since", "until"]) if (params.get(k)) ap.set(k, params.get(k));
    searchReq = api("/api/search?" + ap.toString());
  }
  const data = await storiesReq;
  const found = searchReq ? await searchReq : null;
  state.version = data.version;

  const wrap = el("div", { class: "list-view" });
  const heading = q
    ? el("h1", {}, "Stories about ", el("q", { dir: "auto" }, q))
    : el("h1", { text: "Stories" });
  const summary = el("p", { class: "muted" },
    data.total === 0 ? "No story matches." :
      `${data.total} ${data.total === 1 ? "story" : "stories"}` +
      (q && data.query_lang ? ` · query read as ${langName(data.query_lang)}` : "") +
      (data.total > PAGE ? ` · showing ${data.offset + 1}–${Math.min(data.offset + PAGE, data.total)}` : ""));
  wrap.append(heading, summary);

  const grid = el("div", { class: q ? "two-col" : "one-col" });
  const list = el("ol", { id: "story-list", class: "story-list" });
  for (const s of data.stories) list.append(storyCard(s));
  const left = el("section", { "aria-label": "Stories" }, list, pager(data, params));
  grid.append(left);
  if (found) grid.append(searchPanel(found));
  wrap.append(grid);
  view().replaceChildren(wrap);
  document.title = q ? `${q} · newsweave` : "newsweave";
}

function storyCard(s) {
  const langs = el("span", { class: "chips" }, s.languages.map((l) => langChip(l.lang, l.count)));
  const sources = s.sources.slice(0, 4).map((x) => x.source).join(", ");
  const card = el("li", { class: "card story-card", "data-id": s.id },
    el("a", { class: "story-link", href: "#/story/" + s.id },
      el("h2", { class: "headline", dir: "auto" }, s.headline)),
    el("p", { class: "meta" },
      `${s.size} article${s.size === 1 ? "" : "s"} · ${s.events} event${s.events === 1 ? "" : "s"} · ${dateRange(s.first_seen, s.last_seen)}`,
      sources ? " · " + sources : ""),
    langs);
  if (s.match) {
    card.append(el("p", { class: "match" }, "best match ", langChip(s.match.lang), " ",
      el("span", { dir: s.match.dir, lang: s.match.lang }, s.match.title),
      el("span", { class: "score", title: "similarity" }, s.score.toFixed(2))));
  }
  return card;
}

function pager(data, params) {
  if (data.total <= PAGE) return null;
  const nav = el("nav", { class: "pager", "aria-label": "Pages" });
  const go = (offset) => { const p = new URLSearchParams(params); p.set("offset", offset); location.hash = listHash(p); };
  if (data.offset > 0) nav.append(el("button", { type: "button", onclick: () => go(Math.max(0, data.offset - PAGE)) }, "← newer"));
  if (data.offset + PAGE < data.total) nav.append(el("button", { type: "button", onclick: () => go(data.offset + PAGE) }, "more →"));
  return nav;
}

function searchPanel(found) {
  const list = el("ol", { id: "search-results", class: "hits" });
  for (const h of found.articles) {
    list.append(el("li", { class: "hit", "data-lang": h.lang, "data-id": h.id },
      el("div", { class: "hit-head" }, langChip(h.lang),
        el("a", { href: "#/story/" + h.story_id, dir: h.dir, lang: h.lang, class: "hit-title" }, h.title),
        el("span", { class: "score", title: "similarity (language-centred cosine)" }, h.score.toFixed(2))),
      h.snippet ? el("p", { class: "snippet", dir: h.dir, lang: h.lang }, h.snippet) : null,
      el("p", { class: "meta" }, [h.source, h.published ? fmtDate(h.published) : null].filter(Boolean).join(" · "))));
  }
  return el("aside", { class: "search-panel", "aria-label": "Matching articles" },
    el("h2", { text: "Matching articles, every language" }),
    found.articles.length ? list : el("p", { class: "muted", text: "No article matches." }));
}

/* ------------------------------------------------------------- story view */
async function renderStory(id, isUpdate) {
  const s = await api("/api/stories/" + encodeURIComponent(id));
  if (s.id !== id) { history.replaceState(null, "", "#/story/" + s.id); state.storyId = s.id; }
  const fresh = isUpdate ? s.articles.filter((a) => !state.seenArticles.has(a.id)) : [];
  for (const a of s.articles) if (!isUpdate) state.seenArticles.add(a.id);
  state.story = s;
  const freshIds = new Set(fresh.map((a) => a.id));
  for (const a of fresh) state.seenArticles.add(a.id);

  const page = el("article", { class: "story-view", "data-id": s.id });
  page.append(storyHeader(s));
  const top = el("div", { id: "extras-top", class: "extras" });
  const middle = el("div", { id: "extras-main", class: "extras" });
  const aside = el("div", { id: "extras-side", class: "extras" });
  const main = el("div", { class: "story-main" },
    top,
    section("Timeline", "timeline", renderTimeline(s)),
    middle,
    section(`Articles (${s.articles.length})`, "articles", renderArticles(s, freshIds)));
  const side = el("div", { class: "story-side" },
    section("Languages", "languages", breakdown(s.language_counts, "lang")),
    section("Sources", "sources", breakdown(s.source_counts, "source")),
    aside,
    section("Export", "export", exportLinks(s.id)));
  page.append(el("div", { class: "story-grid" }, main, side));

  const y = window.scrollY;
  const previous = state.extras && state.extras.id === s.id ? state.extras : null;
  view().replaceChildren(page);
  if (isUpdate) window.scrollTo(0, y);
  document.title = s.headline + " · newsweave";
  if (fresh.length) toast(`${fresh.length} new article${fresh.length === 1 ? "" : "s"} woven into this story`);

  if (s.sections) renderExtras(s, s);
  else if (previous) renderExtras(s, previous);  // keep the last ones while new ones compute
  if (s.sections_pending) loadExtras(s);
}

async function loadExtras(s) {
  const aside = document.getElementById("extras-side");
  if (!document.querySelector("#extras-side .section")) {
    aside.replaceChildren(el("p", { class: "muted small pending", text: "Finding entities, figures and sources…" }));
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    let x;
    try { x = await api(`/api/stories/${encodeURIComponent(s.id)}/sections?wait=60`); } catch (e) { break; }
    if (state.storyId !== s.id || !state.story || state.story.id !== s.id) return;  // moved on
    if (x.ready) { renderExtras(state.story, x); return; }
  }
  aside.replaceChildren();
}

/* the optional sections: present only when the server's modules provide them */
function renderExtras(s, x) {
  state.extras = Object.assign({ id: s.id }, x);
  const top = document.getElementById("extras-top");
  const middle = document.getElementById("extras-main");
  const aside = document.getElementById("extras-side");
  if (!top || !middle || !aside) return;
  top.replaceChildren();
  middle.replaceChildren();
  aside.replaceChildren();
  if (x.summary !== undefined) top.append(section("Summary", "summary", renderSummary(x.summary)));
  if (x.told_timeline !== undefined) {
    middle.append(section("Developments", "developments", timelineList({ timeline: x.told_timeline })));
  }
  const renderers = { figures: renderFigures, provenance: renderProvenance, coverage: renderCoverage };
  for (const name of ["figures", "provenance", "coverage"]) {
    if (x[name] !== undefined) middle.append(section(title(name), name, renderers[name](x[name], s)));
  }
  if (x.places && x.places.length) aside.append(section("Map", "map", renderMap(x.places)));
  if (x.entities !== undefined) aside.append(section("Entities", "entities", renderEntities(x.entities)));
}

function title(name) { return name.charAt(0).toUpperCase() + name.slice(1); }

function section(heading, id, body) {
  return el("section", { class: "card section", id: "sec-" + id, "aria-labelledby": "h-" + id },
    el("h2", { id: "h-" + id, text: heading }), body);
}

function storyHeader(s) {
  const langs = el("span", { class: "chips" }, s.language_counts.map((l) => langChip(l.lang, l.count)));
  return el("header", { class: "story-header" },
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "← all stories"), ` · ${s.id}`,
      s.merged_from && s.merged_from.length ? ` · merged from ${s.merged_from.join(", ")}` : ""),
    el("h1", { class: "headline", dir: "auto" }, s.headline),
    el("p", { class: "meta" },
      `${s.size} articles · ${s.events.length} event${s.events.length === 1 ? "" : "s"} · ` +
      `${s.language_counts.length} language${s.language_counts.length === 1 ? "" : "s"} · ${dateRange(s.first_seen, s.last_seen)}`),
    langs);
}

function renderSummary(summary) {
  if (typeof summary === "string") return el("p", { dir: "auto", class: "summary" }, summary);
  const lines = Array.isArray(summary) ? summary : [summary];
  if (lines.every((l) => l && typeof l === "object" && pick(l, ["text", "sentence"]))) {
    return el("div", { class: "summary" }, lines.map((l) => el("p", { dir: "auto", lang: l.lang || null },
      pick(l, ["text", "sentence"]),
      pick(l, ["source", "article_id"]) ? el("span", { class: "muted small" }, " — " + pick(l, ["source", "article_id"])) : null)));
  }
  return renderValue(summary);
}

/* timeline: a stacked bar chart of articles over time, by language, with event markers */
function renderTimeline(s) {
  const box = el("div", { id: "timeline", class: "timeline" });
  const dated = s.articles.filter((a) => a.published);
  const basis = dated.length ? "published" : "added_at";
  const items = s.articles.filter((a) => a[basis]).map((a) => ({ t: Date.parse(a[basis]), lang: a.lang || "und", a }));
  if (items.length) box.append(timelineChart(items, s, basis));
  const undated = s.articles.length - items.length;
  box.append(el("p", { class: "muted small" },
    basis === "published"
      ? `By publication date${undated ? ` · ${undated} undated article${undated === 1 ? "" : "s"} not shown` : ""}.`
      : "No publication dates: shown by the time each article was woven."));
  box.append(timelineList(s));
  return box;
}

function timelineChart(items, s, basis) {
  const W = 760, H = 170, L = 34, R = 12, T = 26, B = 26;
  let t0 = Math.min(...items.map((i) => i.t)), t1 = Math.max(...items.map((i) => i.t));
  const MIN = 60e3, HOUR = 60 * MIN, DAY = 24 * HOUR;
  const steps = [MIN, 5 * MIN, 15 * MIN, HOUR, 3 * HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY];
  const step = steps.find((st) => (t1 - t0) / st <= 40) || steps[steps.length - 1];
  t0 = Math.floor(t0 / step) * step;
  t1 = Math.floor(t1 / step) * step + step;
  const nBins = Math.max(8, Math.round((t1 - t0) / step));
  t1 = t0 + nBins * step;
  const bins = Array.from({ length: nBins }, () => ({}));
  for (const it of items) {
    const k = Math.min(nBins - 1, Math.floor((it.t - t0) / step));
    bins[k][it.lang] = (bins[k][it.lang] || 0) + 1;
  }
  const maxCount = Math.max(1, ...bins.map((b) => Object.values(b).reduce((x, y) => x + y, 0)));
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (c) => H - B - (c / maxCount) * (H - T - B);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img",
    "aria-label": `Articles over time by language (${basis === "published" ? "publication date" : "arrival"})` });
  svg.append(el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
  const langs = s.language_counts.map((l) => l.lang);
  const slot = (W - L - R) / nBins;
  const bw = Math.max(2, Math.min(36, slot - 2));
  bins.forEach((b, k) => {
    let acc = 0;
    for (const lang of langs) {
      const c = b[lang] || 0;
      if (!c) continue;
      const rect = el("rect", { x: x(t0 + k * step) + (slot - bw) / 2, y: y(acc + c), width: bw, height: y(acc) - y(acc + c),
        fill: langColor(lang), class: "bar" },
        el("title", {}, `${langName(lang)}: ${c} · ${fmtDate(new Date(t0 + k * step).toISOString(), step < DAY)}`));
      svg.append(rect);
      acc += c;
    }
  });
  svg.append(el("text", { x: L - 6, y: T + 4, class: "tick", "text-anchor": "end" }, maxCount));
  svg.append(el("text", { x: L - 6, y: H - B, class: "tick", "text-anchor": "end" }, 0));
  const ticks = Math.min(4, nBins);
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) * i) / ticks;
    svg.append(el("text", { x: x(t), y: H - 8, class: "tick", "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" },
      fmtTick(t, step, i === 0)));
  }
  // event markers on top: when each event was first reported
  const byId = new Map(s.articles.map((a) => [a.id, a]));
  for (const ev of s.events) {
    const times = ev.article_ids.map((id) => byId.get(id)).filter((a) => a && a[basis]).map((a) => Date.parse(a[basis]));
    if (!times.length) continue;
    const k = Math.min(nBins - 1, Math.floor((Math.min(...times) - t0) / step));
    const cx = x(t0 + k * step) + slot / 2;
    svg.append(el("line", { x1: cx, y1: T - 8, x2: cx, y2: H - B, class: "event-line" }));
    svg.append(el("circle", { cx, cy: T - 12, r: 5, class: "event-dot", "data-event": ev.id },
      el("title", {}, `${ev.headline} (${ev.size} article${ev.size === 1 ? "" : "s"})`)));
  }
  const legend = el("div", { class: "legend" }, langs.map((l) => langChip(l)));
  return el("div", { class: "chart-wrap" }, svg, legend);
}

function pick(obj, keys) {
  for (const k of keys) if (obj && obj[k] !== undefined && obj[k] !== null && obj[k] !== "") return obj[k];
  return null;
}

function timelineList(s) {
  const items = Array.isArray(s.timeline) ? s.timeline : (s.timeline && s.timeline.events) || [];
  const list = el("ol", { class: "tl-list" });
  for (const it of items) {
    const when = pick(it, ["date", "when", "time", "first_seen", "published", "start"]);
    let text = pick(it, ["headline", "title", "text", "summary", "description", "label"]) || "";
    if (text && typeof text === "object") text = pick(text, ["text", "title", "sentence"]) || "";
    const sources = pick(it, ["sources", "reporters", "outlets"]);
    const langs = pick(it, ["languages", "langs"]);
    const first = pick(it, ["first_reporter", "first"]);
    const li = el("li", { class: "tl-event", "data-event": pick(it, ["event_id", "id"]) || "" },
      el("time", { datetime: typeof when === "string" ? when : null }, typeof when === "string" ? fmtDate(when, true) : "undated"),
      el("div", {},
        el("p", { class: "tl-headline", dir: "auto" }, typeof text === "string" ? text : JSON.stringify(text)),
        el("p", { class: "meta" },
          it.size ? `${it.size} article${it.size === 1 ? "" : "s"}` : "",
          Array.isArray(langs) && langs.length ? el("span", { class: "chips inline" }, langs.map((l) => langChip(typeof l === "string" ? l : l.lang))) : null,
          Array.isArray(sources) && sources.length ? " " + sources.map((x) => (typeof x === "string" ? x : pick(x, ["source", "name"]) || "")).join(", ") : "",
          first && typeof first === "object" && (first.source || first.article_id) ? ` · first: ${first.source || first.article_id}` : "")));
    list.append(li);
  }
  return list;
}

function renderArticles(s, freshIds) {
  const list = el("div", { class: "articles" });
  const eventIndex = new Map(s.events.map((e, i) => [e.id, i + 1]));
  for (const a of s.articles) {
    const url = a.url ? safeUrl(a.url) : null;
    const text = a.text || "";
    const long = text.length > 700;
    const body = el("div", { class: "article-text" + (long ? " clamped" : ""), dir: a.dir, lang: a.lang || null }, text);
    const card = el("article", {
      class: "article" + (freshIds.has(a.id) ? " fresh" : ""), id: "a-" + a.id.replace(/[^A-Za-z0-9_-]/g, "_"),
      "data-lang": a.lang || "und", "data-id": a.id, dir: a.dir, lang: a.lang || null },
      el("header", { class: "article-head", dir: "ltr" },
        langChip(a.lang || "und"),
        el("span", { class: "meta" }, [a.source, fmtDate(a.published || null, true), `event ${eventIndex.get(a.event_id) || "?"}`].filter(Boolean).join(" · ")),
        freshIds.has(a.id) ? el("span", { class: "badge" }, "new") : null,
        url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "ext" }, "original ↗") : null),
      el("h3", { class: "article-title", dir: "auto" }, a.title),
      body);
    if (long) {
      const btn = el("button", { type: "button", class: "link-button" }, "show full text");
      btn.addEventListener("click", () => {
        const clamped = body.classList.toggle("clamped");
        btn.textContent = clamped ? "show full text" : "show less";
      });
      card.append(btn);
    }
    list.append(card);
  }
  return list;
}

function breakdown(rows, key) {
  if (!rows.length) return el("p", { class: "muted", text: "none recorded" });
  const max = Math.max(...rows.map((r) => r.count));
  const list = el("ul", { class: "bars" });
  for (const r of rows.slice(0, 15)) {
    const bar = el("span", { class: "bar-fill" });
    bar.style.width = `${Math.max(4, (100 * r.count) / max)}%`;
    if (key === "lang") bar.style.backgroundColor = langColor(r.lang);
    list.append(el("li", { "data-key": r[key] },
      el("span", { class: "bar-label" }, key === "lang" ? `${langName(r.lang)} (${r.lang})` : r[key]),
      el("span", { class: "bar-track" }, bar), el("span", { class: "bar-count" }, r.count)));
  }
  if (rows.length > 15) list.append(el("li", { class: "muted" }, `and ${rows.length - 15} more`));
  return list;
}

function exportLinks(id) {
  const fmts = [["jsonl", "JSON Lines"], ["csv", "CSV"], ["parquet", "Parquet"], ["geojson", "GeoJSON (places)"]];
  return el("ul", { class: "exports" }, fmts.map(([f, label]) =>
    el("li", {}, el("a", { href: `/api/stories/${encodeURIComponent(id)}/export?format=${f}`, download: "" }, label))));
}

/* entities: chips grouped by type when they look like entities, otherwise generic */
function renderEntities(value) {
  const list = Array.isArray(value) ? value : (value && Array.isArray(value.entities) ? value.entities : null);
  if (!list || !list.length || typeof list[0] !== "object") return renderValue(value);
  const groups = new Map();
  for (const e of list) {
    const type = pick(e, ["type", "kind", "label"]) || "other";
    if (!groups.has(type)) groups.set(type, []);
    groups.get(type).push(e);
  }
  const box = el("div", { class: "entities" });
  for (const [type, items] of groups) {
    const chips = el("div", { class: "chips" });
    for (const e of items.slice(0, 60)) {
      const name = pick(e, ["name", "canonical", "display_name", "canonical_name", "text"]) || "?";
      const variants = pick(e, ["variants", "aliases", "spellings"]);
      let tip = "";
      if (Array.isArray(variants)) tip = variants.map((v) => (typeof v === "string" ? v : pick(v, ["text", "surface", "name", "form"]) || "")).filter(Boolean).join(" · ");
      const count = pick(e, ["count", "mentions", "frequency"]);
      chips.append(el("span", { class: "chip entity", dir: "auto", title: tip || null },
        name, typeof count === "number" ? el("span", { class: "count" }, count) : null));
    }
    box.append(el("h3", { class: "small-head", text: String(type) }), chips);
  }
  return box;
}

/* figures: each series as values in time order, with who reported each */
function renderFigures(value, s) {
  if (!Array.isArray(value) || !value.every((f) => f && Array.isArray(f.points))) return renderValue(value);
  const box = el("div", { class: "figures" });
  for (const series of value.slice(0, 12)) {
    const head = el("p", { class: "figure-head" },
      el("strong", { dir: "auto" }, series.subject || series.kind || "figure"),
      series.unit ? el("span", { class: "muted" }, ` (${series.unit})`) : null,
      series.changed ? el("span", { class: "badge soft" }, "changed") : null);
    const track = el("ol", { class: "figure-track" });
    for (const p of series.points.slice(0, 12)) {
      track.append(el("li", { class: "figure-point", title: p.sentence || "" },
        el("span", { class: "figure-value" }, (p.qualifier && p.qualifier !== "exact" ? p.qualifier + " " : "") + (p.text || p.value)),
        el("span", { class: "meta" }, langChip(p.lang || "und"), " ", [articleLabel(s, p.article_id, p.source), p.date].filter(Boolean).join(" · "))));
    }
    box.append(el("div", { class: "figure-series" }, head, track));
  }
  return box;
}

function articleLabel(s, id, source) {
  if (source && !/^\[.*\]$/.test(source)) return source;
  const a = s && s.articles ? s.articles.find((x) => x.id === id) : null;
  return a ? (a.source || truncate(a.title, 48)) : (source || id || "");
}

function truncate(text, n) { return text && text.length > n ? text.slice(0, n - 1) + "…" : text; }

/* provenance: how many independent sources, and which articles copy or translate which */
function renderProvenance(value, s) {
  if (!value || typeof value !== "object" || value.independent_sources === undefined) return renderValue(value);
  const box = el("div", { class: "provenance" },
    el("p", { class: "big-number" }, el("strong", {}, value.independent_sources),
      ` independent source${value.independent_sources === 1 ? "" : "s"} among ${value.total_articles} articles`));
  const links = (value.links || []).filter((l) => l.relation && l.relation !== "independent");
  if (links.length) {
    const list = el("ul", { class: "links" });
    for (const l of links.slice(0, 20)) {
      list.append(el("li", {},
        el("span", { dir: "auto" }, articleLabel(s, l.a)), el("span", { class: "rel" }, ` ${l.direction ? "→" : "↔"} ${l.relation.replace(/-/g, " ")} ${l.direction ? "→" : "↔"} `),
        el("span", { dir: "auto" }, articleLabel(s, l.b)),
        l.origin ? el("span", { class: "muted small" }, ` (origin: ${l.origin})`) : null,
        Array.isArray(l.shared_spellings) && l.shared_spellings.length
          ? el("div", { class: "muted small", dir: "auto" }, "shared: " + l.shared_spellings.slice(0, 4).join(" · ")) : null));
    }
    box.append(list);
  }
  return box;
}

/* coverage: who covered the story in each language, and what each source alone reports */
function renderCoverage(value, s) {
  if (!value || typeof value !== "object" || !Array.isArray(value.languages)) return renderValue(value);
  const box = el("div", { class: "coverage" });
  const langTable = el("table", { class: "data" },
    el("thead", {}, el("tr", {}, ["language", "articles", "first", "when"].map((h) => el("th", { text: h })))),
    el("tbody", {}, value.languages.map((l) => el("tr", {},
      el("td", {}, langChip(l.lang)), el("td", {}, l.articles),
      el("td", { dir: "auto" }, articleLabel(s, l.first_article, l.first_source)), el("td", {}, l.first_date || "")))));
  box.append(el("div", { class: "table-wrap" }, langTable));
  const only = (value.sources || []).filter((x) => (x.exclusive_names || []).length || (x.exclusive_figures || []).length);
  if (only.length) {
    box.append(el("h3", { class: "small-head", text: "Only this source reports" }));
    const list = el("ul", { class: "plain" });
    for (const x of only.slice(0, 10)) {
      const bits = (x.exclusive_names || []).slice(0, 5).concat((x.exclusive_figures || []).slice(0, 3).map((f) => f.text));
      list.append(el("li", {}, el("strong", {}, articleLabel(s, x.first_article, x.source)), ": ", el("span", { dir: "auto" }, bits.join(" · "))));
    }
    box.append(list);
  }
  return box;
}

/* map: a world outline (Natural Earth 1:110m, bundled) with one marker per place */
function renderMap(places) {
  const box = el("div", { class: "map", id: "map" });
  const pts = places.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], name: f.properties.name,
    weight: pick(f.properties, ["articles", "mentions", "count"]) }));
  let minX = Math.min(...pts.map((p) => p.lon)), maxX = Math.max(...pts.map((p) => p.lon));
  let minY = Math.min(...pts.map((p) => -p.lat)), maxY = Math.max(...pts.map((p) => -p.lat));
  const pad = Math.max(4, 0.25 * Math.max(maxX - minX, maxY - minY));
  minX -= pad; maxX += pad; minY -= pad; maxY += pad;
  let w = maxX - minX, h = maxY - minY;
  if (w < 1.6 * h) { const extra = (1.6 * h - w) / 2; minX -= extra; maxX += extra; w = maxX - minX; }
  else { const extra = (w / 1.6 - h) / 2; minY -= extra; maxY += extra; h = maxY - minY; }
  const r = Math.max(w, h) / 90;
  const svg = el("svg", { viewBox: `${minX} ${minY} ${w} ${h}`, class: "map-svg", role: "img", "aria-label": "Map of the places in this story" });
  svg.append(el("rect", { x: minX, y: minY, width: w, height: h, class: "sea" }));
  const land = el("path", { class: "land", d: "" });
  svg.append(land);
  loadWorld().then((world) => { if (world) land.setAttribute("d", world.d); });
  // label the most reported places only, so labels do not pile up
  const weight = (p) => Number(p.weight) || 0;
  const labelled = new Set([...pts].sort((a, b) => weight(b) - weight(a)).slice(0, 8));
  for (const p of pts) {
    const g = el("g", { class: "place", "data-name": p.name },
      el("circle", { cx: p.lon, cy: -p.lat, r }, el("title", {}, p.name)));
    if (labelled.has(p)) {
      const label = el("text", { x: p.lon + r * 1.4, y: -p.lat + r * 0.6, class: "place-label" }, p.name);
      label.style.fontSize = `${r * 2.6}px`;
      g.append(label);
    }
    svg.append(g);
  }
  box.append(svg, el("p", { class: "muted small", text: "Outline: Natural Earth (public domain), bundled." }));
  return box;
}

async function loadWorld() {
  if (state.world) return state.world;
  try {
    const res = await fetch("/static/world-110m.json");
    state.world = await res.json();
  } catch (e) { state.world = null; }
  return state.world;
}

/* any other section (figures, provenance, coverage): tables and lists, not raw JSON */
function renderValue(value, depth = 0) {
  if (value === null || value === undefined) return el("span", { class: "muted" }, "—");
  if (typeof value !== "object") return el("span", { dir: "auto" }, String(value));
  if (depth > 3) return el("code", {}, JSON.stringify(value).slice(0, 200));
  if (Array.isArray(value)) {
    if (!value.length) return el("span", { class: "muted" }, "none");
    if (value.every((v) => v && typeof v === "object" && !Array.isArray(v))) {
      const keys = [];
      for (const v of value.slice(0, 50)) for (const k of Object.keys(v)) if (!keys.includes(k)) keys.push(k);
      const cols = keys.slice(0, 8);
      const table = el("table", { class: "data" },
        el("thead", {}, el("tr", {}, cols.map((k) => el("th", { text: k.replace(/_/g, " ") })))),
        el("tbody", {}, value.slice(0, 100).map((row) => el("tr", {}, cols.map((k) => el("td", {}, renderValue(row[k], depth + 1)))))));
      return el("div", { class: "table-wrap" }, table);
    }
    return el("ul", { class: "plain" }, value.slice(0, 100).map((v) => el("li", {}, renderValue(v, depth + 1))));
  }
  const dl = el("dl", { class: "kv" });
  for (const [k, v] of Object.entries(value)) {
    dl.append(el("dt", { text: k.replace(/_/g, " ") }), el("dd", {}, renderValue(v, depth + 1)));
  }
  return dl;
}

/* ------------------------------------------------------------ live updates */
function setLive(text, ok) {
  const s = document.getElementById("live-status");
  s.textContent = text;
  s.classList.toggle("ok", !!ok);
}

function onVersion(version) {
  const changed = state.version && JSON.stringify(state.version) !== JSON.stringify(version);
  state.version = version;
  if (!changed) return;
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => {
    if (state.view === "story" && state.storyId) renderStory(state.storyId, true).catch(() => {});
    else if (state.view === "list") renderList(parseHash().params).catch(() => {});
  }, 300);
}

function startLive() {
  if (!window.EventSource) return startPolling();
  let failures = 0;
  const es = new EventSource("/api/updates");
  es.addEventListener("version", (ev) => {
    failures = 0;
    setLive("live", true);
    try { onVersion(JSON.parse(ev.data).version); } catch (e) { /* ignore */ }
  });
  es.addEventListener("open", () => setLive("live", true));
  es.addEventListener("error", () => {
    failures += 1;
    setLive("reconnecting…", false);
    if (failures > 5) { es.close(); startPolling(); }
  });
}

function startPolling() {
  setLive("polling", true);
  setInterval(async () => {
    try { const h = await api("/api/health"); onVersion(h.version); } catch (e) { setLive("offline", false); }
  }, 5000);
}

/* ------------------------------------------------------------------- start */
async function loadFacets() {
  try {
    const f = await api("/api/facets");
    const langSel = document.getElementById("f-lang");
    for (const l of f.languages) langSel.append(el("option", { value: l.lang }, `${langName(l.lang)} (${l.count})`));
    const srcSel = document.getElementById("f-source");
    for (const s of f.sources) srcSel.append(el("option", { value: s.source }, `${s.source} (${s.count})`));
    // select the filters of the current address (not the search box: the reader may be typing)
    const params = parseHash().params;
    if (params.get("lang")) langSel.value = params.get("lang");
    if (params.get("source")) srcSel.value = params.get("source");
  } catch (e) { /* filters stay at "all" */ }
}

function init() {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = listHash(currentFilters());
  });
  document.getElementById("filters").addEventListener("change", () => {
    location.hash = listHash(currentFilters());
  });
  document.getElementById("f-clear").addEventListener("click", () => {
    for (const id of ["lang", "source", "since", "until", "sort"]) document.getElementById("f-" + id).value = "";
    document.getElementById("q").value = "";
    location.hash = "#/";
  });
  window.addEventListener("hashchange", route);
  loadFacets();
  route();
  startLive();
}

document.addEventListener("DOMContentLoaded", init);
