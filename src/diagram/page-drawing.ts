import { drawDiagram, drawnDiagram, pagePalette, type Palette } from './draw';
import { diagramModel, type DiagramAttempt, type DiagramModel } from './model';
import { diagramOutline } from './outline';
import type { AccountSnapshot } from './snapshot';

/**
 * What the diagram's island loads when a diagram is first shown (the SDK and the sandbox come with it): reading the
 * account, and drawing it. The island itself stays small.
 */
export { readLiveAccount, readSandboxAccount } from './browser-source';
export { diagramOutline };
export { diagramCounts, diagramHeading, exerciseSummary } from './draw';

/** The model and the drawing the page shows, in the page's own colours (they follow the theme toggle), and its width. */
export function pageDiagram(
  snapshot: AccountSnapshot,
  attempts: readonly DiagramAttempt[],
  options: { stacked: boolean; idPrefix: string },
): { model: DiagramModel; svg: string; width: number } {
  const started = performance.now();
  const model = diagramModel(snapshot, attempts);
  const { svg, width } = drawnDiagram(model, { palette: pagePalette, ...options });
  performance.measure('account diagram: model and drawing', { start: started });
  return { model, svg, width };
}

/** The page's theme as plain colours, for a file: the custom properties the SVG uses, resolved. */
function resolvedPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string) => style.getPropertyValue(name).trim();
  return {
    bg: get('--bg'),
    raised: get('--bg-raised'),
    fg: get('--fg'),
    muted: get('--fg-muted'),
    border: get('--border'),
    accent: get('--accent'),
    ok: get('--ok'),
    bad: get('--bad'),
    warn: get('--warn'),
  };
}

/** The drawing as an SVG file in the theme the page shows. */
export function svgFile(model: DiagramModel, stacked: boolean): Blob {
  return new Blob([drawDiagram(model, { palette: resolvedPalette(), stacked })], { type: 'image/svg+xml' });
}

/** Browsers refuse canvases much past 16,384 px a side (and 268 M pixels in all); a big account is drawn smaller. */
const maxCanvasSide = 16_000;

/** The drawing as a PNG file, at twice its size where the browser allows, in the theme the page shows. */
export async function pngFile(model: DiagramModel, stacked: boolean): Promise<Blob> {
  const { svg, width, height } = drawnDiagram(model, { palette: resolvedPalette(), stacked });
  const scale = Math.min(2, maxCanvasSide / width, maxCanvasSide / height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the picture.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
