package app.tandem.lti.web;

import app.tandem.lti.application.StateTokens;

/** The cookie binding an OIDC state to the browser that started the login: SameSite=None so the LMS's cross-site form POST carries it. */
final class StateCookie {
    private StateCookie() {
    }

    static String set(String contextPath, String stateId, String binding) {
        return StateTokens.cookieName(stateId) + "=" + binding + "; Path=" + contextPath + "/lti/; Max-Age="
                + StateTokens.LIFETIME.toSeconds() + "; Secure; HttpOnly; SameSite=None; Partitioned";
    }

    static String clear(String contextPath, String stateId) {
        return StateTokens.cookieName(stateId) + "=; Path=" + contextPath + "/lti/; Max-Age=0; Secure; HttpOnly; SameSite=None; Partitioned";
    }
}
