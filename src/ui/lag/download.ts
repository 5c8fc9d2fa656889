/**
 * Saves text as a file from the browser without any network request: a Blob, an object URL and
 * a temporary `<a download>` click.
 */

/** Triggers the download of `text` as `fileName` (revokes the object URL afterwards). */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const blob = new Blob([text], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
