// Applies the reader's chosen theme before the page paints, so a dark page never flashes light. A file, not inline
// script: the Content-Security-Policy forbids inline code. Without a choice, the CSS follows prefers-color-scheme.
(function () {
  try {
    var chosen = localStorage.getItem('rulescope-theme');
    if (chosen === 'dark' || chosen === 'light') {
      document.documentElement.setAttribute('data-theme', chosen);
    }
  } catch (e) {
    // Storage refused (private mode): the system setting decides.
  }
})();
