// Reading and display: how the reading is followed on the page (highlight, colours, on-page player, paragraph
// buttons, auto-scroll), the general reading defaults (pitch, speed, pauses, sample rate), the audio cache limit
// and forgetting reading positions. Every change is checked by the settings schema and stored at once; the result
// is announced in the section's status line.
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_HIGHLIGHT_COLORS } from '../../utils/highlight/highlight-colors';
import type { HighlightGranularity } from '../../utils/highlight/page-highlighter';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { applyCacheCap } from '../../utils/privacy/cache-usage';
import type { CodeBlocks } from '../../utils/settings/reading-fields';
import type { Settings } from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import {
  checkPatch,
  formatValue,
  GRANULARITY_OPTIONS,
  NUMBER_FIELDS,
  parseNumberDraft,
  readableTextColor,
  SAMPLE_RATE_OPTIONS,
  toColorInputValue,
  type NumberField,
  type NumberFieldSpec,
} from './reading-fields';
import { HighlightColorWarning, highlightColorWarningId } from './HighlightColorWarning';
import { StatusLine, type Status } from './StatusLine';
import { messageOf } from './use-settings';

type ColorField = 'highlightSentenceColor' | 'highlightWordColor';
type ToggleField =
  | 'showMiniPlayer'
  | 'paragraphPlayButtons'
  | 'autoScroll'
  | 'readHeadline'
  | 'readBylines'
  | 'readTables'
  | 'readImageAlt';
type Errors = Partial<Record<keyof Settings, string>>;

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

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} class="field-error">
      {text}
    </p>
  ) : null;
}

function NumberSetting({
  spec,
  value,
  error,
  onCommit,
  onValid,
}: {
  spec: NumberFieldSpec;
  value: number;
  error: string | undefined;
  onCommit: (field: NumberField, text: string) => void;
  onValid: (field: NumberField) => void;
}) {
  const [text, setText] = useState(String(value));
  const input = useRef<HTMLInputElement>(null);
  // Another context (the popup, an import) changed the value: show it, unless the person is typing here.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(String(value));
  }, [value]);

  // Enter commits, and Chrome may follow it with a change event for the same text: store it once.
  const committed = useRef<string | null>(null);
  const commit = () => {
    if (text === committed.current) return;
    committed.current = text;
    if (error === undefined && Number(text) === value && text.trim() !== '') return;
    onCommit(spec.field, text);
  };
  const hintId = `${spec.id}-hint`;
  const errorId = `${spec.id}-error`;
  return (
    <div class="field">
      <label for={spec.id}>{spec.label}</label>
      <input
        id={spec.id}
        ref={input}
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={text}
        aria-describedby={describedBy(hintId, error && errorId)}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          committed.current = null;
          // A mistake being corrected: its message goes as soon as the value is acceptable (stored on commit).
          if (error && parseNumberDraft(spec.field, next).ok) onValid(spec.field);
        }}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <p id={hintId} class="hint">
        {spec.hint}
      </p>
      <FieldError id={errorId} text={error} />
    </div>
  );
}

export function ReadingDisplaySection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<Errors>({});
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

  const setError = (field: keyof Settings, message: string | undefined) =>
    setErrors((old) => {
      const next = { ...old };
      if (message === undefined) delete next[field];
      else next[field] = message;
      return next;
    });

  /** Checks and stores one setting; `saved` describes it for the status line. Returns whether it was stored. */
  async function save(
    patch: Partial<Record<keyof Settings, unknown>>,
    field: keyof Settings,
    saved: string,
  ): Promise<boolean> {
    const checked = checkPatch(patch);
    if (!checked.ok) {
      setError(field, checked.message);
      setStatus({ kind: 'error', text: `${checked.message} Not saved.` });
      return false;
    }
    try {
      await updateSettings(checked.patch);
    } catch (err) {
      setError(field, messageOf(err));
      setStatus({ kind: 'error', text: `${messageOf(err)} Not saved.` });
      return false;
    }
    setError(field, undefined);
    setStatus({ kind: 'ok', text: `Saved: ${saved}.` });
    return true;
  }

  async function commitNumber(field: NumberField, text: string) {
    const spec = NUMBER_FIELDS[field];
    const parsed = parseNumberDraft(field, text);
    if (!parsed.ok) {
      setError(field, parsed.message);
      setStatus({ kind: 'error', text: `${parsed.message} Not saved.` });
      return;
    }
    const value = parsed.patch[field] as number;
    const stored = await save(parsed.patch, field, `${spec.name} ${formatValue(value, spec.unit)}`);
    if (stored && field === 'cacheCapMB') {
      try {
        await applyCacheCap(value);
      } catch (err) {
        setStatus({
          kind: 'error',
          text: `The limit was saved, but older audio could not be removed yet: ${messageOf(err)}`,
        });
      }
    }
  }

  async function forgetPositions() {
    try {
      await backgroundMessenger.sendMessage('clearReadingPositions', undefined);
      setStatus({
        kind: 'ok',
        text: 'Reading positions forgotten: pages no longer offer to continue where you stopped.',
      });
    } catch (err) {
      setStatus({ kind: 'error', text: `Reading positions could not be forgotten: ${messageOf(err)}` });
    }
  }

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

      <h3>Reading defaults</h3>
      <p class="hint">Used on every site without a preset of its own, from the next reading on.</p>
      <div class="grid">
        {(['pitch', 'rate', 'sentencePauseMs', 'paragraphPauseMs'] as const).map((f) => (
          <NumberSetting
            key={f}
            spec={NUMBER_FIELDS[f]}
            value={settings[f]}
            error={errors[f]}
            onCommit={(field, text) => void commitNumber(field, text)}
            onValid={(field) => setError(field, undefined)}
          />
        ))}
        <div class="field">
          <label for="reading-sample-rate">Audio quality (sample rate)</label>
          <select
            id="reading-sample-rate"
            value={String(settings.sampleRate)}
            aria-describedby={describedBy('reading-sample-rate-hint', errors.sampleRate && 'reading-sample-rate-error')}
            onChange={(e) => {
              const rate = Number(e.currentTarget.value);
              void save({ sampleRate: rate }, 'sampleRate', `audio quality ${formatValue(rate, 'Hz')}`);
            }}
          >
            {SAMPLE_RATE_OPTIONS.map((o) => (
              <option key={o.value} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
          <p id="reading-sample-rate-hint" class="hint">
            Higher rates sound clearer and take more data and cache space.
          </p>
          <FieldError id="reading-sample-rate-error" text={errors.sampleRate} />
        </div>
      </div>

      <h3>Storage</h3>
      <NumberSetting
        spec={NUMBER_FIELDS.cacheCapMB}
        value={settings.cacheCapMB}
        error={errors.cacheCapMB}
        onCommit={(field, text) => void commitNumber(field, text)}
        onValid={(field) => setError(field, undefined)}
      />
      <div class="actions">
        <button
          type="button"
          id="reading-forget-positions"
          aria-describedby="reading-forget-positions-hint"
          onClick={() => void forgetPositions()}
        >
          Forget reading positions
        </button>
      </div>
      <p id="reading-forget-positions-hint" class="hint">
        Where you stopped on each page is remembered so you can continue later. This forgets every page.
      </p>
      <StatusLine status={status} testId="reading-status" />
    </section>
  );
}
