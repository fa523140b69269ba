package app.tandem.web;

/** The request carries no live launch session: the person must launch Tandem from the LMS again. */
public class SessionRequiredException extends RuntimeException {
    public SessionRequiredException() {
        super("no live launch session", null, false, false);
    }
}
