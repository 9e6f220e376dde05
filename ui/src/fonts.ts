// The web fonts of the first screen, loaded before it is built. While a web font is still
// loading, WebKitGTK draws its text in a system font, and looking one up for Thai and Khmer (the
// language picker names each language in itself) cost fontconfig about 100 ms of the first frame
// (docs/BENCHMARKS.md). Loading the faces first, from the app's own files, takes a few.
import { LANGUAGES } from "./i18n";

/** Resolves when the regular faces for every language's own name, and the bold Latin face, are
 * loaded (or could not be: the screen is then drawn in what there is). */
export async function loadFirstScreenFonts(): Promise<void> {
  const family = getComputedStyle(document.documentElement).fontFamily;
  const names = LANGUAGES.map((l) => l.name).join(" ");
  try {
    await Promise.all([document.fonts.load(`400 14px ${family}`, `Aa ${names}`), document.fonts.load(`700 14px ${family}`, "Aa")]);
  } catch {
    // A face that cannot be loaded is drawn in a fallback, as it would have been anyway.
  }
}
