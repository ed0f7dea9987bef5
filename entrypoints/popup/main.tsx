import { render } from 'preact';
function App() { return <main><h1>VocaliD Read Aloud</h1></main>; }
render(<App />, document.getElementById('app')!);
