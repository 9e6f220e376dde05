// The web fonts of the first screen, loaded before it is built. Text whose face is not loaded yet
// is not drawn (font-display: block, styles.css); drawing it in a system font meanwhile, for Thai
// and Khmer (the language picker names each language in itself), cost fontconfig about 100 ms of
// the first frame (docs/BENCHMARKS.md). Loading the faces first, from the app's own files, takes
// a few; the page's HTML asks for them before this script runs (FIRST_SCREEN_FACES in
// vite.config.ts), so they are usually loaded by the time it asks.
import { LANGUAGES } from "./i18n";

/** The longest the first screen waits for faces still loading; a face that takes longer is drawn
 * when it comes. */
const READY_MS = 1000;

/** Resolves when the regular faces for every language's own name, and the bold Latin face, are
 * loaded (or could not be: the screen is then drawn in what there is). */
export async function loadFirstScreenFonts(): Promise<void> {
  const family = getComputedStyle(document.documentElement).fontFamily;
  const names = LANGUAGES.map((l) => l.name).join(" ");
  try {
    await Promise.all([document.fonts.load(`400 14px ${family}`, `Aa ${names}`), document.fonts.load(`700 14px ${family}`, "Aa")]);
    // WebKit resolves load() once the first face for the text has loaded, with others (Khmer,
    // after Thai) still loading: `ready` waits for every load under way, for a second at most.
    await Promise.race([document.fonts.ready, new Promise((resolve) => setTimeout(resolve, READY_MS))]);
  } catch {
    // A face that cannot be loaded is drawn in a fallback, as it would have been anyway.
  }
}
