import { render } from 'preact';
import { VoiceStudioApp } from '../../components/voice-studio/VoiceStudioApp';
import '../options/style.css';
import './style.css';

render(<VoiceStudioApp />, document.getElementById('app')!);
