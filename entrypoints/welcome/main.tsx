import { render } from 'preact';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import '../options/style.css';
import './style.css';

render(<WelcomePage />, document.getElementById('app')!);
