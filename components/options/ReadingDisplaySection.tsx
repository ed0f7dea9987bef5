// Reading and display: how the reading is followed on the page (highlight, colours, on-page player, paragraph
// buttons, auto-scroll) and what of a page is read (headline, bylines, tables, image descriptions, code). Every
// change is checked by the settings schema and stored at once; the result is announced in the section's status line.
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import { DEFAULT_HIGHLIGHT_COLORS } from '../../utils/highlight/highlight-colors';
import type { HighlightGranularity } from '../../utils/highlight/page-highlighter';
import type { CodeBlocks } from '../../utils/settings/reading-fields';
import type { Settings } from '../../utils/settings/settings-schema';
import { HighlightColorWarning, highlightColorWarningId } from './HighlightColorWarning';
import { describedBy, FieldError } from './NumberSetting';
import { GRANULARITY_OPTIONS, readableTextColor, toColorInputValue } from './reading-fields';
import { keepPlaceholders, messageParts } from '../message-parts';
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

type ColorKey = 'sentenceColor' | 'wordColor';
const COLOR_FIELDS: { field: ColorField; id: string; key: ColorKey }[] = [
  { field: 'highlightSentenceColor', id: 'reading-sentence-color', key: 'sentenceColor' },
  { field: 'highlightWordColor', id: 'reading-word-color', key: 'wordColor' },
];

// Each toggle's label, hint and "Saved" name are the messages display.<field>.label / .hint / .saved.
const TOGGLES: { field: ToggleField; id: string }[] = [
  { field: 'showMiniPlayer', id: 'reading-mini-player' },
  { field: 'paragraphPlayButtons', id: 'reading-paragraph-buttons' },
  { field: 'autoScroll', id: 'reading-auto-scroll' },
  { field: 'readHeadline', id: 'reading-headline' },
  { field: 'readBylines', id: 'reading-bylines' },
  { field: 'readTables', id: 'reading-tables' },
  { field: 'readImageAlt', id: 'reading-image-alt' },
];

const CODE_BLOCK_OPTIONS: { value: CodeBlocks; label: () => string; saved: () => string }[] = [
  {
    value: 'announce',
    label: () => i18n.t('display.codeBlocks.announce'),
    saved: () => i18n.t('display.codeBlocks.savedAnnounce'),
  },
  {
    value: 'lines',
    label: () => i18n.t('display.codeBlocks.lines'),
    saved: () => i18n.t('display.codeBlocks.savedLines'),
  },
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
    sentence: i18n.t('display.preview.sentence'),
    word: i18n.t('display.preview.word'),
    off: i18n.t('display.preview.off'),
  };
  const sample = i18n.t('display.preview.sample', keepPlaceholders('word'));

  return (
    <section aria-labelledby="reading-display-title" id="reading-display" data-testid="reading-display">
      <h2 id="reading-display-title">{i18n.t('display.title')}</h2>
      <p class="hint">{i18n.t('display.intro')}</p>

      <h3>{i18n.t('display.followHeading')}</h3>
      <fieldset>
        <legend>{i18n.t('display.highlightLegend')}</legend>
        {GRANULARITY_OPTIONS.map((o) => (
          <label class="radio" key={o.value}>
            <input
              type="radio"
              id={`reading-highlight-${o.value}`}
              name="reading-highlight"
              value={o.value}
              checked={granularity === o.value}
              onChange={() => void save({ highlightGranularity: o.value }, 'highlightGranularity', o.saved)}
            />{' '}
            {o.label}
          </label>
        ))}
        <FieldError id="reading-highlight-error" text={errors.highlightGranularity} />
      </fieldset>

      <div class="grid">
        {COLOR_FIELDS.map((c) => (
          <div class="field" key={c.field}>
            <label for={c.id}>{i18n.t(`display.${c.key}.label`)}</label>
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
                onChange={(e) => {
                  const color = e.currentTarget.value;
                  void save({ [c.field]: color }, c.field, i18n.t(`display.${c.key}.saved`, { color }));
                }}
              />
              {/* A CSS colour reads left to right in any language ("#ff0000", not "ff0000#" in Arabic). */}
              <span class="color-value" dir="ltr" data-testid={`${c.id}-value`}>
                {colors[c.field]}
              </span>
            </span>
            <p id={`${c.id}-hint`} class="hint">
              {i18n.t(`display.${c.key}.hint`)}
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
            {messageParts(sample, {
              word: (
                <span data-testid="preview-word" style={wordStyle}>
                  {i18n.t('display.preview.sampleWord')}
                </span>
              ),
            })}
          </span>{' '}
          {i18n.t('display.preview.sampleNext')}
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
                const state = i18n.t(on ? 'display.stateOn' : 'display.stateOff');
                void save(
                  { [t.field]: on },
                  t.field,
                  i18n.t('display.toggleSaved', { setting: i18n.t(`display.${t.field}.saved`), state }),
                );
              }}
            />{' '}
            {i18n.t(`display.${t.field}.label`)}
          </label>
          <p id={`${t.id}-hint`} class="hint toggle-hint">
            {i18n.t(`display.${t.field}.hint`)}
          </p>
          <FieldError id={`${t.id}-error`} text={errors[t.field]} />
        </div>
      ))}

      <fieldset>
        <legend>{i18n.t('display.codeBlocks.legend')}</legend>
        <p id="reading-code-blocks-hint" class="hint">
          {i18n.t('display.codeBlocks.hint')}
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
              onChange={() => void save({ codeBlocks: o.value }, 'codeBlocks', o.saved())}
            />{' '}
            {o.label()}
          </label>
        ))}
        <FieldError id="reading-code-blocks-error" text={errors.codeBlocks} />
      </fieldset>

      <StatusLine status={status} testId="reading-status" />
    </section>
  );
}
