package app.tandem.coteaching.application;

import app.tandem.common.DistrictDataPart;
import app.tandem.lti.api.DistrictScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Co-teaching's share of a district's data: link groups and their sections, invitations (without their code
 * hashes), the co-teaching policy, the link log, plans with revisions, comments, presence and cancellations, and
 * calendar feeds (without their secrets). Failed invitation-code entries are erased, never exported.
 */
@ApplicationScoped
public class CoteachingDistrictData implements DistrictDataPart {
    private static final String PLANS = "plan_id IN (SELECT id FROM ct_plan WHERE district_id = ?)";
    private static final String GROUPS = "group_id IN (SELECT id FROM ct_link_group WHERE district_id = ?)";

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of("ct_plan_revision", "plan-revisions.jsonl", "Every saved version of every plan, with its author.", PLANS),
                Table.of("ct_plan_comment", "plan-comments.jsonl", "Comments on plans.", PLANS),
                Table.of("ct_plan_presence", "plan-presence.jsonl", "Who had a plan open in the last minute.", PLANS),
                Table.of("ct_plan", "plans.jsonl", "Co-teaching plans: the whole plan document, status and dates.", "district_id = ?"),
                Table.of("ct_plan_cancelled", "cancelled-plans.jsonl", "Cancelled lessons, kept so calendars remove them.", "district_id = ?"),
                Table.of("ct_calendar_feed", "calendar-feeds.jsonl", "Teachers' calendar subscriptions.", "district_id = ?")
                        .without("secret: only a hash of the subscription address's token", "token_hash"),
                Table.of("ct_invitation", "link-invitations.jsonl", "Invitations to link sections.", "district_id = ?")
                        .without("secret: only a hash of the one-time code", "code_hash"),
                Table.of("ct_group_section", "link-group-sections.jsonl", "Which sections are in which link group.", GROUPS),
                Table.of("ct_link_group", "link-groups.jsonl", "Link groups of co-taught sections.", "district_id = ?"),
                Table.of("ct_link_audit", "link-log.jsonl", "The co-teaching link log: invitations, joins, leaves, policy changes.", "district_id = ?"),
                Table.of("ct_district_policy", "coteaching-policy.jsonl", "The district's co-teaching policy.", "district_id = ?"),
                Table.notExported("ct_code_failure", "Wrong invitation codes entered: rate-limit records kept about an hour.",
                        "person_id IN (" + DistrictScope.OWN_PEOPLE + ")"));
    }

    @Override
    public Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
        String as = " = '" + DELETED_PERSON + "' WHERE ";
        return DistrictDataPart.forPerson(c, personId,
                "DELETE FROM ct_plan_presence WHERE person_id = ?",
                "DELETE FROM ct_code_failure WHERE person_id = ?",
                "DELETE FROM ct_calendar_feed WHERE person_id = ?",
                "UPDATE ct_plan_revision SET author_name" + as + "author_id = ?",
                "UPDATE ct_plan_comment SET author_name" + as + "author_id = ?",
                "UPDATE ct_plan SET updated_by_name" + as + "updated_by = ?",
                "UPDATE ct_plan_cancelled SET cancelled_by_name" + as + "cancelled_by = ?",
                "UPDATE ct_invitation SET created_by_name" + as + "created_by = ?",
                "UPDATE ct_link_audit SET actor_name" + as + "actor_id = ?");
    }
}
