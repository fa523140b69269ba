package app.tandem.lti.api;

import java.time.Instant;
import java.util.List;

/** A section's gradebook through LTI Assignment and Grade Services 2.0. */
public interface Grades {

    record LineItem(String id, String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {
    }

    /** A score for one learner ({@code userId} is the LTI sub). Progress values as in AGS (e.g. Completed, FullyGraded). */
    record Score(String userId, Double scoreGiven, Double scoreMaximum, String activityProgress, String gradingProgress,
                 String comment, Instant timestamp) {
    }

    record Result(String id, String userId, Double resultScore, Double resultMaximum, String comment) {
    }

    /** Line items of the section, all pages, optionally filtered (null = no filter). */
    List<LineItem> lineItems(String sectionId, String resourceId, String tag, String resourceLinkId);

    LineItem create(String sectionId, LineItem item);

    LineItem update(String sectionId, LineItem item);

    void delete(String sectionId, String lineItemId);

    void submitScore(String sectionId, String lineItemId, Score score);

    List<Result> results(String sectionId, String lineItemId);
}
