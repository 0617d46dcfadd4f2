// Rulescope page behaviour. Kept in a file (no inline script) so the Content-Security-Policy can forbid inline code.
document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('button[data-copy-path]')) {
    button.addEventListener('click', async () => {
      const url = new URL(button.dataset.copyPath, window.location.origin).toString();
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = 'Copied';
      } catch (e) {
        window.prompt('Copy this permalink:', url);
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
});
