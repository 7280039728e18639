/** The strings of the live preview on the model screen (preview/preview-panel.tsx). */
import { defineStrings } from './define.js';

export const preview = defineStrings(
  {
    pvTitle: 'Förhandsvisning',
    pvBadge: (trials: string) => `Förhandsvisning · ${trials} simuleringar · inte sparad`,
    pvIntro:
      'Räknas om här i webbläsaren när du ändrar modellen eller bockar i åtgärder. Inget skickas till servern och inget sparas. För ett sparat resultat med fler simuleringar: Starta beräkningen ovan.',
    pvRunning: 'Räknar om …',
    pvRefining: (first: string, full: string) => `Första bild av ${first} simuleringar; räknar vidare till ${full} …`,
    pvDone: (seconds: string) => `Uppdaterad, beräknad på ${seconds} s.`,
    pvInvalid: 'Modellen är inte giltig just nu. Visar den senaste giltiga förhandsvisningen (nedtonad):',
    pvInvalidNoResult: 'Modellen är inte giltig just nu, så det finns ingen förhandsvisning:',
    pvError: (message: string) => `Förhandsvisningen kunde inte räknas: ${message}`,
    pvStale: 'Nedtonat: visar den senaste förhandsvisningen, inte det som står på skärmen nu.',
    pvYearsTitle: (label: string) => `Väntad kostnad per år: ${label}`,
    pvTotal: 'Hela perioden',
    pvAgainstBaseline: (msek: string, lower: boolean) => `${msek} mkr ${lower ? 'lägre' : 'högre'} än nuläget (medel, parvis)`,
    pvShow: 'Visa i diagrammet',
    pvDownload: 'Ladda ner förhandsvisningen (JSON)',
    pvDownloadHelp:
      'Samma format som en sparad beräknings JSON; samma siffror som kommandoraden ger för samma simuleringar och startvärde.',
  },
  {
    pvTitle: 'Preview',
    pvBadge: (trials: string) => `Preview · ${trials} trials · not saved`,
    pvIntro:
      'Recomputed here in the browser whenever you change the model or tick options. Nothing is sent to the server and nothing is saved. For a saved result with more trials: Start the run above.',
    pvRunning: 'Recomputing …',
    pvRefining: (first: string, full: string) => `First picture from ${first} trials; going on to ${full} …`,
    pvDone: (seconds: string) => `Up to date, computed in ${seconds} s.`,
    pvInvalid: 'The model is not valid right now. Showing the last valid preview (dimmed):',
    pvInvalidNoResult: 'The model is not valid right now, so there is no preview:',
    pvError: (message: string) => `The preview could not be computed: ${message}`,
    pvStale: 'Dimmed: showing the last preview, not what is on screen now.',
    pvYearsTitle: (label: string) => `Expected cost per year: ${label}`,
    pvTotal: 'Whole period',
    pvAgainstBaseline: (msek: string, lower: boolean) => `${msek} MSEK ${lower ? 'below' : 'above'} the baseline (mean, paired)`,
    pvShow: 'Show in the chart',
    pvDownload: 'Download the preview (JSON)',
    pvDownloadHelp: "The same format as a saved run's JSON; the same numbers as the command line gives for the same trials and seed.",
  },
);
