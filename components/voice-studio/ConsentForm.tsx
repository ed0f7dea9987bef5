import { useState } from 'preact/hooks';
import type { StudioRegistration } from '../../utils/voice-studio/studio-status';

interface Props {
  busy: boolean;
  onAgree(registration: StudioRegistration): void;
}

/** What recording means, in plain words, before anything is created or recorded. */
export function ConsentForm({ busy, onAgree }: Props) {
  const [gender, setGender] = useState<StudioRegistration['gender'] | ''>('');
  const [age, setAge] = useState('');
  const [problem, setProblem] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    const years = /^\d{1,3}$/.test(age.trim()) ? Number(age.trim()) : NaN;
    if (!gender) return setProblem('Choose male, female or other.');
    if (!Number.isInteger(years) || years < 1 || years > 130)
      return setProblem('Enter your age as a whole number of years (1 to 130).');
    setProblem('');
    onAgree({ gender, age: years });
  };

  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">Before you start</h2>
      <ul class="plain-words">
        <li>
          You will read short sentences aloud. Each recording is sent to the VocaliD server you use for reading, with
          the sentence it belongs to.
        </li>
        <li>
          VocaliD keeps your recordings and builds a voice from them that sounds like you. The voice belongs to your
          VocaliD account and only you can read with it.
        </li>
        <li>
          To register, VocaliD asks for your gender and your age. Nothing else about you is sent, and nothing is
          recorded until you press Record.
        </li>
        <li>
          Recordings stay on this computer until the server has received them. “Clear progress” deletes them from this
          computer. Recordings already sent stay with VocaliD; to have them deleted, ask VocaliD (the API offers no way
          to delete them from here).
        </li>
      </ul>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Gender</legend>
          {(['female', 'male', 'other'] as const).map((g) => (
            <label class="radio" key={g}>
              <input type="radio" name="gender" value={g} checked={gender === g} onChange={() => setGender(g)} /> {g}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="age">Age (years)</label>
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
          I agree — create my voice account
        </button>
      </form>
    </section>
  );
}
