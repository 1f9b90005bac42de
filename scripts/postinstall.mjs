// Runs after every npm install / npm ci. It must never fail the install and must
// not hang on a machine without internet access: it builds the `jfp` command
// line bundle (so `npx jfp --help` works at once), then tries to build
// better-sqlite3 for Electron and, if it cannot, says so in one line and moves
// on. Tests never need the Electron build; `npm start` tries again.
import { buildCli, copyTemplates } from './build.mjs';
import { ensureElectronAddon } from './native-electron.mjs';

const SECOND = 1000;
const LATER = 'npm test is unaffected; run `npm start` on a machine with internet access';

function message(error) {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

async function commandLine() {
  try {
    copyTemplates();
    await buildCli();
  } catch (error) {
    console.error(`jfp: could not build the jfp command line (${message(error)}); run \`node scripts/build.mjs --cli\` to see why.`);
  }
}

async function electronAddon() {
  if (process.env.JFP_SKIP_ELECTRON_BUILD) {
    console.error(`jfp: skipped building better-sqlite3 for Electron (JFP_SKIP_ELECTRON_BUILD is set); ${LATER}.`);
    return;
  }
  try {
    const result = await ensureElectronAddon({
      timeouts: { headersMs: 60 * SECOND },
      log: (line) => console.error(line),
    });
    if (result.status === 'built') console.error(`jfp: built better-sqlite3 for Electron ${result.electronVersion}.`);
  } catch (error) {
    const why = error?.reason === 'headers' && !/timed out/.test(error.message) ? 'could not download Electron headers' : message(error);
    console.error(`jfp: skipped building better-sqlite3 for Electron (${why}); ${LATER}.`);
  }
}

try {
  await commandLine();
  await electronAddon();
} catch (error) {
  console.error(`jfp: postinstall step skipped (${message(error)}).`);
}
process.exitCode = 0;
