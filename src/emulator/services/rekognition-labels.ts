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

const label = (
  name: string,
  confidence: number,
  parents: string[] = [],
  categories: string[] = [],
): SimulatedLabel => ({ name, confidence, parents, categories });

/** Hand-written labels for the course's sample photos, by SHA-256 of the file. */
export const sampleLabels: Record<string, SimulatedLabel[]> = {
  // chelsea.jpg
  cfa1b1b85d32586a1e1ad0b99450f7ca869a60c81e3542596035722c3da345b9: [
    label('Cat', 99.62, ['Animal', 'Mammal', 'Pet'], ['Animals and Pets']),
    label('Pet', 99.62, ['Animal'], ['Animals and Pets']),
    label('Animal', 99.62, [], ['Animals and Pets']),
    label('Mammal', 99.62, ['Animal'], ['Animals and Pets']),
    label('Abyssinian', 71.3, ['Animal', 'Cat', 'Mammal', 'Pet'], ['Animals and Pets']),
    label('Kitten', 58.41, ['Animal', 'Cat', 'Mammal', 'Pet'], ['Animals and Pets']),
  ],
  // coffee.jpg
  '71e28ee969f484e76a1837febae8215adea3751a8b44483526e9963a15b14ca5': [
    label('Cup', 99.87, [], ['Kitchen and Dining']),
    label('Coffee Cup', 98.91, ['Cup'], ['Kitchen and Dining']),
    label('Beverage', 97.45, [], ['Food and Beverage']),
    label('Espresso', 96.02, ['Beverage', 'Coffee'], ['Food and Beverage']),
    label('Saucer', 94.38, ['Pottery'], ['Kitchen and Dining']),
    label('Spoon', 88.17, ['Cutlery'], ['Kitchen and Dining']),
    label('Wood', 74.6, [], ['Materials']),
  ],
  // astronaut.jpg
  '47cfea4ea8a78d3a9123448105c939bc014b6229bb99a5d46bf30274d10d5571': [
    label('Person', 99.71, [], ['Person Description']),
    label('Adult', 99.1, ['Person'], ['Person Description']),
    label('Astronaut', 97.84, ['Person'], ['Occupations and Roles']),
    label('Flag', 93.2, [], ['Symbols and Flags']),
    label('Helmet', 91.56, ['Clothing'], ['Apparel and Accessories']),
    label('Smile', 88.03, ['Face', 'Head', 'Person'], ['Expressions and Emotions']),
    label('Space Shuttle', 64.9, ['Aircraft', 'Spaceship', 'Transportation', 'Vehicle'], ['Vehicles and Automotive']),
  ],
  // rocket.jpg
  b828d9f39548a83b91f43b0d955250892484aea25823e65b7d144606d78646d0: [
    label('Rocket', 98.9, ['Weapon'], ['Vehicles and Automotive']),
    label('Launch', 96.7, ['Rocket'], ['Vehicles and Automotive']),
    label('Night', 95.12, ['Outdoors'], ['Nature and Outdoors']),
    label('Tower', 90.48, ['Architecture', 'Building'], ['Buildings and Architecture']),
    label('Sky', 89.33, ['Outdoors'], ['Nature and Outdoors']),
    label('Light', 77.05, [], ['Colors and Visual Composition']),
  ],
};

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
    const confidence = Math.round((99.9 - (chosen.length * 7 + ((bytes[i + 1] ?? 0) % 7))) * 1e4) / 1e4;
    chosen.push({ ...candidate, confidence });
  }
  return chosen;
}
