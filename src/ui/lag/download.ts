/**
 * Saves text or bytes as a file from the browser without any network request: a Blob, an object
 * URL and a temporary `<a download>` click. The gap list, the coverage table and the Download
 * menu all save through it.
 */

/**
 * Triggers the download of `content` as `fileName` (revokes the object URL afterwards). Text is
 * saved as UTF-8 (`type;charset=utf-8`), bytes as they are.
 */
export function downloadText(
  fileName: string,
  content: string | Uint8Array,
  type = 'text/csv',
): void {
  const blob =
    typeof content === 'string'
      ? new Blob([content], { type: `${type};charset=utf-8` })
      : new Blob([content as Uint8Array<ArrayBuffer>], { type });
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
