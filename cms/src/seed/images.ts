// Demo pictures made with sharp: abstract shapes in a hue (no text baked in), so the
// demo needs no image files and no licences.
import sharp from 'sharp';

export const motifs = ['circles', 'waves', 'leaves', 'sun'] as const;
export type Motif = (typeof motifs)[number];

const hsl = (hue: number, saturation: number, lightness: number) => `hsl(${Math.round(hue) % 360}, ${saturation}%, ${lightness}%)`;

function shapes(motif: Motif, hue: number, width: number, height: number): string {
  const accent = hsl(hue + 35, 70, 55);
  const deep = hsl(hue, 60, 35);
  switch (motif) {
    case 'circles':
      return [0, 1, 2, 3, 4]
        .map((i) => `<circle cx="${(i * 0.22 + 0.08) * width}" cy="${height * (0.3 + (i % 2) * 0.35)}" r="${height * (0.12 + i * 0.03)}" fill="${i % 2 ? accent : deep}" fill-opacity="0.8"/>`)
        .join('');
    case 'waves':
      return [0, 1, 2]
        .map((i) => {
          const y = height * (0.45 + i * 0.18);
          return `<path d="M0 ${y} Q ${width * 0.25} ${y - height * 0.2} ${width * 0.5} ${y} T ${width} ${y} V ${height} H 0 Z" fill="${i % 2 ? accent : deep}" fill-opacity="${0.5 + i * 0.2}"/>`;
        })
        .join('');
    case 'leaves':
      return [0, 1, 2, 3]
        .map((i) => `<ellipse cx="${width * (0.2 + i * 0.2)}" cy="${height * 0.55}" rx="${width * 0.07}" ry="${height * 0.32}" transform="rotate(${-30 + i * 20} ${width * (0.2 + i * 0.2)} ${height * 0.55})" fill="${i % 2 ? accent : deep}"/>`)
        .join('');
    case 'sun':
      return `<circle cx="${width * 0.5}" cy="${height * 0.62}" r="${height * 0.3}" fill="${accent}"/><rect y="${height * 0.75}" width="${width}" height="${height * 0.25}" fill="${deep}"/>`;
  }
}

/** A 1200×675 JPEG of the motif. */
export async function demoImage(hue: number, motif: Motif): Promise<Buffer> {
  const width = 1200;
  const height = 675;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${hsl(hue, 55, 88)}"/>${shapes(motif, hue, width, height)}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}
