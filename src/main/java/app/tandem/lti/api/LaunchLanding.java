package app.tandem.lti.api;

import jakarta.ws.rs.core.Response;

/**
 * What the browser sees right after a valid launch. Implemented outside {@code lti} (the page shell), so that
 * {@code lti} needs to know nothing about pages.
 */
public interface LaunchLanding {
    Response land(LaunchContext launch);
}
