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
});
