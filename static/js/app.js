// Progressive enhancement for GOV.UK Frontend components. Loaded as a module, so only
// browsers that GOV.UK Frontend supports run it; no inline script is needed (the
// Content Security Policy forbids it).
import { initAll } from "../dist/govuk-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initTimeoutWarning();
