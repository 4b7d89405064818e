/** Saves text as a file through the browser's download, as if a link to it were clicked. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started from the URL by then; let it go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
