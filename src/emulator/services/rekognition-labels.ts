/**
 * The sandbox's labels. Real Rekognition looks at the picture; the sandbox cannot, so its labels are simulated:
 * the sample photos in `public/sample-photos/` have hand-written labels (keyed by the SHA-256 of their bytes) and
 * any other image gets labels chosen from its hash, the same every time for the same bytes.
 */
export interface SimulatedLabel {
  name: string;
  confidence: number;
  parents: string[];
  categories: string[];
}

const label = (name: string, confidence: number, parents: string[] = [], categories: string[] = []): SimulatedLabel => ({ name, confidence, parents, categories });

/** Hand-written labels for the course's sample photos, by SHA-256 of the file. */
export const sampleLabels: Record<string, SimulatedLabel[]> = {};

/** The pool derived labels come from: ordinary things a learner might photograph. */
const pool: readonly SimulatedLabel[] = [
  label('Outdoors', 0, [], ['Nature and Outdoors']),
  label('Nature', 0, [], ['Nature and Outdoors']),
  label('Plant', 0, [], ['Plants and Flowers']),
  label('Tree', 0, ['Plant'], ['Plants and Flowers']),
  label('Sky', 0, ['Outdoors'], ['Nature and Outdoors']),
  label('Building', 0, ['Architecture'], ['Buildings and Architecture']),
  label('Architecture', 0, [], ['Buildings and Architecture']),
  label('Person', 0, [], ['Person Description']),
  label('Animal', 0, [], ['Animals and Pets']),
  label('Pet', 0, ['Animal'], ['Animals and Pets']),
  label('Food', 0, [], ['Food and Beverage']),
  label('Vehicle', 0, ['Transportation'], ['Vehicles and Automotive']),
  label('Transportation', 0, [], ['Vehicles and Automotive']),
  label('Indoors', 0, [], ['Home and Indoors']),
  label('Furniture', 0, [], ['Furniture and Furnishings']),
  label('Text', 0, [], ['Text and Documents']),
  label('Art', 0, [], ['Hobbies and Interests']),
  label('Water', 0, ['Outdoors'], ['Nature and Outdoors']),
];

/** Three to six labels chosen by the image's hash, with confidences between 60 and 99.9. */
export function derivedLabels(sha256: string): SimulatedLabel[] {
  const bytes = sha256.match(/../g)!.map((pair) => parseInt(pair, 16));
  const count = 3 + (bytes[0]! % 4);
  const chosen: SimulatedLabel[] = [];
  for (let i = 1; chosen.length < count && i < bytes.length; i++) {
    const candidate = pool[bytes[i]! % pool.length]!;
    if (chosen.some((c) => c.name === candidate.name)) continue;
    const confidence = Math.round((99.9 - (chosen.length * 7 + (bytes[i + 1] ?? 0) % 7)) * 1e4) / 1e4;
    chosen.push({ ...candidate, confidence });
  }
  return chosen;
}
