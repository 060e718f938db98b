import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import '../parts/page.css';
import './staff.css';
import './app.ts';
