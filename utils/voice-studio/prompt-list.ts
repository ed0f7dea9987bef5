// The sentences a speaker reads in the voice studio, written for this project. Short (one breath), each a
// different mix of sounds: stops, fricatives, nasals, glides, clusters and vowels across the English inventory,
// questions and exclamations for intonation. Keyed by language so more sets can be added beside English; a
// prompt's id is stable so a take stays tied to its sentence when the list grows.

export interface Prompt {
  id: string;
  text: string;
}

export interface PromptSet {
  /** BCP 47 language tag. */
  lang: string;
  label: string;
  prompts: readonly Prompt[];
}

const ENGLISH = [
  'The quick fox jumped over a sleepy brown dog.',
  'Please bring the blue bowl to the kitchen table.',
  'Why would anyone wash a wool sweater in hot water?',
  'She sells fresh fish at the shore every Thursday.',
  'My grandmother grew giant yellow pumpkins.',
  'The church bells chimed twelve times at noon.',
  'A thick fog rolled over the harbour this morning.',
  'Judge the measure of a person by their deeds.',
  'Vivid violets bloom beside the village well.',
  'Could you pour me a cup of cool orange juice?',
  'The cat curled up in a patch of warm sunlight.',
  'Zebras graze on the dry grass of the plains.',
  'He whispered the secret through the open window.',
  'Our neighbour owns a noisy old motorcycle.',
  'Lightning struck the tall pine behind the barn.',
  'Thank you for the thoughtful birthday present.',
  'Cheap shoes rarely last through a wet winter.',
  'The young boy enjoyed his toy train all day.',
  'Measure twice, then cut the plank once.',
  'How much honey does a hive make in a year?',
  'The pilot checked the gauges before take-off.',
  'Fresh bread smells wonderful early in the day.',
  'Quiet streams flow gently through the valley.',
  'A large crowd gathered to watch the parade.',
  'Seven silver spoons sat in the drawer.',
  'Would you rather hike a mountain or swim in a lake?',
  'The jazz band played until the lights went out.',
  'Be sure to water the tomato plants tonight.',
  'Her laughter echoed down the empty hallway.',
  'A sharp chill crept in after the sun set.',
  'The museum displays ancient coins and jewels.',
  'Please spell your name slowly and clearly.',
  'The puppy chewed through the garden hose.',
  'Thunder rumbled far away over the hills.',
  'I usually read the news with my breakfast.',
  'Our train leaves the station at half past nine.',
  'What a beautiful view from the top of the tower!',
  'The wise owl hooted softly in the dark.',
  'Mix the flour, sugar and butter in a bowl.',
  'Few people have heard of that tiny island.',
  'The children splashed in the shallow pool.',
  'Every spring the geese fly back north.',
  'Choose a book and curl up by the fire.',
  'The mechanic fixed the squeaky brakes quickly.',
  'Is this the right road to the old lighthouse?',
  'A gust of wind scattered the paper napkins.',
  'Strawberries taste sweetest in early June.',
  'The judge asked the witness to speak up.',
  'Watch out for the slippery steps ahead!',
  'The orchestra tuned their instruments at length.',
  'My brother built a shed out of spare boards.',
  'Thin clouds drifted across the pale moon.',
  'The scientist measured the growth of each seedling.',
  'Keep the receipt in case the shirt does not fit.',
  'Frogs croaked loudly in the marsh all night.',
  'Twelve ducks waddled across the muddy path.',
  'The voice on the radio sounded calm and warm.',
  'Did you remember to lock the back door?',
  'The shepherd led his flock down to the river.',
  'A rusty bicycle leaned against the fence.',
  'Hot soup is just the thing on a cold evening.',
  'The treasure map showed an X near the cave.',
  'Exactly six boxes were shipped on Tuesday.',
  'Joy spread through the crowd when the team won.',
  'Gentle music played softly in the hotel lobby.',
];

export const PROMPT_SETS: Readonly<Record<string, PromptSet>> = {
  en: {
    lang: 'en',
    label: 'English',
    prompts: ENGLISH.map((text, i) => ({ id: `en-${String(i + 1).padStart(3, '0')}`, text })),
  },
};

export const DEFAULT_PROMPT_LANG = 'en';

/** The prompt set for a language tag (its primary subtag), English when there is none for it. */
export function promptSetFor(lang: string): PromptSet {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  return PROMPT_SETS[primary] ?? (PROMPT_SETS[DEFAULT_PROMPT_LANG] as PromptSet);
}
