// One first visit: a fresh browser context opens /login and waits for the sign-in form. Prints
// JSON: ms from navigation start to the form's Sign in button being visible, and the bytes sent.
import { createRequire } from "node:module";

const require = createRequire(
  new URL("../../webapp/package.json", import.meta.url),
);
const { chromium } = require("playwright-core");
const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on("response", async (response) => {
    const length = Number((await response.allHeaders())["content-length"] ?? 0);
    bytes += length;
  });
  await page.goto(`${url}/login`, { waitUntil: "commit" });
  await page
    .getByRole("button", { name: "Sign in" })
    .waitFor({ state: "visible", timeout: 30_000 });
  const formMs = await page.evaluate(() => performance.now());
  const navigation = await page.evaluate(() => {
    const [entry] = performance.getEntriesByType("navigation");
    return {
      responseStart: entry.responseStart,
      domContentLoaded: entry.domContentLoadedEventEnd,
    };
  });
  console.log(
    JSON.stringify({
      formVisibleMs: Math.round(formMs),
      firstByteMs: Math.round(navigation.responseStart),
      domContentLoadedMs: Math.round(navigation.domContentLoaded),
      bytes,
    }),
  );
} finally {
  await browser.close();
}
