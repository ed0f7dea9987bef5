// Reading and display: how the reading is followed on the page (highlight, colours, on-page player, paragraph
// buttons, auto-scroll) and what of a page is read (headline, bylines, tables, image descriptions, code). Every
// change is checked by the settings schema and stored at once; the result is announced in the section's status line.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_HIGHLIGHT_COLORS } from '../../utils/highlight/highlight-colors';
import type { HighlightGranularity } from '../../utils/highlight/page-highlighter';
import type { CodeBlocks } from '../../utils/settings/reading-fields';
import type { Settings } from '../../utils/settings/settings-schema';
import { HighlightColorWarning, highlightColorWarningId } from './HighlightColorWarning';
import { describedBy, FieldError } from './NumberSetting';
import { GRANULARITY_OPTIONS, readableTextColor, toColorInputValue } from './reading-fields';
import { StatusLine } from './StatusLine';
import { useSettingSave } from './use-setting-save';

type ColorField = 'highlightSentenceColor' | 'highlightWordColor';
type ToggleField =
  | 'showMiniPlayer'
  | 'paragraphPlayButtons'
  | 'autoScroll'
  | 'readHeadline'
  | 'readBylines'
  | 'readTables'
  | 'readImageAlt';

const COLOR_FIELDS: { field: ColorField; id: string; label: string; hint: string }[] = [
  {
    field: 'highlightSentenceColor',
    id: 'reading-sentence-color',
    label: 'Sentence highlight colour',
    hint: 'Behind the sentence being read.',
  },
  {
    field: 'highlightWordColor',
    id: 'reading-word-color',
    label: 'Word highlight colour',
    hint: 'Behind the word being heard, when words are highlighted.',
  },
];

const TOGGLES: { field: ToggleField; id: string; label: string; hint: string }[] = [
  {
    field: 'showMiniPlayer',
    id: 'reading-mini-player',
    label: 'Show the on-page player while reading',
    hint: 'Reading controls on the page itself, which you can move.',
  },
  {
    field: 'paragraphPlayButtons',
    id: 'reading-paragraph-buttons',
    label: 'Show a play button beside paragraphs',
    hint: 'Once a page has been read, pointing at a paragraph shows a button that reads from there.',
  },
  {
    field: 'autoScroll',
    id: 'reading-auto-scroll',
    label: 'Scroll to keep the sentence being read in view',
    hint: 'After you scroll yourself, it waits a few seconds before following again.',
  },
  {
    field: 'readHeadline',
    id: 'reading-headline',
    label: 'Read the headline first',
    hint: "The article's title, then a paragraph pause, before the article.",
  },
  {
    field: 'readBylines',
    id: 'reading-bylines',
    label: 'Read bylines and dates',
    hint: '"By …", "Published …" lines of an article.',
  },
  {
    field: 'readTables',
    id: 'reading-tables',
    label: 'Read tables row by row',
    hint: 'Each row with its column headers ("Row 2: Name, Ada; Year, 1843"). Off: a table is announced and skipped.',
  },
  {
    field: 'readImageAlt',
    id: 'reading-image-alt',
    label: 'Read image descriptions',
    hint: 'An image\'s description ("Image: …") where it stands in the article. Figure captions are always read.',
  },
];

const CODE_BLOCK_OPTIONS: { value: CodeBlocks; label: string }[] = [
  { value: 'announce', label: 'Say "Code, 12 lines" and skip it' },
  { value: 'lines', label: 'Read it line by line' },
];

/** #rrggbb for the colour input: hex and rgb() directly, other CSS colours through the browser's own parser. */
function colorInputValue(css: string, fallback: string): string {
  const direct = toColorInputValue(css);
  if (direct) return direct;
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#000000';
    ctx.fillStyle = css;
    const resolved = toColorInputValue(String(ctx.fillStyle));
    if (resolved) return resolved;
  }
  return fallback;
}

export function ReadingDisplaySection({ settings }: { settings: Settings }) {
  const { status, errors, save } = useSettingSave();
  // Colours follow the picker while it moves (preview only); they are stored when the choice is committed.
  const [colors, setColors] = useState<Record<ColorField, string>>({
    highlightSentenceColor: colorInputValue(settings.highlightSentenceColor, DEFAULT_HIGHLIGHT_COLORS.sentence),
    highlightWordColor: colorInputValue(settings.highlightWordColor, DEFAULT_HIGHLIGHT_COLORS.word),
  });
  useEffect(() => {
    setColors({
      highlightSentenceColor: colorInputValue(settings.highlightSentenceColor, DEFAULT_HIGHLIGHT_COLORS.sentence),
      highlightWordColor: colorInputValue(settings.highlightWordColor, DEFAULT_HIGHLIGHT_COLORS.word),
    });
  }, [settings.highlightSentenceColor, settings.highlightWordColor]);

  const granularity = settings.highlightGranularity;
  const sentenceColor = colors.highlightSentenceColor;
  const wordColor = colors.highlightWordColor;
  const sentenceStyle =
    granularity === 'off' ? undefined : { backgroundColor: sentenceColor, color: readableTextColor(sentenceColor) };
  const wordStyle =
    granularity === 'word' ? { backgroundColor: wordColor, color: readableTextColor(wordColor) } : undefined;
  const previewCaption: Record<HighlightGranularity, string> = {
    sentence: 'Preview: the sentence being read is highlighted.',
    word: 'Preview: the sentence being read and the word being heard are highlighted.',
    off: 'Preview: nothing is highlighted while reading.',
  };

  return (
    <section aria-labelledby="reading-display-title" id="reading-display" data-testid="reading-display">
      <h2 id="reading-display-title">Reading and display</h2>
      <p class="hint">
        Changes are saved as soon as you make them. Number fields are saved when you press Enter or leave the field.
      </p>

      <h3>Following along on the page</h3>
      <fieldset>
        <legend>Highlight while reading</legend>
        {GRANULARITY_OPTIONS.map((o) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              id={`reading-highlight-${o.value}`}
              name="reading-highlight"
              value={o.value}
              checked={granularity === o.value}
              onChange={() =>
                void save(
                  { highlightGranularity: o.value },
                  'highlightGranularity',
                  `highlight ${o.label.toLowerCase()}`,
                )
              }
            />{' '}
            {o.label}
          </label>
        ))}
        <FieldError id="reading-highlight-error" text={errors.highlightGranularity} />
      </fieldset>

      <div class="grid">
        {COLOR_FIELDS.map((c) => (
          <div class="field" key={c.field}>
            <label for={c.id}>{c.label}</label>
            <span class="color-row">
              <input
                id={c.id}
                type="color"
                value={colors[c.field]}
                aria-describedby={describedBy(
                  `${c.id}-hint`,
                  highlightColorWarningId(c.id, colors[c.field]),
                  errors[c.field] && `${c.id}-error`,
                )}
                aria-invalid={errors[c.field] ? 'true' : undefined}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setColors((old) => ({ ...old, [c.field]: value }));
                }}
                onChange={(e) =>
                  void save(
                    { [c.field]: e.currentTarget.value },
                    c.field,
                    `${c.label.toLowerCase()} ${e.currentTarget.value}`,
                  )
                }
              />
              <span class="color-value" data-testid={`${c.id}-value`}>
                {colors[c.field]}
              </span>
            </span>
            <p id={`${c.id}-hint`} class="hint">
              {c.hint}
            </p>
            <HighlightColorWarning inputId={c.id} color={colors[c.field]} />
            <FieldError id={`${c.id}-error`} text={errors[c.field]} />
          </div>
        ))}
      </div>

      <div class="highlight-preview" data-testid="highlight-preview">
        <p class="hint" data-testid="highlight-preview-caption">
          {previewCaption[granularity]}
        </p>
        <p class="highlight-sample">
          <span data-testid="preview-sentence" style={sentenceStyle}>
            {'This sentence is being read aloud, '}
            <span data-testid="preview-word" style={wordStyle}>
              {'word'}
            </span>
            {' by word.'}
          </span>
          {' The next sentence waits its turn.'}
        </p>
      </div>

      {TOGGLES.map((t) => (
        <div key={t.field}>
          <label class="checkbox">
            <input
              type="checkbox"
              id={t.id}
              checked={settings[t.field]}
              aria-describedby={`${t.id}-hint`}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                void save({ [t.field]: on }, t.field, `${t.label.toLowerCase()}: ${on ? 'on' : 'off'}`);
              }}
            />{' '}
            {t.label}
          </label>
          <p id={`${t.id}-hint`} class="hint toggle-hint">
            {t.hint}
          </p>
          <FieldError id={`${t.id}-error`} text={errors[t.field]} />
        </div>
      ))}

      <fieldset>
        <legend>Code blocks</legend>
        <p id="reading-code-blocks-hint" class="hint">
          Program code and other preformatted layout. Preformatted prose is always read as paragraphs.
        </p>
        {CODE_BLOCK_OPTIONS.map((o) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              id={`reading-code-blocks-${o.value}`}
              name="reading-code-blocks"
              value={o.value}
              checked={settings.codeBlocks === o.value}
              aria-describedby="reading-code-blocks-hint"
              onChange={() => void save({ codeBlocks: o.value }, 'codeBlocks', `code blocks: ${o.label.toLowerCase()}`)}
            />{' '}
            {o.label}
          </label>
        ))}
        <FieldError id="reading-code-blocks-error" text={errors.codeBlocks} />
      </fieldset>

      <StatusLine status={status} testId="reading-status" />
    </section>
  );
}
