import { useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import type { StudioRegistration } from '../../utils/voice-studio/studio-status';

interface Props {
  busy: boolean;
  onAgree(registration: StudioRegistration): void;
}

/** The answers VocaliD's registration takes, in the order they are offered. */
const GENDER_CHOICES = [
  ['female', 'studio.genderFemale'],
  ['male', 'studio.genderMale'],
  ['other', 'studio.genderOther'],
] as const;

/** What recording means, in plain words, before anything is created or recorded. */
export function ConsentForm({ busy, onAgree }: Props) {
  const [gender, setGender] = useState<StudioRegistration['gender'] | ''>('');
  const [age, setAge] = useState('');
  const [problem, setProblem] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    const years = /^\d{1,3}$/.test(age.trim()) ? Number(age.trim()) : NaN;
    if (!gender) return setProblem(i18n.t('studio.genderRequired'));
    if (!Number.isInteger(years) || years < 1 || years > 130) return setProblem(i18n.t('studio.ageRequired'));
    setProblem('');
    onAgree({ gender, age: years });
  };

  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">{i18n.t('studio.consentTitle')}</h2>
      <ul class="plain-words">
        <li>{i18n.t('studio.consent.read')}</li>
        <li>{i18n.t('studio.consent.keep')}</li>
        <li>{i18n.t('studio.consent.register')}</li>
        <li>{i18n.t('studio.consent.delete')}</li>
      </ul>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{i18n.t('studio.gender')}</legend>
          {GENDER_CHOICES.map(([g, label]) => (
            <label class="radio" key={g}>
              <input type="radio" name="gender" value={g} checked={gender === g} onChange={() => setGender(g)} />{' '}
              {i18n.t(label)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="age">{i18n.t('studio.age')}</label>
          <input
            id="age"
            inputMode="numeric"
            value={age}
            onInput={(e) => setAge(e.currentTarget.value)}
            aria-describedby={problem ? 'consent-problem' : undefined}
          />
        </div>
        {problem && (
          <p id="consent-problem" class="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {i18n.t('studio.agree')}
        </button>
      </form>
    </section>
  );
}
