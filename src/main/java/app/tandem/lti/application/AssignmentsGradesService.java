package app.tandem.lti.application;

import app.tandem.lti.api.Grades;
import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.api.PlatformServiceException.Kind;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import app.tandem.lti.domain.SectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Assignment and Grade Services 2.0: line items (list with paging and filters, create, update, delete), scores
 * and results of a section, through the section's line-items endpoint from its launches. Line item URLs must
 * stay on the LMS's own origin (Tandem never sends its token elsewhere); {@code /scores} and {@code /results}
 * go before any query string (Moodle's line item URLs carry {@code ?type_id=}).
 */
@ApplicationScoped
public class AssignmentsGradesService implements Grades {
    static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
    static final String LINEITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String SCORE = "application/vnd.ims.lis.v1.score+json";
    static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ServiceConnector connector;

    @Inject
    RegistrationService registrations;

    private record Endpoint(SectionEntity section, PlatformRegistrationEntity registration) {
    }

    @Override
    public List<LineItem> lineItems(String sectionId, String resourceId, String tag, String resourceLinkId) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_LINEITEM_READONLY);
        String url = Paging.withQuery(e.section().agsLineItemsUrl, filters(resourceId, tag, resourceLinkId));
        List<LineItem> items = new ArrayList<>();
        for (int page = 0; url != null; page++) {
            if (page >= Paging.MAX_PAGES) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's gradebook has more pages than Tandem reads.", 0);
            }
            sameOrigin(e, url);
            ServiceConnector.Answer a = connector.call(e.registration(), scopes(e, ToolConfiguration.SCOPE_LINEITEM_READONLY),
                    ServiceConnector.request(url, LINEITEMS).GET());
            JsonValue json = a.json();
            if (json.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's line items answer is not a list.", a.status());
            }
            for (JsonValue v : json.asJsonArray()) {
                if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                    items.add(lineItem(v.asJsonObject()));
                }
            }
            url = Paging.next(a.raw());
        }
        return items;
    }

    @Override
    public LineItem create(String sectionId, LineItem item) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_LINEITEM);
        ServiceConnector.Answer a = connector.call(e.registration(), Set.of(ToolConfiguration.SCOPE_LINEITEM),
                ServiceConnector.request(e.section().agsLineItemsUrl, LINEITEM).header("Content-Type", LINEITEM)
                        .POST(HttpRequest.BodyPublishers.ofString(json(item).build().toString())));
        return lineItem(object(a));
    }

    @Override
    public LineItem update(String sectionId, LineItem item) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_LINEITEM);
        sameOrigin(e, item.id());
        ServiceConnector.Answer a = connector.call(e.registration(), Set.of(ToolConfiguration.SCOPE_LINEITEM),
                ServiceConnector.request(item.id(), LINEITEM).header("Content-Type", LINEITEM)
                        .PUT(HttpRequest.BodyPublishers.ofString(json(item).add("id", item.id()).build().toString())));
        return lineItem(object(a));
    }

    @Override
    public void delete(String sectionId, String lineItemId) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_LINEITEM);
        sameOrigin(e, lineItemId);
        connector.call(e.registration(), Set.of(ToolConfiguration.SCOPE_LINEITEM),
                ServiceConnector.request(lineItemId, LINEITEM).DELETE());
    }

    @Override
    public void submitScore(String sectionId, String lineItemId, Score score) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_SCORE);
        sameOrigin(e, lineItemId);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("userId", score.userId())
                .add("timestamp", (score.timestamp() == null ? Instant.now() : score.timestamp()).toString())
                .add("activityProgress", score.activityProgress() == null ? "Completed" : score.activityProgress())
                .add("gradingProgress", score.gradingProgress() == null ? "FullyGraded" : score.gradingProgress());
        if (score.scoreGiven() != null) {
            body.add("scoreGiven", score.scoreGiven()).add("scoreMaximum", score.scoreMaximum() == null ? 1.0 : score.scoreMaximum());
        }
        if (score.comment() != null) {
            body.add("comment", score.comment());
        }
        connector.call(e.registration(), Set.of(ToolConfiguration.SCOPE_SCORE),
                ServiceConnector.request(Paging.withPath(lineItemId, "scores"), "application/json").header("Content-Type", SCORE)
                        .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    }

    @Override
    public List<Result> results(String sectionId, String lineItemId) {
        Endpoint e = endpoint(sectionId, ToolConfiguration.SCOPE_RESULT_READONLY);
        sameOrigin(e, lineItemId);
        List<Result> results = new ArrayList<>();
        String url = Paging.withPath(lineItemId, "results");
        for (int page = 0; url != null && page < Paging.MAX_PAGES; page++) {
            sameOrigin(e, url);
            ServiceConnector.Answer a = connector.call(e.registration(), Set.of(ToolConfiguration.SCOPE_RESULT_READONLY),
                    ServiceConnector.request(url, RESULTS).GET());
            JsonValue json = a.json();
            if (json.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's results answer is not a list.", a.status());
            }
            for (JsonValue v : json.asJsonArray()) {
                if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                    JsonObject o = v.asJsonObject();
                    results.add(new Result(text(o, "id"), text(o, "userId"), number(o, "resultScore"), number(o, "resultMaximum"), text(o, "comment")));
                }
            }
            url = Paging.next(a.raw());
        }
        return results;
    }

    private Endpoint endpoint(String sectionId, String scope) {
        SectionEntity section = sectionId == null ? null : em.find(SectionEntity.class, sectionId);
        if (section == null || section.agsLineItemsUrl == null) {
            throw new PlatformServiceException(Kind.NOT_OFFERED,
                    "The LMS has not offered its gradebook service (AGS) for this course.", 0);
        }
        if (section.agsScopes != null && !section.agsScopes.isBlank() && !List.of(section.agsScopes.split(" ")).contains(scope)
                && !(scope.equals(ToolConfiguration.SCOPE_LINEITEM_READONLY) && section.agsScopes.contains(ToolConfiguration.SCOPE_LINEITEM))) {
            throw new PlatformServiceException(Kind.NOT_OFFERED, "The LMS did not grant Tandem this gradebook permission (" + scope + ").", 0);
        }
        return new Endpoint(section, registrations.entity(section.registrationId));
    }

    /** Read with the narrowest scope the platform granted. */
    private static Set<String> scopes(Endpoint e, String wanted) {
        String granted = e.section().agsScopes == null ? "" : e.section().agsScopes;
        return granted.contains(wanted) ? Set.of(wanted) : Set.of(ToolConfiguration.SCOPE_LINEITEM);
    }

    private static void sameOrigin(Endpoint e, String url) {
        String origin = Origins.of(url);
        if (origin == null || !origin.equals(Origins.of(e.section().agsLineItemsUrl))) {
            throw new PlatformServiceException(Kind.MALFORMED, "A line item URL points outside the LMS; Tandem will not call it.", 0);
        }
    }

    private static String filters(String resourceId, String tag, String resourceLinkId) {
        List<String> q = new ArrayList<>();
        if (resourceId != null) q.add("resource_id=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8));
        if (tag != null) q.add("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        if (resourceLinkId != null) q.add("resource_link_id=" + URLEncoder.encode(resourceLinkId, StandardCharsets.UTF_8));
        return String.join("&", q);
    }

    private static JsonObjectBuilder json(LineItem item) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("label", item.label()).add("scoreMaximum", item.scoreMaximum());
        if (item.resourceId() != null) b.add("resourceId", item.resourceId());
        if (item.tag() != null) b.add("tag", item.tag());
        if (item.resourceLinkId() != null) b.add("resourceLinkId", item.resourceLinkId());
        return b;
    }

    private static JsonObject object(ServiceConnector.Answer a) {
        JsonValue v = a.json();
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PlatformServiceException(Kind.MALFORMED, "The LMS's line item answer is not an object.", a.status());
        }
        return v.asJsonObject();
    }

    private static LineItem lineItem(JsonObject o) {
        Double max = number(o, "scoreMaximum");
        return new LineItem(text(o, "id"), text(o, "label"), max == null ? 0 : max, text(o, "resourceId"), text(o, "tag"),
                text(o, "resourceLinkId"));
    }

    private static String text(JsonObject o, String f) {
        return o.get(f) instanceof JsonString s ? s.getString() : null;
    }

    private static Double number(JsonObject o, String f) {
        return o.get(f) instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
