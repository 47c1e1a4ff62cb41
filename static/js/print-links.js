// Printed links show where they lead: give each relative link in the article text its
// absolute address, which print.css writes after it. (A file, not inline: the CSP
// allows scripts from this site only.)
document.querySelectorAll('.body a[href^="/"], .author-note a[href^="/"]').forEach((link) => {
  link.dataset.printHref = link.href;
});
