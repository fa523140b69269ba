package app.tandem.lti.application;

/**
 * A dynamic registration that cannot finish. {@code detail} is for the log and, bounded, for the administrator's
 * page; it never contains a registration token, a link token or a URL's query.
 */
public class RegistrationFailedException extends RuntimeException {
    private final RegistrationProblem problem;
    private final String detail;

    public RegistrationFailedException(RegistrationProblem problem, String detail) {
        super(problem.code() + ": " + detail, null, false, false);
        this.problem = problem;
        this.detail = detail;
    }

    public RegistrationProblem problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }
}
