import { render } from 'preact';
import { VoiceStudioApp } from '../../components/voice-studio/VoiceStudioApp';
import './style.css';

render(<VoiceStudioApp />, document.getElementById('app')!);
