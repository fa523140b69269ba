package app.tandem.common;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * The district audit log of coordinator actions (docs/operations.md, "Audit log"). Every feature records its
 * coordinator and admin-API state changes here, inside the transaction of the change (a JTA transaction, or a
 * {@link #together} block for the plain-JDBC stores), so a rolled-back action leaves no entry. Details are short text: never secrets, never student data. Implemented on plain JDBC by
 * {@link JdbcAuditTrail}.
 */
public interface AuditTrail {
    int PAGE_SIZE = 50;

    /** Who acted: a coordinator (person id and name as the LMS sent it) or a caller of the admin API. */
    enum ActorKind { COORDINATOR, ADMIN_API }

    record Actor(ActorKind kind, String personId, String name) {
        public static Actor coordinator(String personId, String name) {
            return new Actor(ActorKind.COORDINATOR, personId, name);
        }

        public static Actor adminApi() {
            return new Actor(ActorKind.ADMIN_API, null, "admin API");
        }
    }

    /** What the action was about: a type ("framework", "provider", …), its id and a readable label copied now. */
    record Target(String type, String id, String label) {
        public static Target of(String type, String id, String label) {
            return new Target(type, id, label);
        }
    }

    record Entry(String id, String districtId, OffsetDateTime at, ActorKind actorKind, String actorId, String actorName,
                 String action, String targetType, String targetId, String targetLabel, String details) {
    }


    /** The filters of a read: an action code and/or a person id (each null for all). */
    record Filter(String action, String actorId) {
        public static final Filter NONE = new Filter(null, null);
    }

    /**
     * Records one action in the caller's transaction.
     *
     * @param districtId the district the change belongs to; null only for admin-API changes of no district
     * @param action     a short code such as {@code framework.enabled} (lower case, dots)
     */
    void record(String districtId, Actor actor, String action, Target target, String details);

    /**
     * Runs a change together with its {@link #record} in one transaction, for changes written through
     * {@link Jdbc} outside a JTA transaction: the change and its entry are both written or neither is.
     */
    <T> T together(Supplier<T> changeAndRecord);

    default void together(Runnable changeAndRecord) {
        together(() -> {
            changeAndRecord.run();
            return null;
        });
    }

    /** Page {@code page} (from 1; past the last page: the last page) of the district's entries, newest first. */
    Paged<Entry> page(String districtId, int page, Filter filter);

    /** The action codes and the people (id → latest name) seen in the district's log, for the page's filters. */
    Choices choices(String districtId);

    record Choices(List<String> actions, List<Person> people) {
    }

    record Person(String id, String name) {
    }
}
