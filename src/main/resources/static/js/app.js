// Rulescope page behaviour. Kept in a file (no inline script) so the Content-Security-Policy can forbid inline code.
document.addEventListener('DOMContentLoaded', () => {
  // Light or dark: the reader's choice is remembered; without one the system's prefers-color-scheme applies.
  const toggle = document.querySelector('.theme-toggle');
  if (toggle) {
    const root = document.documentElement;
    const dark = () => root.getAttribute('data-theme') === 'dark'
      || (!root.hasAttribute('data-theme') && window.matchMedia('(prefers-color-scheme: dark)').matches);
    const label = () => {
      toggle.textContent = dark() ? 'Light theme' : 'Dark theme';
      toggle.setAttribute('aria-pressed', String(dark()));
    };
    label();
    toggle.addEventListener('click', () => {
      const next = dark() ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try {
        localStorage.setItem('rulescope-theme', next);
      } catch (e) {
        // Not remembered; this page still switches.
      }
      label();
    });
  }

  // On a phone the facets start folded, so the results are what the reader sees first.
  if (window.matchMedia('(max-width: 700px)').matches) {
    for (const fold of document.querySelectorAll('details.facet-fold')) {
      fold.open = false;
    }
  }

  // A filter box over a long list of choices (the coverage page's events): rows whose data-search text lacks
  // every typed word are hidden; ticked rows always stay visible, so a choice is never hidden from its owner.
  for (const box of document.querySelectorAll('input[data-filters]')) {
    const rows = document.querySelectorAll(box.dataset.filters);
    box.addEventListener('input', () => {
      const words = box.value.toLowerCase().split(/\s+/).filter(w => w);
      for (const row of rows) {
        const text = row.dataset.search || row.textContent.toLowerCase();
        const ticked = row.querySelector('input:checked');
        row.hidden = !ticked && !words.every(w => text.includes(w));
      }
      const others = document.querySelector('details.other-events');
      if (others && words.length) {
        others.open = true;
      }
    });
  }

  // "Copy query": the rule's own text, exactly as written. Listened for on the page, so a query shown later copies too.
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy-text]');
    if (!button) {
      return;
    }
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(button.dataset.copyText);
      button.textContent = 'Copied';
    } catch (e) {
      window.prompt('Copy this:', button.dataset.copyText);
    }
    setTimeout(() => { button.textContent = label; }, 1500);
  });

  // /convert and /search/export start on the target last chosen on a rule page, unless the address names one.
  for (const chooser of document.querySelectorAll('select[data-remembered-target]')) {
    let remembered = null;
    try {
      remembered = localStorage.getItem('rulescope-target');
    } catch (e) {
      // No storage: the page's own choice stays.
    }
    const named = new URLSearchParams(window.location.search).has('target') || chooser.dataset.rememberedTarget === 'chosen';
    if (!named && remembered && chooser.querySelector('option[value="' + CSS.escape(remembered) + '"]')) {
      chooser.value = remembered;
    }
    chooser.addEventListener('change', () => {
      try {
        localStorage.setItem('rulescope-target', chooser.value);
      } catch (e) {
        // Not remembered.
      }
    });
  }

  // "Use in your SIEM": another target is shown in place and remembered for every rule page; the form still works
  // without script.
  const convert = document.querySelector('section[data-convert-api]');
  if (convert) {
    const select = convert.querySelector('select[data-convert-target]');
    const show = async (target) => {
      const box = convert.querySelector('[data-conversion]');
      const api = convert.dataset.convertApi + '?target=' + encodeURIComponent(target);
      box.setAttribute('aria-busy', 'true');
      try {
        const response = await fetch(api, { headers: { Accept: 'application/json' } });
        renderConversion(box, select.selectedOptions[0].textContent, await response.json(), api);
      } catch (e) {
        box.replaceChildren(element('p', 'notice', 'The query for this target could not be loaded; use Show to load the page with it.'));
      }
      box.removeAttribute('aria-busy');
    };
    select.addEventListener('change', () => {
      try {
        localStorage.setItem('rulescope-target', select.value);
      } catch (e) {
        // Not remembered; this page still shows it.
      }
      show(select.value);
    });
    let remembered = null;
    try {
      remembered = localStorage.getItem('rulescope-target');
    } catch (e) {
      // No storage: the page's own target stays.
    }
    const asked = new URLSearchParams(window.location.search).has('target');
    if (!asked && remembered && remembered !== select.value && select.querySelector('option[value="' + CSS.escape(remembered) + '"]')) {
      select.value = remembered;
      show(remembered);
    }
  }

  for (const button of document.querySelectorAll('button[data-copy-path]')) {
    button.addEventListener('click', async () => {
      const link = new URL(button.dataset.copyPath, window.location.origin).toString();
      // Markdown link text must not break out of its brackets.
      const title = button.dataset.copyTitle;
      const url = title ? '[' + title.replace(/[\[\]]/g, '\\$&') + '](' + link + ')' : link;
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = 'Copied';
      } catch (e) {
        window.prompt('Copy this:', url);
      }
      setTimeout(() => { button.textContent = label; }, 1500);
    });
  }

  // "/" focuses the search box from any page, unless the user is already typing somewhere.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const active = document.activeElement;
    const typing = active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.tagName === 'SELECT' || active.isContentEditable);
    if (typing) {
      return;
    }
    const box = document.getElementById('q-main') || document.getElementById('q');
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // The matrix sends sub-techniques on demand: a cell's list is fetched the first time it is opened.
  const matrix = document.querySelector('.matrix[data-q]');
  for (const details of document.querySelectorAll('.matrix details[data-t]')) {
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) {
        return;
      }
      details.dataset.loaded = 'yes';
      const column = details.closest('[data-tactic]');
      const url = '/api/attack/sub-techniques?id=' + encodeURIComponent(details.dataset.t)
        + '&tactic=' + encodeURIComponent(column ? column.dataset.tactic : '') + '&q=' + encodeURIComponent(matrix ? matrix.dataset.q : '');
      const list = document.createElement('ul');
      list.className = 'plain subs';
      details.append(list);
      try {
        const response = await fetch(url);
        if (!response.ok) {
          return;
        }
        const subs = await response.json();
        list.replaceChildren(...subs.map((sub) => {
          const item = document.createElement('li');
          item.className = 'shade-' + sub.shade + (sub.declaredOnly ? ' declared' : '');
          const row = document.createElement('span');
          row.className = 'cell-row';
          const link = document.createElement('a');
          link.href = '/techniques/' + encodeURIComponent(sub.id);
          link.textContent = sub.name;
          const count = document.createElement('span');
          count.className = 'cell-count';
          count.textContent = sub.rules;
          row.append(link, count);
          item.append(row);
          return item;
        }));
      } catch (e) {
        // The technique page lists them too; the link in the list stays.
      }
    });
  }

  // Suggestions for the header search box: techniques, fields and rule titles from /api/suggest.
  const box = document.getElementById('q');
  const list = document.getElementById('suggestions');
  let timer = null;
  if (box && list) {
    box.addEventListener('input', () => {
      clearTimeout(timer);
      const text = box.value.trim();
      if (text.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(async () => {
        try {
          const response = await fetch('/api/suggest?q=' + encodeURIComponent(text));
          if (!response.ok) {
            return;
          }
          const data = await response.json();
          const options = [];
          for (const t of data.techniques) options.push([t.id, t.id + ' ' + t.name]);
          for (const f of data.fields) options.push([f + '=', 'field ' + f]);
          for (const r of data.rules) options.push([r.title, 'rule']);
          list.replaceChildren(...options.map(([value, label]) => {
            const option = document.createElement('option');
            option.value = value;
            option.label = label;
            return option;
          }));
        } catch (e) {
          // Suggestions are a convenience; the search itself still works.
        }
      }, 150);
    });
  }
});

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

// A conversion answer of /api/rules/{id}/convert, drawn as the page draws one (fragments/conversion.html).
function renderConversion(box, name, answer, api) {
  box.replaceChildren(element('p', 'muted', 'Fields: ' + (answer.pipeline || '')));
  const unsupported = answer.unsupported || [];
  if (unsupported.length === 0 && answer.queries && answer.queries.length) {
    const query = answer.queries[0];
    const pre = element('pre', 'code converted');
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', name + ' query');
    pre.append(element('code', null, query));
    const copy = element('button', 'copy', 'Copy query');
    copy.type = 'button';
    copy.dataset.copyText = query;
    const json = element('a', 'muted', 'as JSON');
    json.href = api;
    const actions = element('p');
    actions.append(copy, ' ', json);
    box.append(pre, actions);
  } else {
    const notice = element('div', 'notice');
    notice.setAttribute('role', 'note');
    notice.append(element('p', null, (unsupported.length ? name + ' cannot express this rule as written:' : answer.error || 'No query.')));
    const list = element('ul');
    unsupported.forEach((u) => list.append(element('li', null, u)));
    notice.append(list);
    box.append(notice);
  }
  const mappings = answer.mappings || [];
  if (mappings.length) {
    const details = element('details', 'mappings');
    details.append(element('summary', null, mappings.length === 1 ? '1 field renamed' : mappings.length + ' fields renamed'));
    const table = element('table');
    const head = element('thead');
    const headRow = element('tr');
    ['In the rule', 'In this data'].forEach((h) => { const th = element('th', null, h); th.scope = 'col'; headRow.append(th); });
    head.append(headRow);
    const body = element('tbody');
    mappings.forEach((m) => {
      const row = element('tr');
      [m.from, m.to].forEach((v) => { const td = element('td'); td.append(element('code', null, v)); row.append(td); });
      body.append(row);
    });
    table.append(head, body);
    details.append(table);
    box.append(details);
  }
}
