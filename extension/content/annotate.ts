// Content script injected on the person's request into any page (popup
// button, context menu), under activeTab: see on-request.ts.
import { runOnRequest } from "./on-request.ts";

runOnRequest();
