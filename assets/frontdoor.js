// Start the GOV.UK Frontend components on every page (error summaries, notification banners, headers).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
