/** How far ahead the home's "ending soon" trials look. */
export const TRIAL_SOON_DAYS = 7;
/** How many failed jobs the home lists by name. */
export const FAILURE_LIST_LIMIT = 5;
