/**
 * Animation benchmark against the production build in headless Chromium (software rendering,
 * SwiftShader): plays every MINUSCA year (2014 → last) at 1 s per year from the Play button and
 * records every animation frame while it plays.
 *
 * - frame_median_ms / frame_p95_ms / frame_max_ms (with its index, and frames_over_50ms):
 *   intervals between consecutive requestAnimationFrame callbacks while playing (what a viewer
 *   sees as smoothness); target median < 33 ms (30 fps) under software rendering;
 * - deck_frames: frames deck.gl drew during the play-through (each tween step redraws);
 * - years_shown: distinct years the big year label showed (all of MINUSCA's years expected);
 * - play_ms vs expected_play_ms: wall time of the play-through against years × speed;
 * - long_tasks: main-thread tasks over 50 ms during the play-through.
 *
 * Runs alone with `npx tsx bench/animation.bench.ts`; `npm run bench` runs every bench.
 */
import {
  openApp,
  PLAY_SCRIPT,
  quantile,
  round1,
  runIfMain,
  SOFTWARE_RENDERER,
  withApp,
  type PlayResult,
} from './browser';

const SECONDS_PER_YEAR = 1;

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<Record<string, number | string>> {
  return withApp(async (app, browser) => {
    const out: Record<string, number | string> = {};
    out.data = app.data.reason;
    out.renderer = SOFTWARE_RENDERER;
    // Let the fit-to-mission camera animation finish before playing.
    const rp = await openApp(app, browser, 'MINUSCA:2014:', 1500);
    await rp.page.selectOption('[data-testid=speed]', String(SECONDS_PER_YEAR));
    const r = (await rp.page.evaluate(PLAY_SCRIPT)) as PlayResult;
    await rp.close();
    const intervals = r.times.slice(1).map((t, i) => t - r.times[i]!);
    out.speed_s_per_year = SECONDS_PER_YEAR;
    out.years_shown = r.years.length;
    out.first_year_shown = r.years[0] ?? '';
    out.last_year_shown = r.years[r.years.length - 1] ?? '';
    out.frames = intervals.length;
    out.frame_median_ms = round1(quantile(intervals, 0.5));
    out.frame_p95_ms = round1(quantile(intervals, 0.95));
    out.frame_max_ms = round1(Math.max(...intervals));
    out.frame_max_index = intervals.indexOf(Math.max(...intervals));
    out.frames_over_50ms = intervals.filter((d) => d > 50).length;
    out.frame_median_target_ms = 33;
    out.deck_frames = r.deckFrames;
    out.play_ms = Math.round(r.playMs);
    out.expected_play_ms = (r.years.length - 1) * SECONDS_PER_YEAR * 1000;
    out.long_tasks = r.longTasks;
    return out;
  });
}

runIfMain(import.meta.url, run);
