// Rulescope page behaviour. Kept in a file (no inline script) so the Content-Security-Policy can forbid inline code.
document.addEventListener('DOMContentLoaded', () => {
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
