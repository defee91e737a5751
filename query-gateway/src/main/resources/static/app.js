// movie-recs web page: plain JavaScript over /api/v1, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const taste = new Map(); // id -> {title, liked: true|false}

async function api(path, options) {
  const response = await fetch('/api/v1' + path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || ('HTTP ' + response.status));
  }
  return body;
}

function showError(error) {
  const box = $('error');
  box.textContent = error ? String(error.message || error) : '';
  box.hidden = !error;
}

function filters() {
  const params = new URLSearchParams();
  if ($('genre').value) params.set('genre', $('genre').value);
  if ($('year-from').value) params.set('yearFrom', $('year-from').value);
  if ($('year-to').value) params.set('yearTo', $('year-to').value);
  return params;
}

function filterBody() {
  const body = {};
  if ($('genre').value) body.genre = $('genre').value;
  if ($('year-from').value) body.yearFrom = Number($('year-from').value);
  if ($('year-to').value) body.yearTo = Number($('year-to').value);
  return body;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function poster(movie) {
  if (movie.posterUrl) {
    const img = el('img', 'poster');
    img.src = movie.posterUrl;
    img.alt = movie.title;
    img.loading = 'lazy';
    img.onerror = () => img.replaceWith(placeholder(movie));
    return img;
  }
  return placeholder(movie);
}

function placeholder(movie) {
  const box = el('div', 'poster placeholder', movie.title);
  let hue = 0;
  for (const c of movie.title) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  box.style.setProperty('--hue', hue);
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', 'No poster: ' + movie.title);
  return box;
}

function card(movie) {
  const node = el('article', 'card');
  node.dataset.id = movie.id;
  node.append(poster(movie));
  const body = el('div', 'body');
  const title = el('div', 'title', movie.title);
  title.onclick = () => selectMovie(movie.id);
  body.append(title);
  const meta = [movie.year, (movie.genres || []).join(', ')].filter(Boolean).join(' · ');
  body.append(el('div', 'meta', meta + (movie.score !== undefined ? ' · ' + movie.score.toFixed(2) : '')));
  if (movie.reason) body.append(el('div', 'reason', movie.reason));
  const actions = el('div', 'actions');
  const like = el('button', 'like', '♥ Like');
  const dislike = el('button', 'dislike', '✕');
  like.type = dislike.type = 'button';
  like.onclick = () => setTaste(movie, true);
  dislike.onclick = () => setTaste(movie, false);
  dislike.title = 'Dislike';
  actions.append(like, dislike);
  body.append(actions);
  node.append(body);
  return node;
}

function fillGrid(grid, results) {
  grid.replaceChildren(...results.map(card));
  if (results.length === 0) grid.append(el('p', 'empty', 'No films match.'));
  markTaste();
}

function setTaste(movie, liked) {
  const current = taste.get(movie.id);
  if (current && current.liked === liked) taste.delete(movie.id);
  else taste.set(movie.id, { title: movie.title, liked });
  renderTaste();
}

function renderTaste() {
  const list = $('liked-list');
  list.replaceChildren();
  for (const [id, entry] of taste) {
    const chip = el('span', 'chip' + (entry.liked ? '' : ' disliked'), (entry.liked ? '♥ ' : '✕ ') + entry.title);
    const remove = el('button', '', '×');
    remove.type = 'button';
    remove.setAttribute('aria-label', 'Remove ' + entry.title);
    remove.onclick = () => { taste.delete(id); renderTaste(); };
    chip.append(remove);
    list.append(chip);
  }
  if (taste.size === 0) list.append(el('span', 'empty', 'Nothing liked yet.'));
  $('recommend-go').disabled = ![...taste.values()].some((e) => e.liked);
  markTaste();
}

function markTaste() {
  document.querySelectorAll('.card').forEach((node) => {
    const entry = taste.get(Number(node.dataset.id));
    node.querySelector('.like').classList.toggle('on', !!entry && entry.liked);
    node.querySelector('.dislike').classList.toggle('off', !!entry && !entry.liked);
  });
}

let selectedId = null;

async function selectMovie(id) {
  selectedId = id;
  $('suggestions').hidden = true;
  try {
    const movie = await api('/movies/' + id);
    const details = $('details');
    const text = el('div');
    text.append(el('h3', '', movie.title + (movie.year ? ' (' + movie.year + ')' : '')));
    text.append(el('p', '', movie.genres.join(', ')));
    if (movie.directors.length) text.append(el('p', '', 'Directed by ' + movie.directors.join(', ')));
    if (movie.cast.length) text.append(el('p', '', 'Starring ' + movie.cast.slice(0, 5).join(', ')));
    details.replaceChildren(poster(movie), text);
    details.hidden = false;
    await loadSimilar();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

let similarSeq = 0;

async function loadSimilar() {
  if (selectedId === null) return;
  const params = filters();
  params.set('k', '12');
  const seq = ++similarSeq;
  const answer = await api('/movies/' + selectedId + '/similar?' + params);
  // filters changed quickly: an older answer arriving last must not replace the newest one
  if (seq !== similarSeq) return;
  $('similar-title').hidden = false;
  fillGrid($('similar-grid'), answer.results);
}

let suggestTimer = null;
let suggestSeq = 0;

function suggest() {
  clearTimeout(suggestTimer);
  const prefix = $('title-input').value.trim();
  if (prefix.length < 2) { $('suggestions').hidden = true; return; }
  suggestTimer = setTimeout(async () => {
    const seq = ++suggestSeq;
    try {
      const titles = await api('/titles?limit=8&prefix=' + encodeURIComponent(prefix));
      if (seq !== suggestSeq) return;
      const list = $('suggestions');
      list.replaceChildren(...titles.map((t) => {
        const item = el('li', '', t.title + (t.year ? ' (' + t.year + ')' : ''));
        item.setAttribute('role', 'option');
        item.onclick = () => { $('title-input').value = t.title; selectMovie(t.id); };
        return item;
      }));
      list.hidden = titles.length === 0;
    } catch (error) {
      showError(error);
    }
  }, 150);
}

async function describe(event) {
  event.preventDefault();
  const q = $('describe-input').value.trim();
  if (!q) return;
  try {
    const params = filters();
    params.set('q', q);
    params.set('k', '12');
    fillGrid($('search-grid'), (await api('/search?' + params)).results);
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function recommend() {
  const liked = [...taste].filter(([, e]) => e.liked).map(([id]) => id);
  const disliked = [...taste].filter(([, e]) => !e.liked).map(([id]) => id);
  try {
    const answer = await api('/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ liked, disliked, k: 12, ...filterBody() }),
    });
    fillGrid($('recs-grid'), answer.results);
    showError(null);
  } catch (error) {
    showError(error);
  }
}

function ago(seconds) {
  if (seconds < 0) return 'unknown';
  if (seconds < 90) return Math.round(seconds) + ' s ago';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min ago';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h ago';
  return Math.round(seconds / 86400) + ' days ago';
}

// A banner whenever answers may be missing or out of date: no replica in rotation, the index not LIVE, or no
// replica heard from within 5 s. Otherwise the indicator alone (green).
function showBanner(text, className) {
  const banner = $('index-banner');
  banner.textContent = text || '';
  banner.className = 'index-banner' + (className ? ' ' + className : '');
  banner.hidden = !text;
}

function replicaNote(status) {
  const replicas = status.replicas || [];
  if (replicas.length < 2) return '';
  return ` · ${status.replicasInRotation} of ${replicas.length} replicas in rotation`;
}

async function refreshStatus() {
  const box = $('freshness');
  try {
    const status = await api('/status');
    const stale = status.checkedAgeSeconds > 5;
    box.className = 'freshness ' + (!status.indexReachable || !status.live ? 'down' : stale ? 'stale' : 'fresh');
    if (status.live) {
      $('freshness-text').textContent =
        `Index live · ${status.ntotal} films · last change ${ago(status.newestChangeAgeSeconds)} · generation ${status.generation}`
        + replicaNote(status);
      showBanner(stale ? `The index has not answered for ${Math.round(status.checkedAgeSeconds)} s: results may be out of date.` : '',
        'stale');
    } else if (status.indexReachable) {
      $('freshness-text').textContent = `Index not live (${status.phase})`;
      showBanner(`The movie index is not live (${status.phase}): results may be missing or out of date.`);
    } else {
      $('freshness-text').textContent = 'Index not answering';
      showBanner('The movie index is not answering: searches fail until it is back.');
    }
  } catch (error) {
    box.className = 'freshness down';
    $('freshness-text').textContent = 'Index not answering';
    showBanner('The movie-recs service is not answering.');
  }
}

function onFilterChange() {
  loadSimilar().catch(showError);
}

$('title-input').addEventListener('input', suggest);
$('title-input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    const first = $('suggestions').querySelector('li');
    if (first) first.click();
  }
});
$('describe-form').addEventListener('submit', describe);
$('recommend-go').addEventListener('click', recommend);
['genre', 'year-from', 'year-to'].forEach((id) => $(id).addEventListener('change', onFilterChange));
refreshStatus();
setInterval(refreshStatus, 2000);
