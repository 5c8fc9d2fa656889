/**
 * Fullscreen with a graceful fallback: where the Fullscreen API is missing or refused (no user
 * gesture, an iframe without permission, a kiosk browser), the presenter still fills the window.
 */

/** Whether the page is in fullscreen now. */
export function isFullscreen(): boolean {
  return typeof document !== 'undefined' && document.fullscreenElement != null;
}

/** Asks for fullscreen on `el`; resolves to false (never throws) when it is not granted. */
export async function enterFullscreen(
  el: HTMLElement = document.documentElement,
): Promise<boolean> {
  if (typeof el.requestFullscreen !== 'function') return false;
  try {
    await el.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

/** Leaves fullscreen if the page is in it; never throws. */
export async function exitFullscreen(): Promise<void> {
  if (!isFullscreen() || typeof document.exitFullscreen !== 'function') return;
  try {
    await document.exitFullscreen();
  } catch {
    // already left (e.g. the user pressed Esc, which the browser handles itself)
  }
}
