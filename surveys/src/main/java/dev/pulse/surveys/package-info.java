/** Surveys: definitions, invitations with contact-fatigue rules, public response pages and follow-up cases. */
package dev.pulse.surveys;
