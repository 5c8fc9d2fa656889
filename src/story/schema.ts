import { z } from 'zod';

// No `new Function`: the app runs under a Content-Security-Policy without 'unsafe-eval'.
z.config({ jitless: true });

/**
 * Case-study stories are data, not code: a JSON file validated by this schema. A scene sets the
 * year (or a range to play), the camera, layers, filters, lag-analysis parameters, highlights and
 * a caption whose `{placeholders}` are filled from the built data when the scene is shown.
 */

/** Names a caption may use in `{braces}`; each is computed from the data for the scene's year. */
export const CAPTION_FACTS = [
  'year',
  'mission',
  'country',
  'fatalities',
  'fatalities_state',
  'fatalities_nonstate',
  'fatalities_host',
  'fatalities_low',
  'fatalities_high',
  'violent_cells',
  'troops',
  'bases',
  'new_bases',
  'strengthened_bases',
  'reduced_bases',
  'closed_bases',
  'coverage_pct',
  'flagged_cells',
  'episodes',
  'flagged_episodes',
  'response_rate_pct',
  'top_cell_fatalities',
  'top_cell_place',
  'lag_windows',
] as const;
export type CaptionFact = (typeof CAPTION_FACTS)[number];

const year = z.number().int().min(1989).max(2100);
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

const cameraSchema = z.union([
  z.object({ center: z.tuple([lon, lat]), zoom: z.number().min(0).max(16) }).strict(),
  z
    .object({ fit: z.enum(['mission', 'highlights']), padding: z.number().min(0).optional() })
    .strict(),
]);

const layersSchema = z
  .object({
    violence: z.boolean(),
    bases: z.boolean(),
    flags: z.boolean(),
    changes: z.boolean(),
    labels: z.boolean(),
    // Off by default in a scene (new-hotspot marks) / on by default ("no violence data" areas).
    hotspots: z.boolean(),
    noData: z.boolean(),
  })
  .partial()
  .strict();

const lagSchema = z
  .object({
    theta: z.number().min(1).max(100_000),
    reach: z.number().int().min(0).max(3),
    window: z.number().int().min(0).max(10),
    delta: z.number().min(1).max(100_000),
    // The rest of the state's lag parameters (a scene captured in the app keeps them all).
    precision: z.number().int().min(5).max(7),
    initialDeployment: z.boolean(),
    reachKm: z.number().min(10).max(200).nullable(),
  })
  .partial()
  .strict();

const placeholder = /\{([a-z_]+)\}/g;

const captionSchema = z
  .string()
  .min(1)
  .max(600)
  .superRefine((text, ctx) => {
    for (const m of text.matchAll(placeholder)) {
      if (!(CAPTION_FACTS as readonly string[]).includes(m[1]!)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${m[1]}}; known: ${CAPTION_FACTS.join(', ')}`,
        });
      }
    }
  });

/** One scene of a story. */
export const sceneSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'),
    title: z.string().min(1).max(80),
    year: z.union([
      year,
      z
        .object({ from: year, to: year })
        .strict()
        .refine((r) => r.from <= r.to, 'from must not be after to'),
    ]),
    camera: cameraSchema,
    layers: layersSchema.optional(),
    perpetrator: z.enum(['all', 'state', 'host', 'foreign', 'nonstate']).optional(),
    lag: lagSchema.optional(),
    highlight: z
      .object({
        bases: z.array(z.string().min(1)).optional(),
        cells: z.array(z.number().int().min(1).max(259_200)).optional(),
      })
      .strict()
      .optional(),
    /** What the details panel shows (a scene captured in the app keeps the selection). */
    selection: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('cell'), gid: z.number().int().min(1).max(259_200) }).strict(),
        z.object({ kind: z.literal('base'), id: z.string().min(1).max(200) }).strict(),
      ])
      .optional(),
    caption: captionSchema,
    /**
     * Presenter notes: what the trainer wants to say or ask at this scene. Shown only in the
     * notes window (`?story=…&notes=1`), never on the shared screen or in exports. Plain text.
     */
    notes: z.string().max(2000).optional(),
    /**
     * The mission this scene shows, when it is not the story's (a story across several missions,
     * e.g. the UN in the Central African Republic before MINUSCA). Its bases, years and caption
     * facts are then this mission's.
     */
    mission: z.string().min(1).optional(),
  })
  .strict();

/** A whole story. */
export const storySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1).max(120),
    mission: z.string().min(1),
    summary: z.string().min(1).max(600),
    sources: z.array(z.string().min(1)).min(1),
    scenes: z.array(sceneSchema).min(1).max(30),
  })
  .strict()
  .superRefine((story, ctx) => {
    const seen = new Set<string>();
    story.scenes.forEach((scene, i) => {
      if (seen.has(scene.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scenes', i, 'id'],
          message: `duplicate scene id "${scene.id}"`,
        });
      }
      seen.add(scene.id);
    });
  });

export type Story = z.infer<typeof storySchema>;
export type Scene = z.infer<typeof sceneSchema>;

/** A story that failed validation; `problems` name the scene and field of each issue. */
export class StoryValidationError extends Error {
  constructor(
    readonly storyId: string,
    readonly problems: string[],
  ) {
    super(`story "${storyId}" is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'StoryValidationError';
  }
}

function describePath(path: readonly PropertyKey[], raw: unknown): string {
  if (path[0] === 'scenes' && typeof path[1] === 'number') {
    const scenes = (raw as { scenes?: unknown[] } | null)?.scenes;
    const scene = Array.isArray(scenes)
      ? (scenes[path[1]] as { id?: unknown } | undefined)
      : undefined;
    const id = typeof scene?.id === 'string' ? ` "${scene.id}"` : '';
    const field = path.slice(2).map(String).join('.') || '(scene)';
    return `scene ${path[1] + 1}${id}, field ${field}`;
  }
  return `field ${path.map(String).join('.') || '(story)'}`;
}

/**
 * Validates an unknown value (a parsed story file) and returns the typed story; throws a
 * {@link StoryValidationError} whose problems name the scene number, scene id and field.
 */
export function parseStory(raw: unknown): Story {
  const result = storySchema.safeParse(raw);
  if (result.success) return result.data;
  const id =
    typeof (raw as { id?: unknown } | null)?.id === 'string'
      ? (raw as { id: string }).id
      : '(no id)';
  throw new StoryValidationError(
    id,
    result.error.issues.map((issue) => `${describePath(issue.path, raw)}: ${issue.message}`),
  );
}

/** The mission a scene shows: its own, else the story's. */
export function sceneMission(story: Pick<Story, 'mission'>, scene: Scene): string {
  return scene.mission ?? story.mission;
}

/** The missions a story's scenes show, each once, in scene order. */
export function storyMissions(story: Pick<Story, 'mission' | 'scenes'>): string[] {
  return [...new Set(story.scenes.map((scene) => sceneMission(story, scene)))];
}

/** First and last year a scene shows. */
export function sceneYears(scene: Scene): { from: number; to: number } {
  return typeof scene.year === 'number' ? { from: scene.year, to: scene.year } : scene.year;
}
